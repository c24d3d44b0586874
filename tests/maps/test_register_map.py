"""The map of the real register on the CBS boundaries of 2019 and 2025 (and without them)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation
from shapely.geometry import Point
from shapely.ops import unary_union

from datalab_monitor.geo.boundaries import read_boundaries
from datalab_monitor.maps import data, services
from datalab_monitor.maps.layout import overlapping_pairs
from datalab_monitor.registry.models import Datalab, Municipality

SVG = "{http://www.w3.org/2000/svg}"
YEARS = [2019, 2025]


def markers(svg: str) -> dict[int, ET.Element]:
    root = ET.fromstring(svg)
    return {
        int(g.get("data-lab-number")): g
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "dm-marker"
    }


def shaded(svg: str) -> set[str]:
    root = ET.fromstring(svg)
    return {p.get("data-code") for p in root.iter(f"{SVG}path") if p.get("data-covered")}


@pytest.fixture
def polygons(geo_dir):
    def of_year(year: int) -> dict:
        return {r.code: r.geometry.buffer(0) for r in read_boundaries(geo_dir, "gemeente", year)}

    return of_year


@pytest.mark.parametrize("year", YEARS)
def test_all_38_labs_are_numbered_markers_inside_their_municipality(register, polygons, year):
    view = services.lab_map(year)
    assert view.year == year and not view.problem
    found = markers(view.svg)
    assert sorted(found) == list(range(1, 39))
    shapes = polygons(year)
    labs = {lab.number: lab for lab in view.labs}
    for number, marker in found.items():
        lab = labs[number]
        anchor = Point(float(marker.get("data-anchor-lon")), float(marker.get("data-anchor-lat")))
        region = shapes[lab.lead] if lab.lead else unary_union([shapes[c] for c in lab.codes])
        assert region.contains(anchor), f"lab {number} ({lab.name}) {year}: anchor outside"
        assert marker.find(f"{SVG}a").get("href") == f"/datalabs/{lab.slug}/"
        assert "".join(marker.itertext()).strip().endswith(str(number))


@pytest.mark.parametrize("year", YEARS)
def test_markers_do_not_overlap(register, year):
    view = services.lab_map(year)
    placements = list(view.rendered.placements.values())
    assert len(placements) == 38
    assert overlapping_pairs(placements, gap=1.0) == []
    # The crowded Randstad labs are all there, moved aside where needed, with leader lines.
    assert {27, 29, 35, 36} <= set(view.rendered.placements)
    assert any(view.rendered.placements[n].displaced for n in (27, 29, 35, 36))


@pytest.mark.parametrize(
    "number, expected",
    [(24, 14), (25, 7), (9, 3), (34, 5), (31, 18)],
    ids=["Twente", "Westfriesland", "HLTsamen", "Kempen", "Friesland"],
)
def test_regional_labs_shade_all_their_municipalities(register, number, expected):
    view = services.lab_map(2019)
    lab = next(lab for lab in view.labs if lab.number == number)
    assert len(lab.codes) == expected
    assert set(lab.codes) <= shaded(view.svg)
    assert lab.lead is None


def test_friesland_is_all_of_the_province_in_2019(register):
    view = services.lab_map(2019)
    friesland = next(lab for lab in view.labs if lab.number == 31)
    in_province = set(
        Municipality.objects.in_force(2019)
        .filter(province__code="PV21")
        .values_list("code", flat=True)
    )
    assert set(friesland.codes) == in_province


def test_heerhugowaard_on_its_own_map_in_2019_and_on_dijk_en_waard_in_2025(register, polygons):
    old = services.lab_map(2019)
    new = services.lab_map(2025)
    lab_2019 = next(lab for lab in old.labs if lab.number == 8)
    lab_2025 = next(lab for lab in new.labs if lab.number == 8)
    assert (lab_2019.lead, lab_2019.codes) == ("GM0398", ("GM0398",))
    assert (lab_2025.lead, lab_2025.codes) == ("GM1980", ("GM1980",))
    assert polygons(2019)["GM0398"].contains(Point(old.rendered.anchors[8]))
    assert polygons(2025)["GM1980"].contains(Point(new.rendered.anchors[8]))
    assert "GM0398" in shaded(old.svg) and "GM1980" in shaded(new.svg)
    assert "GM0398" not in shaded(new.svg)


def test_a_newer_municipality_is_drawn_on_its_predecessors_on_an_older_map(register):
    lab = Datalab.objects.get(number=8)
    lab.lead_municipality = Municipality.objects.get(code="GM1980")
    lab.save()
    lab.municipalities.set([lab.lead_municipality])
    translated = next(lab for lab in data.map_labs(2019) if lab.number == 8)
    assert translated.lead is None  # Dijk en Waard was two municipalities in 2019
    assert translated.codes == ("GM0398", "GM0416")


def test_the_map_year_follows_the_available_boundaries(register):
    assert data.offered_years() == [2019, 2025]
    assert data.data_year(2023) == 2019
    assert data.data_year(2030) == 2025
    assert data.data_year(2010) == 2019
    assert data.data_year(None) == 2025


def test_the_map_renders_without_boundaries_and_says_why(register, settings, tmp_path):
    settings.DATALAB_GEO_DIR = tmp_path / "no-boundaries"
    with translation.override("en"):
        view = services.lab_map()
    assert view.year == 2025
    assert "the file gemeente_2025.topojson is missing" in view.problem
    assert str(tmp_path) not in view.problem  # no server paths on a public page
    root = ET.fromstring(view.svg)
    assert root.get("data-boundaries") == "false"
    assert sorted(markers(view.svg)) == list(range(1, 39))
    dots = [c for c in root.iter(f"{SVG}circle") if c.get("data-code")]
    assert len(dots) == 342
    assert overlapping_pairs(list(view.rendered.placements.values())) == []


def test_a_broken_boundary_file_falls_back_to_the_plain_map(register, settings, tmp_path):
    (tmp_path / "gemeente_2025.topojson").write_text('{"type": "Topology", "arcs": [')
    settings.DATALAB_GEO_DIR = tmp_path
    view = services.lab_map(2025)
    assert "gemeente_2025.topojson: not valid JSON" in view.problem
    assert sorted(markers(view.svg)) == list(range(1, 39))


def test_rendering_is_cached_until_the_register_changes(register):
    first = services.lab_map(2025)
    again = services.lab_map(2025)
    assert again.rendered is first.rendered
    Datalab.objects.filter(number=1).update(name="Alkmaar (hernoemd)")
    changed = services.lab_map(2025)
    assert changed.rendered is not first.rendered
    assert "Alkmaar (hernoemd)" in changed.svg


@pytest.mark.parametrize("year", YEARS)
def test_coverage_is_computed_from_the_register(register, year):
    coverage = services.coverage(year)
    # Independent count: municipalities of the year that a lab covers, directly or through a
    # merger since 2019.
    in_force = set(Municipality.objects.in_force(year).values_list("code", flat=True))
    covered = set()
    for municipality in Municipality.objects.filter(datalabs__isnull=False).distinct():
        covered.update(data.codes_on(municipality, __import__("datetime").date(year, 1, 1)))
    assert coverage.national.total == len(in_force) == {2019: 355, 2025: 342}[year]
    assert coverage.national.covered == len(covered & in_force)
    assert sum(row.total for row in coverage.provinces) == coverage.national.total
    assert sum(row.covered for row in coverage.provinces) == coverage.national.covered
    friesland = next(row for row in coverage.provinces if row.code == "PV21")
    assert friesland.covered == friesland.total == 18


def test_nearest_labs_to_heiloo_starts_with_alkmaar(register):
    answer = services.nearest("Heiloo", 2025)
    assert (answer.code, answer.name) == ("GM0399", "Heiloo")
    assert answer.labs[0].lab.name == "Alkmaar"
    assert answer.labs[0].distance_km < 10
    distances = [near.distance_km for near in answer.labs]
    assert distances == sorted(distances)


def test_nearest_labs_for_a_merged_municipality_uses_its_successor(register):
    answer = services.nearest("heerhugowaard", 2025)
    assert (answer.code, answer.typed_name) == ("GM1980", "Heerhugowaard")
    assert answer.labs[0].lab.number == 8 and answer.labs[0].covers


def test_nearest_labs_ambiguous_and_unknown(register):
    choices = services.nearest("Bergen", 2025).choices
    assert choices == [
        ("GM0893", "Bergen (L.)"),
        ("GM0373", "Bergen (NH.)"),
        ("GM0748", "Bergen op Zoom"),
    ]
    unknown = services.nearest("Atlantis", 2025)
    assert not unknown.found and not unknown.choices
