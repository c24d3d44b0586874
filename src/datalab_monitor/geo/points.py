"""Representative points: one point guaranteed inside each region, for markers and distances.

A centroid can fall outside a curved or split municipality (or in the sea); instead we take the
pole of inaccessibility (``polylabel``) of the region's largest part, computed in a locally
scaled plane (longitude times cos(latitude)) so that "far from the edges" means far on a map.
The point is checked to lie inside the region; if rounding or an odd shape would put it outside,
shapely's ``point_on_surface`` is used instead.

The points of the reference years are kept in ``data/representative_points.csv`` (derived from
the CBS files with ``datalab-monitor geo points``), so markers and distances work even where the
boundary files are not installed. Plain Python: no Django.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # shapely is imported where geometries are used, not at start-up
    from shapely.geometry import Polygon
    from shapely.geometry.base import BaseGeometry

from .boundaries import Region

DATA_DIR = Path(__file__).resolve().parent / "data"
POINTS_CSV = DATA_DIR / "representative_points.csv"
REFERENCE_LATITUDE = 52.2  # middle of the Netherlands: scales longitude for "map distance"
EARTH_RADIUS_KM = 6371.0088
DECIMALS = 5  # about one metre

LonLat = tuple[float, float]


class PointsFileError(ValueError):
    """The representative points file is missing or malformed; says where."""


def valid(geometry: BaseGeometry) -> BaseGeometry:
    """The geometry itself if valid, else a repaired copy (generalised borders can self-touch)."""
    return geometry if geometry.is_valid else geometry.buffer(0)


def _largest_polygon(geometry: BaseGeometry) -> Polygon:
    from shapely.geometry import Polygon

    if isinstance(geometry, Polygon):
        return geometry
    parts = [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon)]
    if not parts:
        raise ValueError(f"no polygon in a {geometry.geom_type}")
    return max(parts, key=lambda part: part.area)


def representative_point(geometry: BaseGeometry) -> LonLat:
    """A (lon, lat) point inside ``geometry``, as far from its edges as practical."""
    from shapely import affinity
    from shapely.geometry import Point
    from shapely.ops import polylabel

    geometry = valid(geometry)
    factor = math.cos(math.radians(REFERENCE_LATITUDE))
    scaled = affinity.scale(_largest_polygon(geometry), xfact=factor, yfact=1.0, origin=(0, 0))
    tolerance = max(math.sqrt(scaled.area) / 200, 1e-6)
    label = polylabel(scaled, tolerance=tolerance)
    point = (round(label.x / factor, DECIMALS), round(label.y, DECIMALS))
    if not geometry.contains(Point(point)):
        fallback = geometry.point_on_surface()
        point = (fallback.x, fallback.y)
    return point


def union_point(geometries: Iterable[BaseGeometry]) -> LonLat:
    """A point inside the union of several regions (a lab covering a region without a lead)."""
    from shapely.geometry import MultiPolygon, Polygon
    from shapely.ops import unary_union

    union = unary_union([valid(g) for g in geometries])
    if isinstance(union, MultiPolygon | Polygon):
        return representative_point(union)
    raise ValueError("the regions have no area in common to place a point in")


def representative_points(regions: Iterable[Region]) -> dict[str, LonLat]:
    """Code -> representative point, for every region."""
    return {region.code: representative_point(region.geometry) for region in regions}


def haversine_km(a: LonLat, b: LonLat) -> float:
    """Great-circle distance in kilometres between two (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


COLUMNS = ["year", "code", "lon", "lat"]


def points_csv(points_by_year: dict[int, dict[str, LonLat]]) -> str:
    """The text of the points file: one row per (year, code), sorted."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for year in sorted(points_by_year):
        for code, (lon, lat) in sorted(points_by_year[year].items()):
            writer.writerow([year, code, f"{lon:.{DECIMALS}f}", f"{lat:.{DECIMALS}f}"])
    return out.getvalue()


def read_points(path: Path = POINTS_CSV) -> dict[int, dict[str, LonLat]]:
    """Year -> code -> (lon, lat) from the committed points file."""
    result: dict[int, dict[str, LonLat]] = {}
    try:
        handle = Path(path).open(encoding="utf-8", newline="")
    except OSError as exc:
        raise PointsFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    with handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            raise PointsFileError(f"{path}: the header must be {','.join(COLUMNS)}")
        for row_number, row in enumerate(reader, start=2):
            try:
                year = int(row["year"])
                lon, lat = float(row["lon"]), float(row["lat"])
            except (TypeError, ValueError) as exc:
                raise PointsFileError(f"{path}, row {row_number}: {exc}") from exc
            if not (-180 <= lon <= 180 and -90 <= lat <= 90):
                raise PointsFileError(f"{path}, row {row_number}: ({lon}, {lat}) is not lon/lat")
            result.setdefault(year, {})[row["code"]] = (lon, lat)
    return result
