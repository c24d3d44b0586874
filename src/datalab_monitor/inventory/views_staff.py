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
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from datalab_monitor.core.access import require_permission
from datalab_monitor.core.roles import MANAGE_WAVE, VIEW_ANSWERS, VIEW_MONITOR
from datalab_monitor.core.translated import current_language
from datalab_monitor.registry.models import Datalab

from .authors import describe_author
from .forms import LabsKnownForm, WaveCreateForm
from .invitations import email_invitations, links_csv
from .models import Response, Wave
from .monitor import build_monitor
from .services import (
    WaveStateError,
    close_wave,
    create_wave,
    issue_invitations,
    open_wave,
    previous_wave_answers,
    publication_checklist,
    publish_wave,
    set_labs_known,
    unpublish_wave,
)
from .views_form import answer_summary

# A closed or published wave takes no answers, so it gets no new links.
LINK_STATES = (Wave.Status.DRAFT, Wave.Status.OPEN)


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
            labs_known=data["labs_known"],
        )
        count = wave.invited_labs.count()
        messages.success(
            request,
            ngettext(
                "The wave was created with %(count)d invited lab. Open it, then deliver the link.",
                "The wave was created with %(count)d invited labs. Open it, then deliver the "
                "links.",
                count,
            )
            % {"count": count},
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
            "can_manage": request.user.has_perm(MANAGE_WAVE),
            "makes_links": wave.status in LINK_STATES,
            "checklist": publication_checklist(wave),
            "labs_known_form": LabsKnownForm(initial={"labs_known": wave.labs_known}),
            "previous_answers": previous_wave_answers(wave.previous_wave),
            "breadcrumbs": _crumbs(("", str(wave))),
        },
    )


@require_permission(MANAGE_WAVE, private=True)
@require_POST
def wave_status(request: HttpRequest, slug: str) -> HttpResponse:
    """Open, close, publish or withdraw the publication (``action``); refusals say why."""
    wave = get_object_or_404(Wave, slug=slug)
    action = request.POST.get("action")
    try:
        if action == "open":
            open_wave(wave)
            messages.success(request, _("The wave is open: invited labs can fill in the form."))
        elif action == "close":
            close_wave(wave)
            messages.success(request, _("The wave is closed: links no longer accept answers."))
        elif action == "publish":
            publish_wave(wave, findings_reviewed=request.POST.get("findings_reviewed") == "on")
            messages.success(
                request,
                _("The wave is published: its protected findings are on the public pages."),
            )
        elif action == "unpublish":
            unpublish_wave(wave)
            messages.success(
                request,
                _("The publication is withdrawn: the public pages no longer show this wave."),
            )
        else:
            messages.error(request, _("Unknown action: nothing was changed."))
    except WaveStateError as refusal:
        for problem in refusal.problems:
            messages.error(request, problem)
    return redirect("inventory:wave-detail", slug=wave.slug)


@require_permission(MANAGE_WAVE, private=True)
@require_POST
def wave_labs_known(request: HttpRequest, slug: str) -> HttpResponse:
    """Set how many data labs were known when the wave ran (until it is published)."""
    wave = get_object_or_404(Wave, slug=slug)
    form = LabsKnownForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("labs_known", []):
            messages.error(request, _("Data labs known: %(error)s") % {"error": error})
        return redirect("inventory:wave-detail", slug=wave.slug)
    try:
        set_labs_known(wave, form.cleaned_data["labs_known"])
    except WaveStateError as refusal:
        for problem in refusal.problems:
            messages.error(request, problem)
    else:
        messages.success(request, _("The number of data labs known was saved."))
    return redirect("inventory:wave-detail", slug=wave.slug)


def _refuse_links(request: HttpRequest, wave: Wave) -> HttpResponse | None:
    """New links only for a draft or open wave: a closed or published one takes no answers."""
    if wave.status in LINK_STATES:
        return None
    messages.error(
        request,
        _(
            "The wave is %(status)s: no new links are made. Links are made for a draft or an "
            "open wave only."
        )
        % {"status": wave.get_status_display()},
    )
    return redirect("inventory:wave-detail", slug=wave.slug)


@require_permission(MANAGE_WAVE, private=True)
@require_POST
def links_download(request: HttpRequest, slug: str) -> HttpResponse:
    """Issue new links for every invited lab and download them as CSV (one-time)."""
    wave = get_object_or_404(Wave, slug=slug)
    if refused := _refuse_links(request, wave):
        return refused
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
    if refused := _refuse_links(request, wave):
        return refused
    report = email_invitations(wave, request.build_absolute_uri)
    sent, missing = len(report.sent), len(report.without_address)
    if sent:
        messages.success(
            request,
            ngettext(
                "Invitation e-mailed to %(count)d lab.",
                "Invitations e-mailed to %(count)d labs.",
                sent,
            )
            % {"count": sent},
        )
    if missing:
        names = ", ".join(f"{lab.number}. {lab.name}" for lab in report.without_address)
        summary = (
            ngettext(
                "No e-mail was sent: the invited lab has no contact address (%(labs)s).",
                "No e-mail was sent: none of the %(count)d invited labs has a contact address "
                "(%(labs)s).",
                missing,
            )
            if not sent
            else ngettext(
                "%(count)d lab has no contact address, so no e-mail was sent to it: %(labs)s.",
                "%(count)d labs have no contact address, so no e-mail was sent to them: %(labs)s.",
                missing,
            )
        )
        messages.warning(
            request,
            format_html(
                "{} {} {}",
                summary % {"count": missing, "labs": names},
                _(
                    "Add each lab's contact e-mail address in the admin, then e-mail the links "
                    "again; or download the links (CSV) and deliver them yourself."
                ),
                format_html(
                    '<a class="utrecht-link" href="{}">{}</a>',
                    reverse("admin:registry_datalab_changelist"),
                    _("Data labs in the admin"),
                ),
            ),
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
            "revisions": [
                (revision, describe_author(revision.changed_by))
                for revision in response.revisions.order_by("-version")
            ],
            "breadcrumbs": _crumbs(
                (reverse("inventory:wave-detail", args=[wave.slug]), str(wave)), ("", lab.name)
            ),
        },
    )
