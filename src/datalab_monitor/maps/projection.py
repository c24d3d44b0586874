"""Project longitude/latitude onto the SVG plane, and write geometries as SVG path data.

An equirectangular projection with longitude scaled by cos(reference latitude): over a country
the size of the Netherlands it is visually indistinguishable from the Dutch RD grid, and it is
exact to invert (which the tests use). Plain Python: no Django.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # shapely is imported where geometries are used, not at start-up
    from shapely.geometry.base import BaseGeometry

REFERENCE_LATITUDE = 52.2


@dataclass(frozen=True)
class Projection:
    """Maps (lon, lat) to (x, y) pixels: ``x = left + (lon - lon0) * k * c``, y grows downwards."""

    lon0: float
    lat_top: float
    scale: float  # pixels per degree of latitude
    left: float
    top: float
    factor: float = math.cos(math.radians(REFERENCE_LATITUDE))

    @classmethod
    def fit(
        cls, bounds: tuple[float, float, float, float], box: tuple[float, float, float, float]
    ) -> Projection:
        """The projection that fits lon/lat ``bounds`` (minx, miny, maxx, maxy) centred in the
        pixel ``box`` (left, top, width, height)."""
        min_lon, min_lat, max_lon, max_lat = bounds
        left, top, width, height = box
        factor = math.cos(math.radians(REFERENCE_LATITUDE))
        span_x = (max_lon - min_lon) * factor
        span_y = max_lat - min_lat
        scale = min(width / span_x, height / span_y)
        left += (width - span_x * scale) / 2
        top += (height - span_y * scale) / 2
        return cls(lon0=min_lon, lat_top=max_lat, scale=scale, left=left, top=top, factor=factor)

    @classmethod
    def fit_width(
        cls, bounds: tuple[float, float, float, float], left: float, top: float, width: float
    ) -> Projection:
        """The projection that makes lon/lat ``bounds`` exactly ``width`` pixels wide, with its
        top-left corner at (left, top); the height follows."""
        min_lon, min_lat, max_lon, max_lat = bounds
        factor = math.cos(math.radians(REFERENCE_LATITUDE))
        scale = width / ((max_lon - min_lon) * factor)
        return cls(lon0=min_lon, lat_top=max_lat, scale=scale, left=left, top=top, factor=factor)

    def size(self, bounds: tuple[float, float, float, float]) -> tuple[float, float]:
        """Width and height in pixels of lon/lat ``bounds``."""
        min_lon, min_lat, max_lon, max_lat = bounds
        return (max_lon - min_lon) * self.factor * self.scale, (max_lat - min_lat) * self.scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (
            float(self.left + (lon - self.lon0) * self.factor * self.scale),
            float(self.top + (self.lat_top - lat) * self.scale),
        )

    def invert(self, x: float, y: float) -> tuple[float, float]:
        return (
            self.lon0 + (x - self.left) / (self.factor * self.scale),
            self.lat_top - (y - self.top) / self.scale,
        )


def _ring_path(coords, project: Projection, precision: int) -> str:
    """One closed ring as "M x y l dx dy ... z", relative steps keep the text short."""
    parts: list[str] = []
    previous: tuple[int, int] | None = None
    unit = 10**precision
    for lon, lat in coords[:-1] if len(coords) > 1 and coords[0] == coords[-1] else coords:
        x, y = project(lon, lat)
        point = (round(x * unit), round(y * unit))
        if previous is None:
            parts.append(f"M{_number(point[0], precision)} {_number(point[1], precision)}")
        else:
            dx, dy = point[0] - previous[0], point[1] - previous[1]
            if dx == 0 and dy == 0:
                continue
            parts.append(f"l{_number(dx, precision)} {_number(dy, precision)}")
        previous = point
    return "".join(parts) + "z" if parts else ""


def _number(value: int, precision: int) -> str:
    if precision == 0:
        return str(value)
    text = f"{value / 10**precision:.{precision}f}".rstrip("0").rstrip(".")
    return "0" if text in {"-0", ""} else text


def path_data(geometry: BaseGeometry, project: Projection, precision: int = 1) -> str:
    """SVG path data of a (multi)polygon, holes included (drawn with fill-rule evenodd)."""
    from shapely.geometry import MultiPolygon, Polygon

    polygons = (
        [geometry]
        if isinstance(geometry, Polygon)
        else list(geometry.geoms)
        if isinstance(geometry, MultiPolygon)
        else [g for g in getattr(geometry, "geoms", []) if isinstance(g, Polygon)]
    )
    rings = []
    for polygon in polygons:
        rings.append(_ring_path(list(polygon.exterior.coords), project, precision))
        rings.extend(_ring_path(list(r.coords), project, precision) for r in polygon.interiors)
    return "".join(ring for ring in rings if ring)
