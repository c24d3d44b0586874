"""Where each lab really is on the map: a point inside its lead municipality, or inside the union
of the municipalities it covers when it has no lead. Plain Python: no Django.
"""

from __future__ import annotations

import math

from datalab_monitor.geo.points import union_point

from .model import BaseMap, Lab, LonLat


def lab_anchor(lab: Lab, base: BaseMap, points: dict[str, LonLat] | None = None) -> LonLat | None:
    """The (lon, lat) of the lab's marker anchor, or None if none of its municipalities is on
    this map.

    - lead municipality on the map: its representative point (inside its polygon);
    - otherwise, with boundaries: a point inside the union of its covered municipalities;
    - otherwise, points only: the point of the covered municipality nearest to their middle
      (inside that municipality, so inside the union as well).
    """
    points = base.point_of() if points is None else points
    if lab.lead and lab.lead in points:
        return points[lab.lead]
    present = [code for code in lab.codes if code in points]
    if not present:
        return None
    if len(present) == 1:
        return points[present[0]]
    if not base.points_only:
        shapes = {area.code: area.geometry for area in base.municipalities}
        geometries = [shapes[code] for code in present if code in shapes]
        if geometries:
            return union_point(geometries)
    lon = sum(points[c][0] for c in present) / len(present)
    lat = sum(points[c][1] for c in present) / len(present)
    middle = min(present, key=lambda c: math.dist(points[c], (lon, lat)))
    return points[middle]
