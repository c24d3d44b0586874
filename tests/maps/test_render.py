"""The SVG renderer on a made-up country: structure, accessibility hooks, markers, shading."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from shapely.geometry import Point

from datalab_monitor.maps.layout import overlapping_pairs
from datalab_monitor.maps.render import render_map
from datalab_monitor.maps.style import contrast, marker_style

from .fixtures import CATEGORIES, LABS, TEXTS, base_map, squares

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def markers(root: ET.Element) -> dict[int, ET.Element]:
    return {
        int(g.get("data-lab-number")): g
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if g.get("class") == "dm-marker"
    }


@pytest.fixture(scope="module")
def rendered():
    return render_map(base_map(), LABS, CATEGORIES, TEXTS)


def test_the_svg_is_well_formed_and_described(rendered):
    root = parse(rendered.svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    title = root.find("svg:title", NS)
    desc = root.find("svg:desc", NS)
    assert title.text == "Proefkaart" and desc.text == "Drie labs in een verzonnen land."
    assert root.get("aria-labelledby") == title.get("id")
    assert root.get("aria-describedby") == desc.get("id")
    assert "Bron: verzonnen" in rendered.svg


def test_every_lab_is_a_numbered_marker_with_its_identifiers(rendered):
    found = markers(parse(rendered.svg))
    assert sorted(found) == [1, 2, 3]
    first = found[1]
    assert first.get("data-lab-slug") == "eerste"
    assert first.get("data-category") == "internal"
    link = first.find("svg:a", NS)
    assert link.get("href") == "/datalabs/eerste/"
    assert link.get("aria-label") == "1. Eerste (Intern datalab)"
    assert "".join(link.itertext()).strip().endswith("1")
    # No URL: no link, but still a marker with a name for the native tooltip.
    assert found[2].find("svg:a", NS) is None
    assert found[2].find("svg:title", NS).text == "2. Regio & Co (Regionale samenwerking)"


def test_anchors_lie_inside_the_lead_or_the_union(rendered):
    areas = {a.code: a.geometry for a in squares()}
    assert areas["GM0001"].contains(Point(rendered.anchors[1]))
    assert areas["GM0002"].contains(Point(rendered.anchors[3]))
    union = areas["GM0005"].union(areas["GM0006"]).union(areas["GM0009"])
    assert union.contains(Point(rendered.anchors[2]))
    # The SVG carries the same anchor, and its pixel position is the projected anchor.
    for number, marker in markers(parse(rendered.svg)).items():
        lon, lat = float(marker.get("data-anchor-lon")), float(marker.get("data-anchor-lat"))
        assert (lon, lat) == pytest.approx(rendered.anchors[number], abs=1e-5)
        x, y = rendered.projection(lon, lat)
        assert float(marker.get("data-anchor-x")) == pytest.approx(x, abs=0.1)


def test_markers_do_not_overlap_and_displaced_ones_have_a_leader():
    from dataclasses import replace

    # Four labs led from the same municipality: three must move aside.
    crowd = [replace(lab, number=n, slug=f"lab-{n}", lead="GM0001") for n, lab in
             enumerate(LABS + LABS[:1], start=1)]  # fmt: skip
    rendered = render_map(base_map(), crowd, CATEGORIES, TEXTS)
    assert overlapping_pairs(list(rendered.placements.values())) == []
    assert sum(p.displaced for p in rendered.placements.values()) == 3
    root = parse(rendered.svg)
    leaders = {
        int(line.get("data-lab-number"))
        for line in root.iter("{http://www.w3.org/2000/svg}line")
        if line.get("data-lab-number")
    }
    displaced = {n for n, p in rendered.placements.items() if p.displaced}
    assert leaders == displaced


def test_covered_municipalities_are_shaded(rendered):
    root = parse(rendered.svg)
    shaded = {
        p.get("data-code")
        for p in root.iter("{http://www.w3.org/2000/svg}path")
        if p.get("data-covered")
    }
    assert shaded == {"GM0001", "GM0002", "GM0005", "GM0006", "GM0009"}
    assert "Met lab (5)" in rendered.svg and "Zonder lab (4)" in rendered.svg


def test_categories_differ_in_shape_and_colour_and_numbers_are_readable():
    styles = [marker_style(i) for i in range(4)]
    assert len({s.shape for s in styles}) == 4
    assert len({s.fill for s in styles}) == 4
    for style in styles:
        assert contrast(style.fill, style.text) >= 4.5


def test_the_coverage_map_has_no_markers():
    result = render_map(base_map(), LABS, CATEGORIES, TEXTS, mode="coverage")
    assert markers(parse(result.svg)) == {}
    assert 'data-mode="coverage"' in result.svg


def test_without_boundaries_a_dot_map_is_drawn():
    result = render_map(base_map(points_only=True), LABS, CATEGORIES, TEXTS)
    root = parse(result.svg)
    assert root.get("data-boundaries") == "false"
    assert sorted(markers(root)) == [1, 2, 3]
    dots = [c for c in root.iter("{http://www.w3.org/2000/svg}circle") if c.get("data-code")]
    assert len(dots) == 9
    assert {d.get("data-code") for d in dots if d.get("data-covered")} == {
        "GM0001", "GM0002", "GM0005", "GM0006", "GM0009"
    }  # fmt: skip
    # A lab without lead sits on one of its own municipalities' points.
    assert result.anchors[2] in [dict(base_map(True).points)[c] for c in LABS[1].codes]


def test_a_lab_with_no_municipality_on_the_map_is_reported_not_drawn():
    from datalab_monitor.maps.model import Lab

    stray = Lab(9, "Elders", "elders", "internal", "GM0999", ("GM0999",))
    result = render_map(base_map(), [*LABS, stray], CATEGORIES, TEXTS)
    assert [lab.number for lab in result.unplaced] == [9]
    assert 9 not in markers(parse(result.svg))


def test_400_labs_on_the_real_map_render_with_clusters_listing_every_lab(geo_dir):
    """Many labs per municipality (10 on each of 40 places) degrade to numbered clusters."""
    from datalab_monitor.geo.boundaries import read_boundaries
    from datalab_monitor.geo.points import representative_point
    from datalab_monitor.maps.model import Area, BaseMap, Lab

    regions = read_boundaries(geo_dir, "gemeente", 2019)
    areas = [Area(r.code, r.name, r.geometry) for r in regions]
    points = tuple((a.code, representative_point(a.geometry)) for a in areas)
    base = BaseMap(year=2019, municipalities=tuple(areas), points=points)
    codes = [code for code, _ in points][::8][:40]
    labs = [
        Lab(
            n,
            f"Lab {n}",
            f"lab-{n}",
            CATEGORIES[n % 3].code,
            codes[(n - 1) // 10],
            (codes[(n - 1) // 10],),
        )
        for n in range(1, 401)
    ]
    result = render_map(base, labs, CATEGORIES, TEXTS)
    root = ET.fromstring(result.svg)
    listed = []
    for marker in root.iter("{http://www.w3.org/2000/svg}g"):
        classes = marker.get("class", "").split()
        if "dm-cluster" in classes:
            listed += [int(n) for n in marker.get("data-lab-numbers").split()]
            assert marker.find("{http://www.w3.org/2000/svg}title").text.count("Lab ") >= 4
        elif "dm-marker" in classes:
            listed.append(int(marker.get("data-lab-number")))
    assert sorted(listed) == list(range(1, 401))
    assert result.clusters and overlapping_pairs(list(result.placements.values())) == []
