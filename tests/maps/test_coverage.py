"""Coverage and nearest labs on the made-up country, against numbers counted by hand."""

from __future__ import annotations

import pytest

from datalab_monitor.maps.coverage import (
    compute_coverage,
    match_municipality,
    nearest_labs,
    normalise,
)

from .fixtures import LABS, PLACES, base_map


def test_coverage_matches_the_hand_count():
    coverage = compute_coverage(2030, PLACES, LABS)
    national = coverage.national
    assert (national.total, national.covered, national.not_covered) == (9, 5, 4)
    assert national.share == pytest.approx(5 / 9)
    by_province = {row.code: (row.name, row.total, row.covered) for row in coverage.provinces}
    assert by_province == {"PV01": ("Zuid", 6, 4), "PV02": ("Noord", 3, 1)}
    assert [p.code for p in coverage.uncovered] == ["GM0003", "GM0004", "GM0007", "GM0008"]
    assert [p.code for p in coverage.uncovered_in("PV02")] == ["GM0007", "GM0008"]
    # GM0001 is covered by two labs but counted once.
    assert coverage.labs_of("GM0001") == (1, 3)


def test_codes_outside_the_year_are_ignored():
    from dataclasses import replace

    stray = replace(LABS[0], number=4, codes=("GM0001", "GM9999"))
    coverage = compute_coverage(2030, PLACES, [*LABS, stray])
    assert coverage.national.covered == 5


def test_no_labs_no_coverage():
    coverage = compute_coverage(2030, PLACES, [])
    assert (coverage.national.covered, coverage.national.share) == (0, 0)


def test_nearest_labs_by_distance_between_inner_points():
    points = base_map().point_of()
    near = nearest_labs("GM0004", points, LABS)
    # GM0004 touches GM0005 (lab 2) to the east and GM0001 (labs 1 and 3) to the south: a
    # square is 0.1 degree, 6.8 km east-west at this latitude and 11.1 km north-south.
    assert [n.lab.number for n in near] == [2, 1, 3]
    assert [round(n.distance_km, 1) for n in near] == [6.8, 11.1, 11.1]
    assert not any(n.covers for n in near)
    near = nearest_labs("GM0001", points, LABS, limit=2)
    assert [(n.lab.number, n.distance_km, n.covers) for n in near] == [(1, 0, True), (3, 0, True)]
    far = nearest_labs("GM0007", points, LABS)
    assert far[0].lab.number == 2 and far[-1].distance_km > far[0].distance_km
    with pytest.raises(KeyError):
        nearest_labs("GM0999", points, LABS)


NAMES = {
    "GM0518": ["'s-Gravenhage"],
    "GM0796": ["'s-Hertogenbosch"],
    "GM0164": ["Hengelo", "Hengelo (O.)"],
    "GM0373": ["Bergen (NH.)"],
    "GM0893": ["Bergen (L.)"],
    "GM1900": ["Súdwest-Fryslân"],
    "GM0399": ["Heiloo"],
}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Heiloo", ["GM0399"]),
        ("  HEILOO ", ["GM0399"]),
        ("GM0399", ["GM0399"]),
        ("gm399", ["GM0399"]),
        ("0399", ["GM0399"]),
        ("sudwest-fryslan", ["GM1900"]),
        ("Súdwest Fryslân", ["GM1900"]),
        ("Den Haag", ["GM0518"]),
        ("s-gravenhage", ["GM0518"]),
        ("den bosch", ["GM0796"]),
        ("hengelo", ["GM0164"]),
        ("Bergen", ["GM0373", "GM0893"]),
        ("fryslân", ["GM1900"]),
        ("Atlantis", []),
        ("GM9999", []),
        ("", []),
    ],
)
def test_municipalities_are_matched_case_and_accent_insensitively(query, expected):
    assert match_municipality(query, NAMES) == expected


def test_normalise():
    assert normalise("'s-Hertogenbosch") == "s hertogenbosch"
    assert normalise("Nuenen, Gerwen en Nederwetten") == "nuenen gerwen en nederwetten"
