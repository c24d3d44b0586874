"""The project catalogue and lab profiles as open-data tables (no contact persons, ever)."""

from __future__ import annotations

from datalab_monitor.opendata.tables import Field, Table

from . import codelists
from .models import LabProfile, Project

JOIN = "; "


def _codes_and_labels(name: str, values: list[str]) -> tuple[str, str, str]:
    codes = [c for c in codelists.codes(name) if c in (values or [])]
    return (
        JOIN.join(codes),
        JOIN.join(codelists.labels(name, codes, "nl")),
        JOIN.join(codelists.labels(name, codes, "en")),
    )


def _coded(name: str, label: str) -> list[Field]:
    return [
        Field(f"{name}_codes", "string", f"{label}: codes of the questionnaire's code list, '; '."),
        Field(f"{name}_nl", "string", f"{label} in Dutch."),
        Field(f"{name}_en", "string", f"{label} in English."),
    ]


PROJECT_FIELDS = [
    Field("id", "integer", "Identifier of the project (as in /projecten/<id>/).", True),
    Field("lab_number", "integer", "Number of the lab (register).", True),
    Field("lab_name", "string", "Name of the lab."),
    Field("title_nl", "string", "Title in Dutch.", True),
    Field("title_en", "string", "Title in English."),
    Field("summary_nl", "string", "Summary in Dutch."),
    Field("summary_en", "string", "Summary in English."),
    *_coded("domains", "Domains"),
    *_coded("analysis_types", "Kinds of analysis"),
    *_coded("data_sources", "Data sources"),
    Field("year", "integer", "Year of the project."),
    Field("status", "string", "planned, running, completed or stopped."),
    Field("result_url", "string", "Link to the result or report."),
    Field("code_url", "string", "Link to the code repository."),
    Field("reusable", "boolean", "The lab says others can reuse it."),
    Field("is_fictional", "boolean", "True: made up for the demo, did not take place."),
]


def projects_table() -> Table:
    rows = []
    for project in Project.objects.public().select_related("lab").order_by("lab__number", "pk"):
        row = {
            "id": project.pk,
            "lab_number": project.lab.number,
            "lab_name": project.lab.name,
            "title_nl": project.title_nl,
            "title_en": project.title_en,
            "summary_nl": project.summary_nl,
            "summary_en": project.summary_en,
            "year": project.year,
            "status": project.status,
            "result_url": project.result_url,
            "code_url": project.code_url,
            "reusable": project.reusable,
            "is_fictional": project.is_fictional,
        }
        for name in ("domains", "analysis_types", "data_sources"):
            codes, dutch, english = _codes_and_labels(name, getattr(project, name))
            row.update({f"{name}_codes": codes, f"{name}_nl": dutch, f"{name}_en": english})
        rows.append(row)
    return Table(
        name="projects",
        title="Projects of the data labs",
        description="Projects the labs list on their pages (kept by the labs themselves). "
        "Rows with is_fictional = true are FICTIONAL demo data.",
        fields=PROJECT_FIELDS,
        rows=rows,
        primary_key=["id"],
    )


PROFILE_FIELDS = [
    Field("lab_number", "integer", "Number of the lab (register).", True),
    Field("lab_name", "string", "Name of the lab."),
    Field("description_nl", "string", "Description in Dutch."),
    Field("description_en", "string", "Description in English."),
    Field("website", "string", "Website."),
    Field("start_year", "integer", "Year the lab started, as the lab states it."),
    *_coded("partners", "Partners"),
    Field("partners_other", "string", "Other partner organisations (free text)."),
    *_coded("domains", "Domains"),
    Field("is_fictional", "boolean", "True: made up for the demo."),
]


def profiles_table() -> Table:
    rows = []
    for profile in LabProfile.objects.select_related("lab").order_by("lab__number"):
        row = {
            "lab_number": profile.lab.number,
            "lab_name": profile.lab.name,
            "description_nl": profile.description_nl,
            "description_en": profile.description_en,
            "website": profile.website,
            "start_year": profile.start_year,
            "partners_other": profile.partners_other,
            "is_fictional": profile.is_fictional,
        }
        for name, values in (("partners", profile.partner_codes), ("domains", profile.domains)):
            codes, dutch, english = _codes_and_labels(name, values)
            row.update({f"{name}_codes": codes, f"{name}_nl": dutch, f"{name}_en": english})
        rows.append(row)
    return Table(
        name="lab-profiles",
        title="Public profiles of the data labs",
        description="What the labs say about themselves on their pages. No contact persons. "
        "Rows with is_fictional = true are FICTIONAL demo data.",
        fields=PROFILE_FIELDS,
        rows=rows,
        primary_key=["lab_number"],
    )
