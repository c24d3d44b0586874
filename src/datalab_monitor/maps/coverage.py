"""Coverage: which municipalities have a data lab, nationally and per province, and which labs
are nearest to a municipality. Plain Python: the web page and the report feed it the same data.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from datalab_monitor.geo.points import haversine_km

from .model import Lab, LonLat


@dataclass(frozen=True)
class Place:
    """A municipality of the coverage year, with its province."""

    code: str
    name: str
    province_code: str
    province_name: str


@dataclass(frozen=True)
class Share:
    """How many of ``total`` municipalities are covered; ``share`` is a fraction (0-1)."""

    code: str
    name: str
    total: int
    covered: int

    @property
    def share(self) -> float:
        return self.covered / self.total if self.total else 0.0

    @property
    def not_covered(self) -> int:
        return self.total - self.covered


@dataclass(frozen=True)
class Coverage:
    year: int
    national: Share
    provinces: tuple[Share, ...]
    covered: tuple[Place, ...]
    uncovered: tuple[Place, ...]
    labs_per_place: tuple[tuple[str, tuple[int, ...]], ...]

    def labs_of(self, code: str) -> tuple[int, ...]:
        return dict(self.labs_per_place).get(code, ())

    def uncovered_in(self, province_code: str) -> list[Place]:
        return [p for p in self.uncovered if p.province_code == province_code]


def compute_coverage(year: int, places: Iterable[Place], labs: Iterable[Lab]) -> Coverage:
    """Coverage of ``places`` (the municipalities of ``year``) by ``labs`` (codes of that year).

    A municipality counts once, however many labs cover it; codes of labs that are not among
    ``places`` are ignored.
    """
    places = sorted(places, key=lambda p: (p.name.casefold(), p.code))
    by_code = {p.code: p for p in places}
    labs_per: dict[str, list[int]] = {}
    for lab in labs:
        for code in set(lab.codes):
            if code in by_code:
                labs_per.setdefault(code, []).append(lab.number)
    provinces: dict[str, tuple[str, list[Place]]] = {}
    for place in places:
        provinces.setdefault(place.province_code, (place.province_name, []))[1].append(place)
    province_shares = tuple(
        Share(
            code=code,
            name=name,
            total=len(members),
            covered=sum(1 for m in members if m.code in labs_per),
        )
        for code, (name, members) in sorted(provinces.items(), key=lambda kv: kv[1][0])
    )
    return Coverage(
        year=year,
        national=Share("NL", "Nederland", len(places), len(labs_per)),
        provinces=province_shares,
        covered=tuple(p for p in places if p.code in labs_per),
        uncovered=tuple(p for p in places if p.code not in labs_per),
        labs_per_place=tuple((code, tuple(sorted(n))) for code, n in sorted(labs_per.items())),
    )


@dataclass(frozen=True)
class NearLab:
    lab: Lab
    distance_km: float
    covers: bool  # the lab covers the municipality itself (distance 0)


def nearest_labs(
    code: str, points: dict[str, LonLat], labs: Iterable[Lab], limit: int = 5
) -> list[NearLab]:
    """The ``limit`` labs nearest to municipality ``code``.

    Distance: great-circle kilometres from the municipality's representative point (a point
    inside it) to the nearest representative point of a municipality the lab covers; 0 when
    the lab covers the municipality itself. Ties go to the lower lab number.
    """
    if code not in points:
        raise KeyError(f"no point for municipality {code}")
    origin = points[code]
    found = []
    for lab in labs:
        if code in lab.codes:
            found.append(NearLab(lab, 0.0, True))
            continue
        distances = [haversine_km(origin, points[c]) for c in lab.codes if c in points]
        if distances:
            found.append(NearLab(lab, min(distances), False))
    found.sort(key=lambda near: (near.distance_km, near.lab.number))
    return found[:limit]


# Everyday names of municipalities whose official CBS name differs (public facts).
ALIASES = {
    "den haag": "GM0518",
    "the hague": "GM0518",
    "s gravenhage": "GM0518",
    "den bosch": "GM0796",
    "s hertogenbosch": "GM0796",
}
CODE_PATTERN = re.compile(r"^(?:gm)?\s*(\d{1,4})$")


def normalise(text: str) -> str:
    """Case-, accent- and punctuation-insensitive form: "'s-Hertogenbosch" -> "s hertogenbosch"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain).split())


def match_municipality(query: str, names: dict[str, Iterable[str]]) -> list[str]:
    """Codes of the municipalities that ``query`` (a name or CBS code) means.

    ``names`` maps each code to its names (all years). An exact match (code, name or alias)
    wins; otherwise every municipality whose name starts with, then contains, the query.
    """
    wanted = normalise(query)
    if not wanted:
        return []
    code = CODE_PATTERN.match(wanted.replace(" ", ""))
    if code:
        candidate = f"GM{int(code.group(1)):04d}"
        return [candidate] if candidate in names else []
    if wanted in ALIASES and ALIASES[wanted] in names:
        return [ALIASES[wanted]]
    normalised = {c: {normalise(n) for n in ns} for c, ns in names.items()}
    for test in (
        lambda n: n == wanted,
        lambda n: n.startswith(wanted),
        lambda n: wanted in n,
    ):
        hits = sorted(c for c, ns in normalised.items() if any(test(n) for n in ns))
        if hits:
            return hits
    return []
