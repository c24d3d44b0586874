"""Representative points: inside their polygon, the committed file matches the CBS files."""

from __future__ import annotations

import pytest
from shapely.geometry import MultiPolygon, Point, Polygon

from datalab_monitor.geo.boundaries import nearest_year, read_boundaries
from datalab_monitor.geo.points import (
    POINTS_CSV,
    PointsFileError,
    haversine_km,
    points_csv,
    read_points,
    representative_point,
    representative_points,
    union_point,
)

# A "C" shape: its centroid lies in the gap, outside the polygon.
C_SHAPE = Polygon([(0, 0), (3, 0), (3, 1), (1, 1), (1, 2), (3, 2), (3, 3), (0, 3)])


def test_a_point_inside_a_shape_whose_centroid_is_outside():
    assert not C_SHAPE.contains(C_SHAPE.centroid)
    assert C_SHAPE.contains(Point(representative_point(C_SHAPE)))


def test_the_point_lies_in_the_largest_part_of_a_multipolygon():
    island = Polygon([(10, 10), (10.1, 10), (10.1, 10.1)])
    point = representative_point(MultiPolygon([island, C_SHAPE]))
    assert C_SHAPE.contains(Point(point))


def test_a_point_inside_the_union_of_neighbours():
    left = Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])
    right = Polygon([(1, 0), (2, 0), (2, 1), (1, 1)])
    point = Point(union_point([left, right]))
    assert left.union(right).contains(point)


def test_haversine_distance_amsterdam_utrecht():
    assert haversine_km((4.9041, 52.3676), (5.1214, 52.0907)) == pytest.approx(34.4, abs=0.5)
    assert haversine_km((5.0, 52.0), (5.0, 52.0)) == 0


def test_nearest_year():
    assert nearest_year([2019, 2025], 2024) == 2019
    assert nearest_year([2019, 2025], 2030) == 2025
    assert nearest_year([2019, 2025], 2010) == 2019
    assert nearest_year([], 2019) is None


def test_committed_points_lie_inside_their_municipality(geo_dir):
    points = read_points()
    assert sorted(points) == [2019, 2025]
    for year in (2019, 2025):
        regions = read_boundaries(geo_dir, "gemeente", year)
        assert set(points[year]) == {r.code for r in regions}
        for region in regions:
            assert region.geometry.buffer(0).contains(Point(points[year][region.code])), region


def test_committed_points_are_what_the_command_derives(geo_dir):
    """The file is derived, not typed in: regenerating it gives the same text."""
    derived = {
        year: representative_points(read_boundaries(geo_dir, "gemeente", year))
        for year in (2019, 2025)
    }
    assert points_csv(derived) == POINTS_CSV.read_text(encoding="utf-8")


def test_a_broken_points_file_says_where(tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("year,code,lon,lat\n2019,GM0001,5.1,52.1\n2019,GM0002,east,52.1\n")
    with pytest.raises(PointsFileError, match=r"points\.csv, row 3"):
        read_points(path)
    path.write_text("code,lon\n")
    with pytest.raises(PointsFileError, match="header must be year,code,lon,lat"):
        read_points(path)
    with pytest.raises(PointsFileError, match="cannot be read"):
        read_points(tmp_path / "missing.csv")
