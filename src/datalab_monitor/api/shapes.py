"""Resources as plain dicts (codes AND labels, links), from the register snapshot."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from datalab_monitor.registry.models import Datalab

from .paging import href
from .snapshot import LabRecord, Snapshot

API = "api"


def link(request: HttpRequest, name: str, *args: Any, **params: Any) -> dict[str, str]:
    return href(request, reverse(f"{API}:{name}", args=args), **params)


def coded(code: str, label: str) -> dict[str, str]:
    return {"code": code, "label": label}


def status_label(code: str, language: str) -> str:
    with translation.override(language):
        return str(Datalab.Status(code).label)


def category_label(snap: Snapshot, code: str, language: str) -> str:
    return snap.categories[code].tr("name", language)


def municipality_ref(snap: Snapshot, code: str) -> dict[str, str]:
    return {"code": code, "name": snap.municipalities[code].name}


def province_ref(snap: Snapshot, code: str) -> dict[str, str]:
    return {"code": code, "name": snap.provinces[code]}


def lab_summary(request: HttpRequest, snap: Snapshot, lab: LabRecord, language: str) -> dict:
    return {
        "number": lab.number,
        "name": lab.name,
        "slug": lab.slug,
        "category": coded(lab.category, category_label(snap, lab.category, language)),
        "status": coded(lab.status, status_label(lab.status, language)),
        "startYear": lab.start_year,
        "website": lab.website or None,
        "leadMunicipality": municipality_ref(snap, lab.lead) if lab.lead else None,
        "provinces": [province_ref(snap, p) for p in snap.lab_provinces(lab)],
        "municipalityCount": len(lab.municipalities),
        "_links": {
            "self": link(request, "datalab", lab.number),
            "category": link(request, "category", lab.category),
            "html": href(request, reverse("web:lab-detail", kwargs={"slug": lab.slug})),
        },
    }


def lab_detail(
    request: HttpRequest, snap: Snapshot, lab: LabRecord, language: str, today: date
) -> dict:
    data = lab_summary(request, snap, lab, language)
    links = data.pop("_links")
    data["description"] = (
        lab.description_en if language == "en" and lab.description_en else lab.description_nl
    )
    data["municipalities"] = [
        {
            **municipality_ref(snap, code),
            "province": province_ref(snap, snap.municipalities[code].province),
            "validTo": snap.municipalities[code].valid_to,
            "currentMunicipalities": [
                municipality_ref(snap, c) for c in snap.current_codes(code, today)
            ],
            "_links": {"self": link(request, "municipality", code)},
        }
        for code in lab.municipalities
    ]
    data["partners"] = list(lab.partners)
    links["profile"] = link(request, "profile", lab.number)
    links["projects"] = link(request, "projects", datalab=lab.number)
    data["_links"] = links
    return data


def municipality(request: HttpRequest, snap: Snapshot, code: str, today: date) -> dict:
    record = snap.municipalities[code]
    return {
        "code": code,
        "name": record.name,
        "names": [{"year": int(y), "name": n} for y, n in sorted(record.names.items())],
        "province": province_ref(snap, record.province),
        "validFrom": record.valid_from,
        "validTo": record.valid_to,
        "successors": [municipality_ref(snap, c) for c in record.successors],
        "predecessors": [municipality_ref(snap, c) for c in record.predecessors],
        "currentMunicipalities": [
            municipality_ref(snap, c) for c in snap.current_codes(code, today)
        ],
        "datalabs": [
            {
                "number": lab.number,
                "name": lab.name,
                "_links": {"self": link(request, "datalab", lab.number)},
            }
            for lab in snap.labs_covering(code)
        ],
        "_links": {
            "self": link(request, "municipality", code),
            "nearestDatalabs": link(request, "nearest", code),
            "datalabs": link(request, "datalabs", gemeente=code),
        },
    }


def category(request: HttpRequest, snap: Snapshot, code: str, language: str) -> dict:
    found = snap.categories[code]
    return {
        "code": code,
        "label": found.tr("name", language),
        "description": found.tr("description", language),
        "order": found.order,
        "datalabCount": sum(1 for lab in snap.labs if lab.category == code),
        "_links": {
            "self": link(request, "category", code),
            "datalabs": link(request, "datalabs", categorie=code),
        },
    }


def do(request: HttpRequest, item, language: str) -> dict:
    return {
        "number": item.number,
        "title": item.tr("title", language),
        "body": item.tr("body", language),
        "_links": {"self": link(request, "do", item.number)},
    }


def wave(request: HttpRequest, item, language: str) -> dict:
    rate = item.response_rate
    previous = item.previous_wave
    return {
        "slug": item.slug,
        "year": item.year,
        "title": item.tr("title", language),
        "isSynthetic": item.is_synthetic,
        "questionnaireVersion": item.questionnaire_version,
        "labsKnown": item.labs_known,
        "questionnairesReceived": item.questionnaires_received,
        "responseRate": None if rate is None else round(rate, 4),
        "interviewsHeld": item.interviews_held,
        "source": item.tr("source", language),
        "previousWave": previous.slug if previous and previous.status == "published" else None,
        "_links": {
            "self": link(request, "wave", item.slug),
            "findings": link(request, "findings", item.slug),
            "html": href(request, reverse("results:wave", args=[item.slug])),
        },
    }
