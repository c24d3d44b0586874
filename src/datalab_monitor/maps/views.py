"""Map pages: the labs on the map (/kaart/), coverage and nearest labs (/kaart/dekking/)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import data, services

MAX_QUERY = 100


def requested_year(request: HttpRequest) -> int | None:
    """The year asked for with ``?jaar=``; None (the newest) if absent or not a year."""
    value = request.GET.get("jaar", "").strip()
    if value.isdigit() and 1900 <= int(value) <= 2100:
        return int(value)
    return None


def year_links(request: HttpRequest, shown: int) -> list[dict]:
    return [
        {"year": year, "current": year == shown, "query": f"?jaar={year}"}
        for year in data.offered_years()
    ]


@require_GET
def map_page(request: HttpRequest) -> HttpResponse:
    view = services.lab_map(requested_year(request))
    return render(
        request,
        "maps/map.html",
        {
            "map": view,
            "years": year_links(request, view.year),
        },
    )


@require_GET
def map_svg(request: HttpRequest) -> HttpResponse:
    """The map as a stand-alone SVG file (for reuse in documents)."""
    view = services.lab_map(requested_year(request))
    response = HttpResponse(
        '<?xml version="1.0" encoding="UTF-8"?>\n' + view.svg,
        content_type="image/svg+xml; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="datalabs-{view.year}.svg"'
    return response


@require_GET
def coverage_page(request: HttpRequest) -> HttpResponse:
    view = services.coverage_map(requested_year(request))
    query = request.GET.get("gemeente", "").strip()
    error = ""
    answer = None
    if "gemeente" in request.GET:
        if not query:
            error = _("Type the name or CBS code of a municipality.")
        elif len(query) > MAX_QUERY:
            error = _("Type at most %(max)s characters.") % {"max": MAX_QUERY}
        else:
            answer = services.nearest(query, view.year)
            if not answer.found and not answer.choices:
                error = _(
                    "No municipality matches “%(query)s”. Check the spelling or use the CBS code (e.g. GM0361)."
                ) % {"query": query}
    return render(
        request,
        "maps/coverage.html",
        {
            "map": view,
            "coverage": view.coverage,
            "years": year_links(request, view.year),
            "query": query,
            "error": error,
            "answer": answer,
        },
    )
