"""Place map markers so that none hides another, with leader lines back to their true point.

Each marker wants to sit on its anchor (a point inside its municipality). Markers whose anchors
are free stay there. Markers that would overlap are moved, one by one, to the nearest free spot
on rings around their anchor, preferring to move away from the crowd they are part of and not to
cover another marker's anchor or cross another marker with their leader line. Deterministic: the
same input gives the same map. Plain Python: no Django.

The map degrades instead of failing when many labs share a place: more than ``max_stack``
markers on one spot are drawn as one numbered cluster, and a marker that finds no free spot
within ``max_rings`` joins the cluster of the nearest marker already placed. A cluster's
``members`` name every lab it stands for, so the page can list them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

Box = tuple[float, float, float, float]  # left, top, right, bottom


@dataclass(frozen=True)
class Item:
    key: int
    anchor: tuple[float, float]
    radius: float
    members: tuple[int, ...] = ()  # a cluster: the keys it stands for (its own key included)


@dataclass(frozen=True)
class Placement:
    key: int
    anchor: tuple[float, float]
    position: tuple[float, float]
    radius: float
    members: tuple[int, ...] = ()  # a cluster: the keys it stands for (its own key included)

    @property
    def displaced(self) -> bool:
        return math.dist(self.anchor, self.position) > 0.5

    @property
    def is_cluster(self) -> bool:
        return len(self.members) > 1


ANGLES = 24  # candidate directions per ring


def _overlaps(position, radius, placed: list[Placement], gap: float) -> bool:
    return any(math.dist(position, p.position) < radius + p.radius + gap for p in placed)


def _inside(position, radius, frame: Box, obstacles: tuple[Box, ...]) -> bool:
    x, y = position
    left, top, right, bottom = frame
    if x - radius < left or x + radius > right or y - radius < top or y + radius > bottom:
        return False
    for o_left, o_top, o_right, o_bottom in obstacles:
        nearest_x = min(max(x, o_left), o_right)
        nearest_y = min(max(y, o_top), o_bottom)
        if math.dist((x, y), (nearest_x, nearest_y)) < radius:
            return False
    return True


def _segment_distance(point, start, end) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.dist(point, (ax + t * dx, ay + t * dy))


def _clusters(items: list[Item], gap: float) -> dict[int, list[Item]]:
    """Key -> the items whose anchors collide with it, directly or through others."""
    parent = {item.key: item.key for item in items}

    def root(key: int) -> int:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for index, item in enumerate(items):
        for other in items[index + 1 :]:
            if math.dist(item.anchor, other.anchor) < item.radius + other.radius + gap:
                parent[root(other.key)] = root(item.key)
    members: dict[int, list[Item]] = {}
    for item in items:
        members.setdefault(root(item.key), []).append(item)
    return {item.key: members[root(item.key)] for item in items}


def stack(items: list[Item], max_stack: int, cluster_radius: float) -> list[Item]:
    """Items whose anchors coincide (within half a pixel), more than ``max_stack`` of them, become
    one cluster item (keyed by the first of them, in priority order)."""
    spots: dict[tuple[int, int], list[Item]] = {}
    for item in items:
        spots.setdefault((round(item.anchor[0] * 2), round(item.anchor[1] * 2)), []).append(item)
    result = []
    for item in items:
        spot = spots[(round(item.anchor[0] * 2), round(item.anchor[1] * 2))]
        if len(spot) <= max_stack:
            result.append(item)
        elif item is spot[0]:
            keys = tuple(key for member in spot for key in (member.members or (member.key,)))
            result.append(Item(item.key, item.anchor, cluster_radius, keys))
    return result


def place_markers(
    items: list[Item],
    frame: Box,
    gap: float = 2.0,
    obstacles: tuple[Box, ...] = (),
    max_rings: int = 60,
    max_stack: int | None = None,
    cluster_radius: float | None = None,
) -> list[Placement]:
    """Positions for ``items`` (in their given order of priority) that never overlap.

    With ``max_stack``, more than that many items on one spot become one cluster. An item
    that finds no free spot joins the nearest placed marker as a cluster member; only when not
    a single marker fits in the frame is that an error."""
    if max_stack is not None:
        largest = max((item.radius for item in items), default=0.0)
        items = stack(items, max_stack, cluster_radius or largest * 1.3)
    groups = _clusters(items, gap)
    placed: list[Placement] = []
    free = [i for i in items if len(groups[i.key]) == 1]
    crowded = [i for i in items if len(groups[i.key]) > 1]
    for item in free:
        if not _overlaps(item.anchor, item.radius, placed, gap) and _inside(
            item.anchor, item.radius, frame, obstacles
        ):
            placed.append(Placement(item.key, item.anchor, item.anchor, item.radius, item.members))
        else:
            crowded.append(item)
    anchors = {i.key: i.anchor for i in items}
    # Innermost first: the marker in the middle of a crowd keeps its place, the others move out.
    crowded.sort(key=lambda item: (_spread(item, groups[item.key]), items.index(item)))
    for item in crowded:
        spot = _best_spot(item, groups[item.key], placed, anchors, frame, obstacles, gap, max_rings)
        if spot is not None:
            placed.append(spot)
        elif placed:
            _join_nearest(item, placed)
        else:
            raise ValueError(f"no free place for marker {item.key} within {max_rings} rings")
    order = {item.key: index for index, item in enumerate(items)}
    return sorted(placed, key=lambda p: order[p.key])


def _join_nearest(item: Item, placed: list[Placement]) -> None:
    """Add ``item`` to the cluster of the placed marker nearest to its anchor (in place)."""
    index = min(range(len(placed)), key=lambda i: math.dist(placed[i].position, item.anchor))
    host = placed[index]
    members = (host.members or (host.key,)) + (item.members or (item.key,))
    placed[index] = replace(host, members=members)


def _spread(item: Item, group: list[Item]) -> float:
    """Mean distance from ``item``'s anchor to the others of its group: small = in the middle."""
    others = [g for g in group if g.key != item.key]
    if not others:
        return 0.0
    return sum(math.dist(item.anchor, g.anchor) for g in others) / len(others)


