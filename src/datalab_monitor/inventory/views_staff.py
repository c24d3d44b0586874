"""Pages for researchers (staff login): waves, the response monitor, invitation links.

Everything works without JavaScript: actions are plain POST forms. Delivering links (CSV or
e-mail) issues new links, because tokens are stored only as hashes (see ``invitations``).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from datalab_monitor.core.access import require_permission
from datalab_monitor.core.roles import MANAGE_WAVE, VIEW_ANSWERS, VIEW_MONITOR
from datalab_monitor.registry.models import Datalab
from datalab_monitor.registry.translated import current_language

from .forms import WaveCreateForm
from .invitations import email_invitations, links_csv
from .models import Response, Wave
from .monitor import build_monitor
from .services import close_wave, create_wave, issue_invitations, open_wave
from .views_form import answer_summary


def _crumbs(*items: tuple[str, str]) -> list[tuple[str, str]]:
    return [(reverse("inventory:wave-list"), _("Inventory waves")), *items]


@require_permission(VIEW_MONITOR, private=True)
def wave_list(request: HttpRequest) -> HttpResponse:
    waves = Wave.objects.prefetch_related("invited_labs")
    rows = [{"wave": wave, "monitor": build_monitor(wave)} for wave in waves]
    return render(
        request,
        "inventory/staff/wave_list.html",
        {"rows": rows, "breadcrumbs": [("", _("Inventory waves"))]},
    )


@require_permission(MANAGE_WAVE, private=True)
def wave_create(request: HttpRequest) -> HttpResponse:
    form = WaveCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        wave = create_wave(
            year=data["year"],
            slug=data["slug"],
            title_nl=data["title_nl"],
            title_en=data["title_en"],
            questionnaire_version=data["questionnaire_version"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            labs=data["labs"],
            previous_wave=data["previous_wave"],
        )
        messages.success(
            request,
            _("The wave was created with %(count)d invited labs. Open it, then deliver the links.")
            % {"count": wave.invited_labs.count()},
        )
        return redirect("inventory:wave-detail", slug=wave.slug)
    return render(
        request,
        "inventory/staff/wave_create.html",
        {"form": form, "breadcrumbs": _crumbs(("", _("New wave")))},
    )


@require_permission(VIEW_MONITOR, private=True)
def wave_detail(request: HttpRequest, slug: str) -> HttpResponse:
    wave = get_object_or_404(Wave, slug=slug)
    return render(
        request,
        "inventory/staff/wave_detail.html",
        {
            "wave": wave,
            "monitor": build_monitor(wave),
            "accepts_answers": wave.accepts_answers(),
            "without_address": wave.invited_labs.filter(contact_email="").count(),
            "breadcrumbs": _crumbs(("", str(wave))),
        },
    )


@require_permission(MANAGE_WAVE, private=True)
@require_POST
def wave_status(request: HttpRequest, slug: str) -> HttpResponse:
    wave = get_object_or_404(Wave, slug=slug)
    action = request.POST.get("action")
    if action == "open":
        open_wave(wave)
        messages.success(request, _("The wave is open: invited labs can fill in the form."))
    elif action == "close":
        close_wave(wave)
        messages.success(request, _("The wave is closed: links no longer accept answers."))
    return redirect("inventory:wave-detail", slug=wave.slug)


@require_permission(MANAGE_WAVE, private=True)
@require_POST
def links_download(request: HttpRequest, slug: str) -> HttpResponse:
    """Issue new links for every invited lab and download them as CSV (one-time)."""
    wave = get_object_or_404(Wave, slug=slug)
    issued = issue_invitations(wave)
    content = links_csv(issued, request.build_absolute_uri)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="links-{wave.slug}-{stamp}.csv"'
    return response


@require_permission(MANAGE_WAVE, private=True)
@require_POST
def links_email(request: HttpRequest, slug: str) -> HttpResponse:
    wave = get_object_or_404(Wave, slug=slug)
    report = email_invitations(wave, request.build_absolute_uri)
    messages.success(
        request, _("Invitations e-mailed to %(count)d labs.") % {"count": len(report.sent)}
    )
    if report.without_address:
        names = ", ".join(f"{lab.number}. {lab.name}" for lab in report.without_address)
        messages.warning(
            request,
            _("No contact address known, so no e-mail sent, for: %(labs)s.") % {"labs": names},
        )
    return redirect("inventory:wave-detail", slug=wave.slug)


@require_permission(VIEW_ANSWERS, private=True)
def response_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    wave = get_object_or_404(Wave, slug=slug)
    lab = get_object_or_404(Datalab, number=number)
    response = get_object_or_404(Response, wave=wave, lab=lab)
    questionnaire = wave.questionnaire()
    _cleaned, errors = questionnaire.validate(response.answers, partial=True)
    return render(
        request,
        "inventory/staff/response_detail.html",
        {
            "wave": wave,
            "lab": lab,
            "response": response,
            "summary_entries": [
                {"page": page, "url": ""}
                for page in answer_summary(
                    questionnaire, response.answers, current_language(), errors
                )
            ],
            "revisions": response.revisions.order_by("-version"),
            "breadcrumbs": _crumbs(
                (reverse("inventory:wave-detail", args=[wave.slug]), str(wave)), ("", lab.name)
            ),
        },
    )
