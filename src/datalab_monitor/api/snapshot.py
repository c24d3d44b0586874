"""The register in memory: read with a handful of queries, rebuilt when the data version changes.

The API's register resources are shaped from this snapshot, so a request costs one query (the
data version) plus the shaping, whatever the filters.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

from datalab_monitor.core.dataversion import current_stamp
from datalab_monitor.inventory.models import Wave
from datalab_monitor.registry.models import Category, Datalab, Do, Municipality, Province


@dataclass(frozen=True)
class MunicipalityRecord:
    code: str
    name: str
    names: dict[str, str]
    province: str
    valid_from: date | None
    valid_to: date | None
    successors: tuple[str, ...] = ()
    predecessors: tuple[str, ...] = ()

    def exists_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to > day
        )


@dataclass(frozen=True)
class LabRecord:
    pk: int
    number: int
    name: str
    slug: str
    category: str
    status: str
    start_year: int | None
    website: str
    lead: str | None
    description_nl: str
    description_en: str
    aliases: str
    municipalities: tuple[str, ...]  # CBS codes, sorted
    partners: tuple[str, ...]


@dataclass
class Snapshot:
    stamp: str
    provinces: dict[str, str]
    categories: dict[str, Category]
    dos: list[Do]
    municipalities: dict[str, MunicipalityRecord]
    labs: list[LabRecord]
    labs_by_municipality: dict[str, list[int]] = field(default_factory=dict)  # code -> numbers

    def lab(self, number: int) -> LabRecord | None:
        return next((lab for lab in self.labs if lab.number == number), None)

    def current_codes(self, code: str, day: date) -> list[str]:
        """The municipalities holding ``code``'s territory on ``day`` (following every merger)."""
        record = self.municipalities[code]
        if record.exists_on(day):
            return [code]
        found: set[str] = set()
        for successor in record.successors:
            found.update(self.current_codes(successor, day))
        return sorted(found)

    def territory(self, code: str) -> set[str]:
        """``code`` with all its predecessors and successors, however many mergers back or on."""
        found = {code}
        for relation in ("predecessors", "successors"):
            todo = [code]
            while todo:
                record = self.municipalities.get(todo.pop())
                for other in getattr(record, relation, ()):
                    if other not in found:
                        found.add(other)
                        todo.append(other)
        return found

    def labs_covering(self, code: str) -> list[LabRecord]:
        numbers = {n for c in self.territory(code) for n in self.labs_by_municipality.get(c, ())}
        return [lab for lab in self.labs if lab.number in numbers]

    def lab_provinces(self, lab: LabRecord) -> list[str]:
        codes = {self.municipalities[c].province for c in lab.municipalities}
        return sorted(codes, key=lambda p: self.provinces[p])


def _build(stamp: str) -> Snapshot:
    through = Municipality.successors.through
    successors: dict[str, list[str]] = {}
    predecessors: dict[str, list[str]] = {}
    for old, new in through.objects.values_list("from_municipality__code", "to_municipality__code"):
        successors.setdefault(old, []).append(new)
        predecessors.setdefault(new, []).append(old)
    municipalities = {
        code: MunicipalityRecord(
            code,
            name,
            names or {},
            province,
            valid_from,
            valid_to,
            tuple(sorted(successors.get(code, ()))),
            tuple(sorted(predecessors.get(code, ()))),
        )
        for code, name, names, province, valid_from, valid_to in Municipality.objects.values_list(
            "code", "name", "names", "province__code", "valid_from", "valid_to"
        )
    }
    covered: dict[int, list[str]] = {}
    for lab_id, code in Datalab.municipalities.through.objects.values_list(
        "datalab_id", "municipality__code"
    ):
        covered.setdefault(lab_id, []).append(code)
    partners: dict[int, list[str]] = {}
    for lab_id, name in Datalab.partners.through.objects.values_list("datalab_id", "partner__name"):
        partners.setdefault(lab_id, []).append(name)
    labs = [
        LabRecord(
            pk=row[0],
            number=row[1],
            name=row[2],
            slug=row[3],
            category=row[4],
            status=row[5],
            start_year=row[6],
            website=row[7],
            lead=row[8],
            description_nl=row[9],
            description_en=row[10],
            aliases=row[11],
            municipalities=tuple(sorted(covered.get(row[0], ()))),
            partners=tuple(sorted(partners.get(row[0], ()))),
        )
        for row in Datalab.objects.order_by("number").values_list(
            "pk",
            "number",
            "name",
            "slug",
            "category__code",
            "status",
            "start_year",
            "website",
            "lead_municipality__code",
            "description_nl",
            "description_en",
            "aliases",
        )
    ]
    by_municipality: dict[str, list[int]] = {}
    for lab in labs:
        for code in lab.municipalities:
            by_municipality.setdefault(code, []).append(lab.number)
    return Snapshot(
        stamp=stamp,
        provinces=dict(Province.objects.values_list("code", "name")),
        categories={c.code: c for c in Category.objects.all()},
        dos=list(Do.objects.all()),
        municipalities=municipalities,
        labs=labs,
        labs_by_municipality=by_municipality,
    )


_lock = threading.Lock()
_current: Snapshot | None = None


def snapshot(stamp: str | None = None) -> Snapshot:
    """The register as of the current data version (``stamp``, if the caller read it already)."""
    global _current
    stamp = stamp or current_stamp()
    found = _current
    if found is not None and found.stamp == stamp and stamp != "none":
        return found
    built = _build(stamp)
    with _lock:
        _current = built
    return built


def published_waves():
    return Wave.objects.published().select_related("previous_wave").order_by("-year", "slug")
