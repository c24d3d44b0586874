"""The read API: register, municipalities, categories, do's, waves, findings, coverage, nearest.

Every view answers from the register snapshot or the findings entry point, through the JSON
cache (``caching``); errors are problem details (``problems``).
"""

from __future__ import annotations

import re
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.views import APIView

from datalab_monitor.core.dataversion import current_stamp
from datalab_monitor.inventory.models import Wave
from datalab_monitor.maps import data as map_data
from datalab_monitor.maps import services as maps
from datalab_monitor.registry.models import Datalab
from datalab_monitor.results.services import wave_findings

from . import shapes
from .caching import json_response
from .findings import findings_document, findings_stamp, responses_stamp
from .paging import href, paginate
from .snapshot import LabRecord, Snapshot, published_waves, snapshot

MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")
PROVINCE_CODE = re.compile(r"^PV\d{2}$")
MAX_TEXT = 100
LANGUAGES = ("nl", "en")


def api_language(request: HttpRequest) -> str:
    """``en`` if Accept-Language prefers English over Dutch, else ``nl`` (Dutch first)."""
    for tag, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        base = tag.split("-")[0].lower()
        if base in LANGUAGES:
            return base
    return "nl"


class ApiView(APIView):
    """A GET resource; subclasses implement ``build(request, snap, language, **kwargs)``."""

    def get(self, request, **kwargs) -> HttpResponse:
        language = api_language(request)
        stamp = current_stamp()
        return json_response(
            request,
            self.version(stamp, **kwargs),
            language,
            lambda: self.build(request, snapshot(stamp), language, **kwargs),
        )

    def version(self, stamp: str, **kwargs) -> str:
        return stamp

    def build(self, request, snap: Snapshot, language: str, **kwargs):
        raise NotImplementedError


def _text(request: HttpRequest, name: str) -> str:
    value = request.GET.get(name, "").strip()
    if len(value) > MAX_TEXT:
        raise ValidationError({name: [f"Give at most {MAX_TEXT} characters."]})
    return value


def _code(request: HttpRequest, name: str, pattern: re.Pattern, example: str) -> str:
    value = request.GET.get(name, "").strip().upper()
    if value and not pattern.match(value):
        raise ValidationError({name: [f"Give a CBS code like {example}."]})
    return value


def _year(request: HttpRequest, name: str = "jaar") -> int | None:
    raw = request.GET.get(name)
    if raw is None:
        return None
    if not raw.isdigit() or not 1900 <= int(raw) <= 2100:
        raise ValidationError({name: ["Give a year from 1900 to 2100."]})
    return int(raw)


def category_code(snap: Snapshot, value: str) -> str:
    """A category by its code, or by the start of its code or name (``intern``) if unambiguous."""
    if value in snap.categories:
        return value
    wanted = value.casefold()
    found = {
        code
        for code, category in snap.categories.items()
        if any(
            text.casefold().startswith(wanted)
            for text in (code, category.name_nl, category.name_en)
        )
    }
    if len(found) == 1:
        return found.pop()
    codes = ", ".join(snap.categories)
    raise ValidationError({"categorie": [f"Unknown category '{value}'; use one of: {codes}."]})


def _matches(snap: Snapshot, lab: LabRecord, term: str) -> bool:
    term = term.casefold()
    texts = [lab.name, lab.aliases]
    for code in lab.municipalities:
        texts += [code, snap.municipalities[code].name]
    return any(term in text.casefold() for text in texts)


def filter_labs(request: HttpRequest, snap: Snapshot) -> list[LabRecord]:
    labs = snap.labs
    category = _text(request, "categorie")
    if category:
        code = category_code(snap, category)
        labs = [lab for lab in labs if lab.category == code]
    province = _code(request, "provincie", PROVINCE_CODE, "PV27")
    if province:
        labs = [lab for lab in labs if province in snap.lab_provinces(lab)]
    municipality = _code(request, "gemeente", MUNICIPALITY_CODE, "GM0361")
    if municipality:
        covering = (
            {lab.number for lab in snap.labs_covering(municipality)}
            if municipality in snap.municipalities
            else set()
        )
        labs = [lab for lab in labs if lab.number in covering]
    status = _text(request, "status")
    if status:
        if status not in Datalab.Status.values:
            allowed = ", ".join(Datalab.Status.values)
            raise ValidationError(
                {"status": [f"Unknown status '{status}'; use one of: {allowed}."]}
            )
        labs = [lab for lab in labs if lab.status == status]
    term = _text(request, "q")
    if term:
        labs = [lab for lab in labs if _matches(snap, lab, term)]
    return labs


class Root(ApiView):
    def build(self, request, snap, language):
        names = ["datalabs", "projects", "municipalities", "provinces", "categories", "dos"]
        names.append("waves")
        links = {name: shapes.link(request, name) for name in names}
        links["coverage"] = shapes.link(request, "coverage")
        links["openapi"] = shapes.link(request, "openapi")
        links["self"] = shapes.link(request, "root")
        return {"name": "Datalab Monitor API", "_links": links}


class DatalabList(ApiView):
    def build(self, request, snap, language):
        labs = filter_labs(request, snap)
        return paginate(request, labs, lambda lab: shapes.lab_summary(request, snap, lab, language))


class DatalabDetail(ApiView):
    def build(self, request, snap, language, number: int):
        lab = snap.lab(number)
        if lab is None:
            raise NotFound(f"There is no data lab with number {number}.")
        return shapes.lab_detail(request, snap, lab, language, timezone.localdate())


