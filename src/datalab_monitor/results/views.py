"""Findings pages: the list of waves, the findings of a wave (public or exact) and CSV files."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from datalab_monitor.core.access import no_store, require_permission
from datalab_monitor.core.navigation import home_crumb
from datalab_monitor.core.roles import VIEW_EXACT_FIGURES
from datalab_monitor.inventory.models import Response, Wave

from .services import TOPICS, wave_findings


def _language() -> str:
    return (get_language() or "nl").split("-")[0]


def _is_researcher(request: HttpRequest) -> bool:
    return request.user.has_perm(VIEW_EXACT_FIGURES)


def _visible_waves(request: HttpRequest):
    waves = Wave.objects.annotate(
        submitted=Count("responses", filter=Q(responses__status=Response.Status.SUBMITTED))
    )
    if not _is_researcher(request):
        waves = waves.filter(status=Wave.Status.PUBLISHED)
    return waves


def _wave(request: HttpRequest, slug: str) -> Wave:
    return get_object_or_404(_visible_waves(request), slug=slug)


def _crumbs(*extra: tuple[str, str]) -> list[tuple[str, str]]:
    return [home_crumb(), *extra]


def index(request: HttpRequest) -> HttpResponse:
    waves = list(_visible_waves(request))
    return render(
        request,
        "results/index.html",
        {"waves": waves, "breadcrumbs": _crumbs(("", _("Findings")))},
    )


def wave_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _findings_page(request, slug, exact=False)


@require_permission(VIEW_EXACT_FIGURES, private=True)
def researcher_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return _findings_page(request, slug, exact=True)


def _findings_page(request: HttpRequest, slug: str, *, exact: bool) -> HttpResponse:
    wave = _wave(request, slug)
    findings = wave_findings(wave, exact=exact, language=_language())
    crumbs = _crumbs((reverse("results:index"), _("Findings")))
    if exact:
        crumbs += [
            (reverse("results:wave", args=[wave.slug]), findings.title),
            ("", _("Researcher view")),
        ]
    else:
        crumbs.append(("", findings.title))
    page = render(
        request,
        "results/wave.html",
        {
            "wave": wave,
            "findings": findings,
            "exact": exact,
            "is_researcher": _is_researcher(request),
            "breadcrumbs": crumbs,
        },
    )
    # An unpublished wave is shown only to researchers: keep it out of shared caches.
    return page if wave.status == Wave.Status.PUBLISHED else no_store(page)


def _csv_response(
    request: HttpRequest, slug: str, topic: str, *, exact: bool, breakdown: bool = False
) -> HttpResponse:
    if topic not in {t for t, _msgid in TOPICS}:
        raise Http404("unknown chart")
    wave = _wave(request, slug)
    findings = wave_findings(wave, exact=exact, language=_language())
    try:
        chart = findings.chart(topic)
    except StopIteration:
        raise Http404("this wave has no such chart") from None
    if chart.withheld:
        raise Http404("too few labs answered: not published")
    text = chart.csv_text
    if breakdown:
        if chart.breakdown is None:
            raise Http404("the breakdown of this chart is not published")
        text, topic = chart.breakdown.csv_text, f"{topic}-by-category"
    suffix = "-exact" if exact else ""
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{wave.slug}-{topic}{suffix}.csv"'
    return response if wave.status == Wave.Status.PUBLISHED else no_store(response)


def chart_csv(request: HttpRequest, slug: str, topic: str) -> HttpResponse:
    return _csv_response(request, slug, topic, exact=False)


@require_permission(VIEW_EXACT_FIGURES, private=True)
def researcher_csv(request: HttpRequest, slug: str, topic: str) -> HttpResponse:
    return _csv_response(request, slug, topic, exact=True)


def breakdown_csv(request: HttpRequest, slug: str, topic: str) -> HttpResponse:
    return _csv_response(request, slug, topic, exact=False, breakdown=True)


@require_permission(VIEW_EXACT_FIGURES, private=True)
def researcher_breakdown_csv(request: HttpRequest, slug: str, topic: str) -> HttpResponse:
    return _csv_response(request, slug, topic, exact=True, breakdown=True)
