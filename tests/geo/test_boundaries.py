"""Reading and validating boundary files, on small files the tests make themselves."""

from __future__ import annotations

import json

import pytest

from datalab_monitor.geo.boundaries import BoundaryFileError, available_years, read_boundaries
from datalab_monitor.geo.topojson import decode


def square_topology(object_name: str, code: str = "GM0001", name: str = "Testdorp") -> dict:
    """A quantised topology with one square municipality made of one arc."""
    return {
        "type": "Topology",
        "transform": {"scale": [0.01, 0.01], "translate": [5.0, 52.0]},
        "arcs": [[[0, 0], [100, 0], [0, 100], [-100, 0], [0, -100]]],
        "objects": {
            object_name: {
                "type": "GeometryCollection",
                "geometries": [
                    {
                        "type": "Polygon",
                        "arcs": [[0]],
                        "id": code,
                        "properties": {"statcode": code, "statnaam": name},
                    }
                ],
            }
        },
    }


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def test_decodes_a_quantised_square(tmp_path):
    write(tmp_path, "gemeente_2030.topojson", square_topology("gemeente_2030"))
    (region,) = read_boundaries(tmp_path, "gemeente", 2030)
    assert (region.code, region.name) == ("GM0001", "Testdorp")
    assert region.geometry.bounds == pytest.approx((5.0, 52.0, 6.0, 53.0))
    assert region.geometry.area == pytest.approx(1.0)
    assert available_years(tmp_path) == [2030]


def test_reversed_arc_indexes_are_followed():
    topology = square_topology("x")
    topology["arcs"] = [[[0, 0], [100, 0], [0, 100]], [[0, 0], [0, 100], [100, 0]]]
    # ring: arc 0 forward, then arc 1 reversed (~1 == -2)
    topology["objects"]["x"]["geometries"][0]["arcs"] = [[0, -2]]
    (feature,) = decode(topology)
    corners = [(round(x, 6), round(y, 6)) for x, y in feature.geometry.exterior.coords]
    assert corners == [(5.0, 52.0), (6.0, 52.0), (6.0, 53.0), (5.0, 53.0), (5.0, 52.0)]


def test_missing_file_says_where_and_what_to_do(tmp_path):
    with pytest.raises(
        BoundaryFileError, match=r"gemeente_2019\.topojson: file not found.*geo download"
    ):
        read_boundaries(tmp_path, "gemeente", 2019)


def test_truncated_file_is_reported_with_its_position(tmp_path):
    text = json.dumps(square_topology("gemeente_2030"))
    write(tmp_path, "gemeente_2030.topojson", text[: len(text) // 2])
    with pytest.raises(
        BoundaryFileError, match=r"gemeente_2030\.topojson: not valid JSON at line 1.*truncated"
    ):
        read_boundaries(tmp_path, "gemeente", 2030)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda t: t.update(type="FeatureCollection"), "not a TopoJSON Topology"),
        (
            lambda t: t["objects"]["gemeente_2030"]["geometries"][0]["properties"].update(
                statcode="0361"
            ),
            r"region 1: 'statcode' '0361' is not a GM code",
        ),
        (
            lambda t: t["objects"]["gemeente_2030"]["geometries"][0]["properties"].update(
                statnaam=""
            ),
            r"region 1 \(GM0001\): 'statnaam' is empty",
        ),
        (
            lambda t: t["objects"]["gemeente_2030"]["geometries"][0].update(arcs=[[7]]),
            "arc index 7 does not exist",
        ),
        (
            lambda t: t["objects"]["gemeente_2030"]["geometries"][0].update(type="Point"),
            "geometry type 'Point' is not supported",
        ),
        (lambda t: t["objects"]["gemeente_2030"].update(geometries=[]), "holds no regions"),
    ],
)
def test_wrong_files_are_refused_with_a_clear_reason(tmp_path, mutate, message):
    topology = square_topology("gemeente_2030")
    mutate(topology)
    write(tmp_path, "gemeente_2030.topojson", topology)
    with pytest.raises(BoundaryFileError, match=message):
        read_boundaries(tmp_path, "gemeente", 2030)


def test_a_duplicate_code_is_refused(tmp_path):
    topology = square_topology("gemeente_2030")
    geometries = topology["objects"]["gemeente_2030"]["geometries"]
    geometries.append(dict(geometries[0]))
    write(tmp_path, "gemeente_2030.topojson", topology)
    with pytest.raises(BoundaryFileError, match="region 2: code GM0001 occurs twice"):
        read_boundaries(tmp_path, "gemeente", 2030)


def test_reads_the_shared_cbs_files(geo_dir):
    assert len(read_boundaries(geo_dir, "gemeente", 2019)) == 355
    assert len(read_boundaries(geo_dir, "gemeente", 2025)) == 342
    assert len(read_boundaries(geo_dir, "provincie", 2025)) == 12