class MunicipalityList(ApiView):
    def build(self, request, snap, language):
        records = sorted(snap.municipalities.values(), key=lambda m: m.code)
        province = _code(request, "provincie", PROVINCE_CODE, "PV27")
        if province:
            records = [m for m in records if m.province == province]
        year = _year(request)
        if year is not None:
            records = [m for m in records if m.exists_on(date(year, 1, 1))]
        term = _text(request, "q").casefold()
        if term:
            records = [
                m
                for m in records
                if term in m.code.casefold()
                or any(term in n.casefold() for n in {m.name, *m.names.values()})
            ]
        today = timezone.localdate()
        return paginate(
            request, records, lambda m: shapes.municipality(request, snap, m.code, today)
        )


def _municipality(snap: Snapshot, code: str) -> str:
    if code not in snap.municipalities:
        raise NotFound(f"There is no municipality with CBS code {code}.")
    return code


class MunicipalityDetail(ApiView):
    def build(self, request, snap, language, code: str):
        return shapes.municipality(request, snap, _municipality(snap, code), timezone.localdate())


class NearestDatalabs(ApiView):
    def build(self, request, snap, language, code: str):
        _municipality(snap, code)
        year = _year(request)
        raw = request.GET.get("aantal", "5")
        if not raw.isdigit() or not 1 <= int(raw) <= 50:
            raise ValidationError({"aantal": ["Give a whole number from 1 to 50."]})
        answer = maps.nearest(code, year, limit=int(raw))
        return {
            "municipality": {"code": answer.code, "name": answer.name} if answer.found else None,
            "year": answer.year,
            "choices": [{"code": c, "name": n} for c, n in answer.choices],
            "datalabs": [
                {
                    "number": near.lab.number,
                    "name": near.lab.name,
                    "category": shapes.coded(
                        near.lab.category, shapes.category_label(snap, near.lab.category, language)
                    ),
                    "distanceKm": round(near.distance_km, 1),
                    "covers": near.covers,
                    "_links": {"self": shapes.link(request, "datalab", near.lab.number)},
                }
                for near in answer.labs
            ],
            "_links": {
                "self": href(request, request.path, jaar=year, aantal=raw),
                "municipality": shapes.link(request, "municipality", code),
            },
        }


class ProvinceList(ApiView):
    def build(self, request, snap, language):
        return {
            "results": [
                {
                    "code": code,
                    "name": name,
                    "_links": {
                        "municipalities": shapes.link(request, "municipalities", provincie=code)
                    },
                }
                for code, name in sorted(snap.provinces.items())
            ],
            "_links": {"self": shapes.link(request, "provinces")},
        }


class CategoryList(ApiView):
    def build(self, request, snap, language):
        return {
            "results": [shapes.category(request, snap, c, language) for c in snap.categories],
            "_links": {"self": shapes.link(request, "categories")},
        }


class CategoryDetail(ApiView):
    def build(self, request, snap, language, code: str):
        if code not in snap.categories:
            raise NotFound(f"There is no category with code {code}.")
        return shapes.category(request, snap, code, language)


class DoList(ApiView):
    def build(self, request, snap, language):
        return {
            "results": [shapes.do(request, item, language) for item in snap.dos],
            "_links": {"self": shapes.link(request, "dos")},
        }


class DoDetail(ApiView):
    def build(self, request, snap, language, number: int):
        item = next((d for d in snap.dos if d.number == number), None)
        if item is None:
            raise NotFound(f"There is no do with number {number}.")
        return shapes.do(request, item, language)


class WaveList(ApiView):
    def version(self, stamp) -> str:
        return f"{stamp}:{responses_stamp()}"  # questionnaires received follow the responses

    def build(self, request, snap, language):
        return {
            "results": [shapes.wave(request, w, language) for w in published_waves()],
            "_links": {"self": shapes.link(request, "waves")},
        }


def _published_wave(slug: str) -> Wave:
    wave = published_waves().filter(slug=slug).first()
    if wave is None:
        raise NotFound(f"There is no published wave '{slug}'.")
    return wave


class WaveDetail(ApiView):
    def version(self, stamp, slug: str) -> str:
        # the number of questionnaires received follows the responses
        return f"{stamp}:{findings_stamp(slug)}"

    def build(self, request, snap, language, slug: str):
        return shapes.wave(request, _published_wave(slug), language)


class Findings(ApiView):
    def version(self, stamp, slug: str) -> str:
        return f"{stamp}:{findings_stamp(slug)}"

    def build(self, request, snap, language, slug: str):
        wave = _published_wave(slug)
        document = findings_document(wave_findings(wave, exact=False, language=language), wave)
        document["_links"] = {
            "self": shapes.link(request, "findings", slug),
            "wave": shapes.link(request, "wave", slug),
            "html": href(request, reverse("results:wave", args=[slug])),
        }
        return document


class CoverageView(ApiView):
    def build(self, request, snap, language):
        year = _year(request)
        found = maps.coverage(year)

        def share(item) -> dict:
            return {
                "code": item.code,
                "name": item.name,
                "total": item.total,
                "covered": item.covered,
                "notCovered": item.not_covered,
                "share": round(item.share, 4),
            }

        return {
            "year": found.year,
            "availableYears": map_data.data_years(),
            "national": share(found.national),
            "provinces": [share(p) for p in found.provinces],
            "_links": {"self": href(request, request.path, jaar=year)},
        }
