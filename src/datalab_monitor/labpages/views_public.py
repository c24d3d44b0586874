"""Public pages: the project catalogue, one project, and a page per municipality."""

from __future__ import annotations

import re
from datetime import date

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from datalab_monitor.core.navigation import home_crumb
from datalab_monitor.maps import data as map_data
from datalab_monitor.maps.coverage import match_municipality, nearest_labs
from datalab_monitor.registry.models import Datalab, Do, Municipality

from . import services
from .forms import DomainPickForm, MunicipalitySearchForm, ProjectFilterForm
from .models import DoExample, Project

PER_PAGE = 25
CODE = re.compile(r"^GM\d{4}$")


def _page_number(request: HttpRequest) -> int:
    value = request.GET.get("pagina", "1")
    return int(value) if value.isdigit() and 0 < int(value) < 10_000 else 1


@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    form = ProjectFilterForm(request.GET or None)
    projects = services.filter_projects(
        Project.objects.public().select_related("lab", "lab__category"), **form.criteria()
    )
    page = Paginator(projects, PER_PAGE).get_page(_page_number(request))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "labpages/project_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "total": Project.objects.public().count(),
            "breadcrumbs": [home_crumb(), ("", _("Projects"))],
        },
    )


@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(
        Project.objects.public().select_related("lab", "lab__category"), pk=pk
    )
    return render(
        request,
        "labpages/project_detail.html",
        {
            "project": project,
            "examples": DoExample.objects.filter(project=project).select_related("do"),
            "breadcrumbs": [
                home_crumb(),
                (reverse("labpages:project-list"), _("Projects")),
                ("", project.tr("title")),
            ],
        },
    )


@require_GET
def municipality_search(request: HttpRequest) -> HttpResponse:
    form = MunicipalitySearchForm(request.GET or None)
    choices: list[Municipality] = []
    searched = False
    if form.is_bound and form.is_valid():
        searched = True
        codes = match_municipality(form.cleaned_data["q"], map_data.municipality_names())
        if len(codes) == 1:
            return redirect("labpages:municipality", code=codes[0])
        choices = list(Municipality.objects.filter(code__in=codes[:50]).order_by("name"))
    return render(
        request,
        "labpages/municipality_search.html",
        {
            "form": form,
            "choices": choices,
            "searched": searched,
            "breadcrumbs": [home_crumb(), ("", _("Municipalities"))],
        },
        status=400 if form.errors else 200,
    )


def _nearest(code: str, limit: int = 5):
    year = services.points_year()
    points = services.points()
    if code not in points:
        return []
    near = nearest_labs(code, points, map_data.map_labs(year), limit=limit)
    labs = {
        lab.number: lab for lab in Datalab.objects.filter(number__in=[n.lab.number for n in near])
    }
    return [(labs[n.lab.number], round(n.distance_km), n.covers) for n in near]


def _dos_with_examples() -> list[tuple[Do, list[DoExample]]]:
    examples: dict[int, list[DoExample]] = {}
    for example in DoExample.objects.select_related("project", "project__lab", "lab"):
        if example.project is not None and example.project.removed:
            continue
        examples.setdefault(example.do_id, []).append(example)
    return [(do, examples.get(do.pk, [])) for do in Do.objects.all()]


@require_GET
def municipality(request: HttpRequest, code: str) -> HttpResponse:
    code = code.upper()
    if not CODE.match(code):
        raise Http404("not a CBS municipality code")
    place = get_object_or_404(Municipality.objects.select_related("province"), code=code)
    today = date.today()
    if not place.exists_on(today):
        successors = place.successors_on(today)
        if not successors:  # not in force yet (a future municipality): no page
            raise Http404("municipality not in force today")
        if len(successors) == 1:
            target = reverse("labpages:municipality", kwargs={"code": successors[0].code})
            query = request.GET.urlencode()
            return redirect(f"{target}?{query}" if query else target, permanent=True)
        return render(
            request,
            "labpages/municipality_merged.html",
            {
                "place": place,
                "successors": successors,
                "breadcrumbs": [
                    home_crumb(),
                    (reverse("labpages:municipality-search"), _("Municipalities")),
                    ("", place.name),
                ],
            },
        )
    form = DomainPickForm(request.GET or None)
    picked = form.cleaned_data["domain"] if form.is_bound and form.is_valid() else []
    nearby = _nearest(code, 50)
    covering = services.labs_covering(place)
    province_labs = (
        Datalab.objects.filter(
            Q(municipalities__province=place.province)
            | Q(lead_municipality__province=place.province)
        )
        .select_related("category")
        .distinct()
        .order_by("name")
    )
    nearby_order = {lab.pk: index for index, (lab, _km, _c) in enumerate(nearby)}
    projects = list(
        services.filter_projects(Project.objects.public().select_related("lab"), domains=picked)
    )
    projects.sort(key=lambda p: (nearby_order.get(p.lab_id, 999), -(p.year or 0), p.pk))
    return render(
        request,
        "labpages/municipality.html",
        {
            "place": place,
            "covering": covering,
            "nearest": nearby[:5],
            "province_labs": province_labs,
            "form": form,
            "picked": picked,
            "projects": projects[:20],
            "project_count": len(projects),
            "dos": _dos_with_examples(),
            "breadcrumbs": [
                home_crumb(),
                (reverse("labpages:municipality-search"), _("Municipalities")),
                ("", place.name),
            ],
        },
    )
