"""Peers of a lab ("Kijk bij de buren"): the nearest labs and the labs with the most similar
public profile. Plain Python (no Django): fed only with what labs made public in their profile
and projects, never with questionnaire answers.

Similarity score of two labs (every shared item counts, so a hand computation is easy)::

    3 × shared domains + 2 × shared partners + 2 × (same category) + 1 × shared analysis types

Domains and analysis types come from the profile and the lab's projects; partners from the
profile's code list and free text (compared case-insensitively). Ties go to the lower lab
number; labs with score 0 are no peers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from datalab_monitor.geo.points import haversine_km

WEIGHTS = {"domains": 3, "partners": 2, "category": 2, "analysis_types": 1}

LonLat = tuple[float, float]


@dataclass(frozen=True)
class PublicLab:
    """What a lab made public, as the peer ranking needs it."""

    number: int
    name: str
    category: str
    domains: frozenset[str] = frozenset()
    partners: frozenset[str] = frozenset()
    analysis_types: frozenset[str] = frozenset()
    codes: tuple[str, ...] = ()  # municipality codes covered (of the points' year)


@dataclass(frozen=True)
class SimilarLab:
    lab: PublicLab
    score: int
    domains: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    same_category: bool = False
    analysis_types: tuple[str, ...] = ()


@dataclass(frozen=True)
class NearbyLab:
    lab: PublicLab
    distance_km: float
    overlaps: bool = False  # the labs share a municipality


def normalise_partner(name: str) -> str:
    return " ".join(name.casefold().split())


def similarity(lab: PublicLab, other: PublicLab) -> SimilarLab:
    domains = tuple(sorted(lab.domains & other.domains))
    partners = tuple(sorted(lab.partners & other.partners))
    analysis = tuple(sorted(lab.analysis_types & other.analysis_types))
    same = lab.category == other.category
    score = (
        WEIGHTS["domains"] * len(domains)
        + WEIGHTS["partners"] * len(partners)
        + WEIGHTS["category"] * int(same)
        + WEIGHTS["analysis_types"] * len(analysis)
    )
    return SimilarLab(other, score, domains, partners, same, analysis)


def most_similar(lab: PublicLab, labs: Iterable[PublicLab], limit: int = 5) -> list[SimilarLab]:
    """The ``limit`` labs most similar to ``lab`` (itself excluded; score > 0 only)."""
    found = [similarity(lab, other) for other in labs if other.number != lab.number]
    found = [match for match in found if match.score > 0]
    found.sort(key=lambda match: (-match.score, match.lab.number))
    return found[:limit]


def lab_distance(a: PublicLab, b: PublicLab, points: dict[str, LonLat]) -> float | None:
    """Kilometres between the nearest municipalities of two labs; 0 if they share one."""
    if set(a.codes) & set(b.codes):
        return 0.0
    ours = [points[c] for c in a.codes if c in points]
    theirs = [points[c] for c in b.codes if c in points]
    if not ours or not theirs:
        return None
    return min(haversine_km(p, q) for p in ours for q in theirs)


def nearest(
    lab: PublicLab, labs: Iterable[PublicLab], points: dict[str, LonLat], limit: int = 5
) -> list[NearbyLab]:
    """The ``limit`` labs nearest to ``lab`` (itself excluded); ties go to the lower number."""
    found = []
    for other in labs:
        if other.number == lab.number:
            continue
        distance = lab_distance(lab, other, points)
        if distance is not None:
            found.append(NearbyLab(other, distance, distance == 0.0))
    found.sort(key=lambda near: (near.distance_km, near.lab.number))
    return found[:limit]


@dataclass
class Peers:
    nearest: list[NearbyLab] = field(default_factory=list)
    similar: list[SimilarLab] = field(default_factory=list)
