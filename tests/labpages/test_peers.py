"""Peer ranking on fixtures computed by hand (plain Python, no database)."""

from __future__ import annotations

import pytest

from datalab_monitor.labpages.peers import PublicLab, lab_distance, most_similar, nearest

A = PublicLab(
    1,
    "A",
    "internal",
    frozenset({"social", "safety"}),
    frozenset({"cbs"}),
    frozenset({"descriptive"}),
    ("GM1", "GM2"),
)
B = PublicLab(
    2,
    "B",
    "internal",
    frozenset({"social"}),
    frozenset({"cbs", "universities"}),
    frozenset(),
    ("GM3",),
)
C = PublicLab(
    3,
    "C",
    "regional",
    frozenset({"social", "safety"}),
    frozenset(),
    frozenset({"descriptive", "predictive"}),
    ("GM2",),
)
D = PublicLab(
    4, "D", "datahub", frozenset({"mobility"}), frozenset({"universities"}), frozenset(), ("GM4",)
)
E = PublicLab(5, "E", "regional", codes=())
POINTS = {"GM1": (5.0, 52.0), "GM2": (5.1, 52.0), "GM3": (5.0, 52.5), "GM4": (6.0, 52.0)}


def test_similarity_scores_by_hand():
    # B: domain social (3) + partner cbs (2) + same category (2) = 7
    # C: domains social, safety (3 + 3) + analysis descriptive (1) = 7; different category
    # D: nothing shared with A = 0 -> no peer
    found = most_similar(A, [A, B, C, D, E])
    assert [(m.lab.name, m.score) for m in found] == [("B", 7), ("C", 7)]  # tie: lower number
    b = found[0]
    assert b.domains == ("social",) and b.partners == ("cbs",) and b.same_category
    c = found[1]
    assert c.domains == ("safety", "social") and c.analysis_types == ("descriptive",)
    assert not c.same_category and not c.partners


def test_similarity_limit_and_self():
    assert [m.lab.name for m in most_similar(B, [A, B, C, D], limit=1)] == ["A"]
    # B vs D: partner universities (2) = 2; B vs C: social (3) = 3; B vs A: 7
    assert [(m.lab.name, m.score) for m in most_similar(B, [A, B, C, D])] == [
        ("A", 7),
        ("C", 3),
        ("D", 2),
    ]


def test_distances_by_hand():
    assert lab_distance(A, C, POINTS) == 0.0  # they share GM2
    # A (nearest point GM1 at 5.0, 52.0) to B (GM3 at 5.0, 52.5): half a degree of latitude
    assert lab_distance(A, B, POINTS) == pytest.approx(55.6, abs=0.1)
    # A's GM2 (5.1) to D's GM4 (6.0) at 52 N: 0.9 degrees x 111.2 km x cos 52 = 61.6 km
    assert lab_distance(A, D, POINTS) == pytest.approx(61.6, abs=0.2)
    assert lab_distance(A, E, POINTS) is None
    found = nearest(A, [A, B, C, D, E], POINTS)
    assert [(n.lab.name, n.overlaps) for n in found] == [("C", True), ("B", False), ("D", False)]
