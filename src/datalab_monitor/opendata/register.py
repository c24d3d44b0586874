"""The register of data labs as open data: codes AND labels for every coded field.

Never includes contact persons or e-mail addresses (personal data).
"""

from __future__ import annotations

from datetime import date

from django.utils import translation

from datalab_monitor.registry.models import Datalab

from .tables import Field, Table

JOIN = "; "


def status_labels(code: str) -> tuple[str, str]:
    choice = Datalab.Status(code)
    with translation.override("nl"):
        dutch = str(choice.label)
    with translation.override("en"):
        english = str(choice.label)
    return dutch, english


REGISTER_FIELDS = [
    Field(
        "number",
        "integer",
        "The lab's number (as in the 2019 VNG publication; new labs from 39).",
        True,
    ),
    Field("name", "string", "Name of the data lab.", True),
    Field("slug", "string", "Identifier of the lab in the Datalab Monitor's web addresses.", True),
    Field(
        "category_code", "string", "Category code: internal, regional, datahub, data-center.", True
    ),
    Field("category_name_nl", "string", "Category name in Dutch."),
    Field("category_name_en", "string", "Category name in English."),
    Field("status_code", "string", "Status code: active or stopped.", True),
    Field("status_label_nl", "string", "Status in Dutch."),
    Field("status_label_en", "string", "Status in English."),
    Field("start_year", "integer", "Year the lab started, if known."),
    Field("website", "string", "Website of the lab, if any."),
    Field(
        "lead_municipality_code",
        "string",
        "CBS code (GMxxxx) of the lead municipality; empty for a region.",
    ),
    Field("lead_municipality_name", "string", "Name of the lead municipality."),
    Field("lead_province_code", "string", "CBS code (PVxx) of the lead municipality's province."),
    Field("lead_province_name", "string", "Name of that province."),
    Field("municipality_count", "integer", "Number of municipalities the lab covers."),
    Field(
        "municipality_codes",
        "string",
        "CBS codes of the municipalities covered, separated by '; '.",
    ),
    Field("municipality_names", "string", "Names of the municipalities covered, same order."),
    Field(
        "province_codes",
        "string",
        "CBS codes of the provinces of those municipalities, separated by '; '.",
    ),
    Field("province_names", "string", "Names of those provinces, same order."),
    Field("partners", "string", "Partner organisations, separated by '; '."),
    Field("description_nl", "string", "Description in Dutch."),
    Field("description_en", "string", "Description in English."),
]

MUNICIPALITY_FIELDS = [
    Field("lab_number", "integer", "The lab's number (see the register).", True),
    Field("lab_name", "string", "Name of the data lab."),
    Field(
        "municipality_code", "string", "CBS code (GMxxxx) of a municipality the lab covers.", True
    ),
    Field("municipality_name", "string", "Official CBS name of that municipality."),
    Field("province_code", "string", "CBS code (PVxx) of its province."),
    Field("province_name", "string", "Name of its province."),
    Field(
        "municipality_valid_to",
        "date",
        "The day the municipality ceased to exist (merger), if it did.",
    ),
    Field(
        "current_municipality_codes",
        "string",
        "CBS codes of the municipalities that hold its territory today, separated by '; '.",
    ),
    Field("current_municipality_names", "string", "Their names, same order."),
]


def register_table() -> Table:
    rows = []
    for lab in Datalab.objects.with_relations().order_by("number"):
        municipalities = sorted(lab.municipalities.all(), key=lambda m: m.code)
        provinces = lab.provinces
        lead = lab.lead_municipality
        status_nl, status_en = status_labels(lab.status)
        rows.append(
            {
                "number": lab.number,
                "name": lab.name,
                "slug": lab.slug,
                "category_code": lab.category.code,
                "category_name_nl": lab.category.name_nl,
                "category_name_en": lab.category.name_en,
                "status_code": lab.status,
                "status_label_nl": status_nl,
                "status_label_en": status_en,
                "start_year": lab.start_year,
                "website": lab.website,
                "lead_municipality_code": lead.code if lead else "",
                "lead_municipality_name": lead.name if lead else "",
                "lead_province_code": lead.province.code if lead else "",
                "lead_province_name": lead.province.name if lead else "",
                "municipality_count": len(municipalities),
                "municipality_codes": JOIN.join(m.code for m in municipalities),
                "municipality_names": JOIN.join(m.name for m in municipalities),
                "province_codes": JOIN.join(p.code for p in provinces),
                "province_names": JOIN.join(p.name for p in provinces),
                "partners": JOIN.join(p.name for p in lab.partners.all()),
                "description_nl": lab.description_nl,
                "description_en": lab.description_en,
            }
        )
    table = Table(
        name="register",
        title="Register of municipal data labs",
        description=(
            "Every data lab in the Datalab Monitor register with its category, status and the "
            "municipalities it covers (CBS codes and names). No personal data."
        ),
        fields=REGISTER_FIELDS,
        rows=rows,
        primary_key=["number"],
    )
    table.check()
    return table


def register_municipalities_table(today: date | None = None) -> Table:
    today = today or date.today()
    rows = []
    for lab in Datalab.objects.with_relations().order_by("number"):
        for municipality in sorted(lab.municipalities.all(), key=lambda m: m.code):
            current = municipality.successors_on(today)
            rows.append(
                {
                    "lab_number": lab.number,
                    "lab_name": lab.name,
                    "municipality_code": municipality.code,
                    "municipality_name": municipality.name,
                    "province_code": municipality.province.code,
                    "province_name": municipality.province.name,
                    "municipality_valid_to": municipality.valid_to,
                    "current_municipality_codes": JOIN.join(m.code for m in current),
                    "current_municipality_names": JOIN.join(m.name for m in current),
                }
            )
    table = Table(
        name="register-municipalities",
        title="Municipalities covered by each data lab",
        description=(
            "One row per data lab and municipality it covers, with CBS codes, provinces and, for "
            "municipalities that merged since, the municipalities that hold their territory today."
        ),
        fields=MUNICIPALITY_FIELDS,
        rows=rows,
        primary_key=["lab_number", "municipality_code"],
    )
    table.check()
    return table