def _best_spot(item, group, placed, anchors, frame, obstacles, gap, max_rings) -> Placement | None:
    ax, ay = item.anchor
    cx = sum(g.anchor[0] for g in group) / len(group)
    cy = sum(g.anchor[1] for g in group) / len(group)
    away = math.atan2(ay - cy, ax - cx) if (ax, ay) != (cx, cy) else -math.pi / 2
    step = item.radius * 0.5
    # Only markers and anchors within reach of the rings can matter: check those alone.
    reach = max_rings * step + 2 * item.radius + gap
    placed = [p for p in placed if math.dist(p.position, item.anchor) < reach + p.radius]
    near = [p for p in placed if math.dist(p.anchor, item.anchor) < 2 * reach]
    anchors = {k: a for k, a in anchors.items() if math.dist(a, item.anchor) < reach + item.radius}
    best: tuple[float, tuple[float, float]] | None = None
    for ring in range(0, max_rings + 1):
        distance = ring * step
        angles = [0.0] if ring == 0 else [2 * math.pi * k / ANGLES for k in range(ANGLES)]
        for angle in angles:
            position = (ax + distance * math.cos(angle), ay + distance * math.sin(angle))
            if _overlaps(position, item.radius, placed, gap):
                continue
            if not _inside(position, item.radius, frame, obstacles):
                continue
            score = distance + _penalty(item, position, angle, away, distance, near, anchors)
            if best is None or score < best[0] - 1e-9:
                best = (score, position)
        # Stop once a free spot was found and further rings cannot score better.
        if best is not None and (ring + 1) * step > best[0]:
            break
    if best is None:
        return None
    return Placement(item.key, item.anchor, best[1], item.radius, item.members)


def _penalty(item, position, angle, away, distance, placed, anchors) -> float:
    if distance == 0:
        return 0.0
    turn = abs((angle - away + math.pi) % (2 * math.pi) - math.pi)  # 0 = straight away
    penalty = turn / math.pi * item.radius * 1.5
    for key, anchor in anchors.items():
        if key != item.key and math.dist(position, anchor) < item.radius + 3:
            penalty += item.radius * 2  # hides where another lab really is
    for other in placed:
        if _segment_distance(other.position, item.anchor, position) < other.radius + 1:
            penalty += item.radius * 4  # leader line runs under another marker
        if other.displaced and _segments_cross(item.anchor, position, other.anchor, other.position):
            penalty += item.radius * 4  # leader lines cross
    return penalty


def _segments_cross(a, b, c, d) -> bool:
    def side(p, q, r) -> float:
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return side(a, b, c) * side(a, b, d) < 0 and side(c, d, a) * side(c, d, b) < 0


def overlapping_pairs(placements: list[Placement], gap: float = 0.0) -> list[tuple[int, int]]:
    """Pairs of markers whose circles overlap (for tests and checks)."""
    pairs = []
    for index, first in enumerate(placements):
        for second in placements[index + 1 :]:
            if math.dist(first.position, second.position) < first.radius + second.radius + gap:
                pairs.append((first.key, second.key))
    return pairs
