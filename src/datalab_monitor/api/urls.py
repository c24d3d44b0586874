"""Routes of /api/v1 (no trailing slashes), each with its OpenAPI description."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import permissions

from datalab_monitor.core.roles import CHANGE_REGISTER

from . import catalogue, views
from .schema import (
    MUNICIPALITY,
    PAGING,
    PROVINCE,
    errors,
    int_query,
    many,
    path_param,
    query,
    read,
    ref,
)
from .serializers import DatalabPatch, ImportUpload
from .views_write import DatalabWrite, Imports, requires

app_name = "api"

YEAR = int_query(
    "jaar", "Year (1900-2100); the nearest year with data not after it is used.", 1900, 2100
)
CODE = path_param("code", "CBS municipality code, e.g. GM0361.", "^GM[0-9]{4}$")


class DatalabResource(DatalabWrite, views.DatalabDetail):
    def get_permissions(self):
        if self.request.method == "PATCH":
            return [requires(CHANGE_REGISTER)()]
        return [permissions.AllowAny()]


lab_get = read("Datalab", "A data lab with the municipalities it covers")
lab_patch = extend_schema(
    summary="Change a data lab in the register (permission registry.change_datalab)",
    request=DatalabPatch(partial=True),
    responses={200: OpenApiResponse(response=ref("Datalab"), description="The changed lab")}
    | errors(400, 401, 403, 404, 406, 415, 429, 500),
)
DatalabResource = extend_schema_view(get=lab_get, patch=lab_patch)(DatalabResource)

import_schema = extend_schema(
    summary="Check (dryRun) or store a survey-tool export (permission inventory.manage_wave)",
    request={"multipart/form-data": ImportUpload},
    responses={200: OpenApiResponse(response=ref("ImportReport"), description="The report")}
    | {422: OpenApiResponse(response=ref("ImportProblem"), description="Problems found")}
    | errors(400, 401, 403, 406, 415, 429, 500),
)
ImportsResource = extend_schema_view(post=import_schema)(Imports)

LAB_FILTERS = [
    query("categorie", "Category code (internal, regional, datahub, data-center) or its start."),
    query("provincie", "CBS province code, e.g. PV27.", PROVINCE),
    query("gemeente", "CBS municipality code, e.g. GM0361 (mergers are followed).", MUNICIPALITY),
    query("status", "active or stopped.", {"type": "string", "enum": ["active", "stopped"]}),
    query("q", "Text in the name, another name, or a covered municipality's name or code."),
    *PAGING,
]
MUNICIPALITY_FILTERS = [
    query("provincie", "CBS province code, e.g. PV27.", PROVINCE),
    int_query(
        "jaar", "Only the municipalities that existed on 1 January of this year.", 1900, 2100
    ),
    query("q", "Text in a name or the CBS code."),
    *PAGING,
]
PROJECT_FILTERS = [
    many("domein", "Domain code(s) of the questionnaire's code list (any of them)."),
    many("analysetype", "Kind(s) of analysis, codes of the questionnaire's code list."),
    many("databron", "Data source code(s) (any of them)."),
    many("categorie", "Category code(s) of the project's lab, or the start of one (intern)."),
    many("provincie", "CBS province code(s) of the lab's municipalities, e.g. PV27.", PROVINCE),
    query("q", "Words in the title, summary or lab name (all of them)."),
    int_query("datalab", "Only the projects of the lab with this number.", 1, 2**31 - 1),
    *PAGING,
]
NEAREST = [
    YEAR,
    int_query("aantal", "How many labs (1-50, default 5).", 1, 50),
]


def route(url: str, view, name: str, schema=None):
    view = schema(view) if schema else view
    return path(url, view.as_view(), name=name)


urlpatterns = [
    route("v1", views.Root, "root", extend_schema(exclude=True)),  # "/" would end in a slash
    path(
        "v1/openapi.json",
        extend_schema(exclude=True)(SpectacularJSONAPIView).as_view(),
        name="openapi",
    ),
    route(
        "v1/datalabs", views.DatalabList, "datalabs", read("DatalabPage", "Data labs", LAB_FILTERS)
    ),
    path("v1/datalabs/<int:number>", DatalabResource.as_view(), name="datalab"),
    route(
        "v1/gemeenten",
        views.MunicipalityList,
        "municipalities",
        read("MunicipalityPage", "Municipalities (all years)", MUNICIPALITY_FILTERS),
    ),
    route(
        "v1/gemeenten/<str:code>",
        views.MunicipalityDetail,
        "municipality",
        read("Municipality", "A municipality, its names, mergers and labs", [CODE]),
    ),
    route(
        "v1/gemeenten/<str:code>/dichtstbijzijnde-datalabs",
        views.NearestDatalabs,
        "nearest",
        read("NearestDatalabs", "The data labs nearest to a municipality", [CODE, *NEAREST]),
    ),
    route(
        "v1/datalabs/<int:number>/profiel",
        catalogue.Profile,
        "profile",
        read("LabProfile", "A data lab's public profile, as its page shows it"),
    ),
    route(
        "v1/projecten",
        catalogue.ProjectList,
        "projects",
        read("ProjectPage", "Projects of the data labs (the catalogue)", PROJECT_FILTERS),
    ),
    route(
        "v1/projecten/<int:id>",
        catalogue.ProjectDetail,
        "project",
        read("Project", "A project of a data lab"),
    ),
    route("v1/provincies", views.ProvinceList, "provinces", read("ProvinceList", "Provinces")),
    route("v1/categorieen", views.CategoryList, "categories", read("CategoryList", "Categories")),
    route(
        "v1/categorieen/<str:code>",
        views.CategoryDetail,
        "category",
        read("Category", "A category of data labs"),
    ),
    route("v1/dos", views.DoList, "dos", read("DoList", "The 10 do's for data labs")),
    route("v1/dos/<int:number>", views.DoDetail, "do", read("Do", "One of the 10 do's")),
    route(
        "v1/inventarisaties",
        views.WaveList,
        "waves",
        read("WaveList", "Published inventory waves"),
    ),
    route(
        "v1/inventarisaties/<slug:slug>",
        views.WaveDetail,
        "wave",
        read("Wave", "A published inventory wave"),
    ),
    route(
        "v1/inventarisaties/<slug:slug>/bevindingen",
        views.Findings,
        "findings",
        read("Findings", "The findings of a wave (small-number protected)"),
    ),
    route(
        "v1/dekking",
        views.CoverageView,
        "coverage",
        read("Coverage", "Coverage of municipalities by data labs per province", [YEAR]),
    ),
    path("v1/imports", ImportsResource.as_view(), name="imports"),
]
