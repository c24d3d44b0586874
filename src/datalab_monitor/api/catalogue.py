"""The project catalogue and the labs' public profiles as API resources.

They show exactly what the public pages show: the catalogue's own filter
(``labpages.services.filter_projects``) over the public projects, a profile's contact only while
the person consents, and nothing of a change that waits for approval (only applied changes are
stored in the profile and the projects). Fictional demo data says so (``isFictional``).
"""

from __future__ import annotations

import re

from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import translation
from rest_framework.exceptions import NotFound, ValidationError

from datalab_monitor.core.translated import translated
from datalab_monitor.labpages import codelists
from datalab_monitor.labpages.changes import profile_of
from datalab_monitor.labpages.models import Project, ProjectStatus
from datalab_monitor.labpages.services import filter_projects
from datalab_monitor.registry.models import Datalab

from . import shapes
from .paging import href, paginate
from .snapshot import Snapshot
from .views import PROVINCE_CODE, ApiView, _text, category_code

MAX_VALUES = 20
MAX_ID = 2**31 - 1


def _values(request, name: str) -> list[str]:
    """Every value of a repeatable parameter (``?domein=a&domein=b`` or ``?domein=a,b``)."""
    values: list[str] = []
    for raw in request.GET.getlist(name):
        values += [v.strip() for v in raw.split(",") if v.strip()]
    values = list(dict.fromkeys(values))
    if len(values) > MAX_VALUES:
        raise ValidationError({name: [f"Give at most {MAX_VALUES} values."]})
    return values


def _codes(request, name: str, code_list: str) -> list[str]:
    values = _values(request, name)
    known = codelists.codes(code_list)
    unknown = [v for v in values if v not in known]
    if unknown:
        raise ValidationError(
            {name: [f"Unknown code '{unknown[0]}'; use one of: {', '.join(known)}."]}
        )
    return values


def _provinces(request) -> list[str]:
    values = [v.upper() for v in _values(request, "provincie")]
    wrong = [v for v in values if not PROVINCE_CODE.match(v)]
    if wrong:
        raise ValidationError({"provincie": ["Give CBS province codes like PV27."]})
    return values


def _lab_number(request) -> int | None:
    raw = request.GET.get("datalab", "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[0-9]{1,10}", raw) or not 1 <= int(raw) <= MAX_ID:
        raise ValidationError({"datalab": ["Give a lab number (a whole number of 1 or more)."]})
    return int(raw)


def project_criteria(request, snap: Snapshot) -> dict:
    """The filters of /projecten/ from the API's query parameters (400 on a wrong value)."""
    return {
        "domains": _codes(request, "domein", "domains"),
        "analysis_types": _codes(request, "analysetype", "analysis_types"),
        "data_sources": _codes(request, "databron", "data_sources"),
        "categories": [category_code(snap, v) for v in _values(request, "categorie")],
        "provinces": _provinces(request),
        "text": _text(request, "q"),
    }


def public_projects() -> QuerySet[Project]:
    return Project.objects.public().select_related("lab", "lab__category")


def coded_list(code_list: str, values: list[str] | None, language: str) -> list[dict]:
    """Codes in code-list order, each with its label (unknown codes are left out, as on pages)."""
    codes = [c for c in codelists.codes(code_list) if c in (values or [])]
    labels = codelists.labels(code_list, codes, language)
    return [shapes.coded(code, label) for code, label in zip(codes, labels, strict=True)]


def status_label(code: str, language: str) -> str:
    with translation.override(language):
        return str(ProjectStatus(code).label)


def lab_ref(request, snap: Snapshot, lab: Datalab, language: str) -> dict:
    category = lab.category.code
    return {
        "number": lab.number,
        "name": lab.name,
        "category": shapes.coded(category, shapes.category_label(snap, category, language)),
        "_links": {"self": shapes.link(request, "datalab", lab.number)},
    }


def project(request, snap: Snapshot, item: Project, language: str) -> dict:
    return {
        "id": item.pk,
        "title": item.tr("title", language),
        "summary": item.tr("summary", language),
        "datalab": lab_ref(request, snap, item.lab, language),
        "domains": coded_list("domains", item.domains, language),
        "analysisTypes": coded_list("analysis_types", item.analysis_types, language),
        "dataSources": coded_list("data_sources", item.data_sources, language),
        "year": item.year,
        "status": shapes.coded(item.status, status_label(item.status, language)),
        "resultUrl": item.result_url or None,
        "codeUrl": item.code_url or None,
        "reusable": item.reusable,
        "isFictional": item.is_fictional,
        "_links": {
            "self": shapes.link(request, "project", item.pk),
            "datalab": shapes.link(request, "datalab", item.lab.number),
            "html": href(request, item.get_absolute_url()),
        },
    }


class ProjectList(ApiView):
    def build(self, request, snap, language):
        projects = filter_projects(public_projects(), **project_criteria(request, snap))
        number = _lab_number(request)
        if number is not None:
            projects = projects.filter(lab__number=number)
        return paginate(
            request, list(projects), lambda item: project(request, snap, item, language)
        )


class ProjectDetail(ApiView):
    def build(self, request, snap, language, id: int):  # noqa: A002 - the path parameter
        found = public_projects().filter(pk=id).first() if id <= MAX_ID else None
        if found is None:
            raise NotFound(f"There is no project with id {id}.")
        return project(request, snap, found, language)


def profile(request, snap: Snapshot, lab: Datalab, language: str) -> dict:
    """A lab's public profile as its page shows it: the lab's own words, else the register's."""
    own = profile_of(lab)
    contact = own.public_contact if own.pk else None
    return {
        "datalab": lab_ref(request, snap, lab, language),
        "hasProfile": own.pk is not None,
        "isFictional": own.is_fictional,
        "description": own.tr("description", language) or translated(lab, "description", language),
        "website": own.website or lab.website or None,
        "startYear": own.start_year or lab.start_year,
        "domains": coded_list("domains", own.domains, language),
        "partners": coded_list("partners", own.partner_codes, language),
        "partnersOther": own.partners_other_list,
        "contact": {"name": contact[0], "email": contact[1]} if contact else None,
        "updatedAt": own.updated_at.isoformat() if own.pk else None,
        "projectCount": lab.project_count,
        "_links": {
            "self": shapes.link(request, "profile", lab.number),
            "datalab": shapes.link(request, "datalab", lab.number),
            "projects": shapes.link(request, "projects", datalab=lab.number),
            "html": href(request, reverse("web:lab-detail", kwargs={"slug": lab.slug})),
        },
    }


class Profile(ApiView):
    def build(self, request, snap, language, number: int):
        lab = (
            Datalab.objects.select_related("category", "profile")
            .annotate(project_count=Count("projects", filter=Q(projects__removed=False)))
            .filter(number=number)
            .first()
            if number <= MAX_ID
            else None
        )
        if lab is None:
            raise NotFound(f"There is no data lab with number {number}.")
        return profile(request, snap, lab, language)
