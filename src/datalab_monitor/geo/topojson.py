"""Decode TopoJSON (quantised or not) into shapely geometries.

Only what CBS boundary files use: a ``Topology`` of ``GeometryCollection`` objects holding
``Polygon`` and ``MultiPolygon`` geometries. Plain Python: usable from a notebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # shapely is imported where geometries are used, not at start-up
    from shapely.geometry import Polygon
    from shapely.geometry.base import BaseGeometry


class TopoJSONError(ValueError):
    """The TopoJSON document is not what we can read; the message says where."""


@dataclass(frozen=True)
class Feature:
    id: str
    properties: dict[str, Any]
    geometry: BaseGeometry = field(repr=False)


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    transform = topology.get("transform")
    arcs = topology.get("arcs")
    if not isinstance(arcs, list):
        raise TopoJSONError("'arcs' is missing or is not a list")
    if transform is None:
        return [[(float(p[0]), float(p[1])) for p in arc] for arc in arcs]
    try:
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    except (KeyError, TypeError, ValueError) as exc:
        raise TopoJSONError("'transform' needs 'scale' and 'translate' pairs") from exc
    decoded = []
    for index, arc in enumerate(arcs):
        x = y = 0
        points = []
        try:
            for dx, dy, *_ in arc:
                x += dx
                y += dy
                points.append((x * sx + tx, y * sy + ty))
        except (TypeError, ValueError) as exc:
            raise TopoJSONError(f"arc {index} is not a list of [x, y] positions") from exc
        decoded.append(points)
    return decoded


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indexes:
        try:
            arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        except (IndexError, TypeError) as exc:
            raise TopoJSONError(f"arc index {index} does not exist") from exc
        # Consecutive arcs share their joining point: drop the duplicate.
        points.extend(arc[1:] if points else arc)
    return points


def _polygon(arcs: list[list[tuple[float, float]]], rings: list[list[int]]) -> Polygon:
    from shapely.geometry import Polygon

    shell, *holes = (_ring(arcs, ring) for ring in rings)
    return Polygon(shell, holes)


def _geometry(arcs, geometry: dict[str, Any]) -> BaseGeometry:
    from shapely.geometry import MultiPolygon

    kind = geometry.get("type")
    if kind == "Polygon":
        return _polygon(arcs, geometry["arcs"])
    if kind == "MultiPolygon":
        return MultiPolygon([_polygon(arcs, polygon) for polygon in geometry["arcs"]])
    raise TopoJSONError(f"geometry type {kind!r} is not supported (only Polygon, MultiPolygon)")


def decode(topology: dict[str, Any], object_name: str | None = None) -> list[Feature]:
    """Return the features of one object of a TopoJSON topology (the only one if not named)."""
    if not isinstance(topology, dict) or topology.get("type") != "Topology":
        raise TopoJSONError("the document is not a TopoJSON Topology ('type' must be 'Topology')")
    objects = topology.get("objects")
    if not isinstance(objects, dict) or not objects:
        raise TopoJSONError("the topology has no 'objects'")
    if object_name is None:
        if len(objects) != 1:
            raise TopoJSONError(f"name one object of {sorted(objects)}")
        object_name = next(iter(objects))
    if object_name not in objects:
        raise TopoJSONError(f"object {object_name!r} not found; the file has {sorted(objects)}")
    collection = objects[object_name]
    if collection.get("type") != "GeometryCollection":
        raise TopoJSONError(f"object {object_name!r} is not a GeometryCollection")
    arcs = _decode_arcs(topology)
    features = []
    for position, geometry in enumerate(collection.get("geometries", [])):
        properties = geometry.get("properties") or {}
        feature_id = str(geometry.get("id", properties.get("statcode", position)))
        try:
            shape = _geometry(arcs, geometry)
        except (KeyError, TypeError, ValueError) as exc:
            raise TopoJSONError(f"geometry {position} ({feature_id}): {exc}") from exc
        features.append(Feature(id=feature_id, properties=properties, geometry=shape))
    return features
