"""Marker placement: crowded markers move aside, never overlap, and stay in the frame."""

from __future__ import annotations

import math

import pytest

from datalab_monitor.maps.layout import Item, overlapping_pairs, place_markers
from datalab_monitor.maps.projection import Projection, path_data

FRAME = (0, 0, 400, 400)


def test_free_markers_stay_on_their_anchor():
    items = [Item(1, (50, 50), 10), Item(2, (200, 200), 10)]
    placed = place_markers(items, FRAME)
    assert [p.position for p in placed] == [(50, 50), (200, 200)]
    assert not any(p.displaced for p in placed)


def test_a_crowd_is_spread_without_overlap_and_one_keeps_its_place():
    # Five markers on almost the same spot (like Den Haag, Leidschendam-Voorburg, Zoetermeer).
    items = [Item(n, (200 + n, 200 - n), 11) for n in range(1, 6)]
    placed = place_markers(items, FRAME, gap=2)
    assert overlapping_pairs(placed, gap=2) == []
    assert sum(not p.displaced for p in placed) == 1
    for p in placed:
        assert p.anchor == next(i.anchor for i in items if i.key == p.key)
        assert math.dist(p.anchor, p.position) < 80  # moved aside, not far away


def test_the_innermost_marker_of_a_crowd_keeps_its_place():
    items = [Item(1, (180, 200), 10), Item(2, (200, 200), 10), Item(3, (220, 200), 10)]
    placed = {p.key: p for p in place_markers(items, FRAME)}
    assert not placed[2].displaced
    assert placed[1].displaced and placed[3].displaced


def test_markers_stay_inside_the_frame_and_out_of_obstacles():
    items = [Item(n, (5, 5), 10) for n in range(1, 4)]
    obstacle = (30, 0, 100, 100)
    placed = place_markers(items, FRAME, obstacles=(obstacle,))
    assert overlapping_pairs(placed) == []
    for p in placed:
        x, y = p.position
        assert 10 <= x <= 390 and 10 <= y <= 390
        assert not (30 - 10 < x < 100 + 10 and y < 100 + 10), p


def test_placement_is_deterministic():
    items = [Item(n, (200 + 3 * (n % 3), 200 + 2 * n), 9 + n % 2) for n in range(1, 10)]
    assert place_markers(items, FRAME) == place_markers(items, FRAME)


def test_no_room_at_all_is_an_error_not_a_silent_overlap():
    items = [Item(n, (10, 10), 10) for n in range(1, 4)]
    with pytest.raises(ValueError, match="no free place for marker"):
        place_markers(items, (0, 0, 15, 15), max_rings=5)


def test_a_marker_without_room_joins_the_nearest_marker_as_a_cluster():
    items = [Item(n, (10, 10), 10) for n in range(1, 4)]
    placed = place_markers(items, (0, 0, 30, 30), max_rings=5)
    assert len(placed) == 1 and placed[0].is_cluster
    assert sorted(placed[0].members) == [1, 2, 3]


def _every_key_once(placed):
    keys = [key for p in placed for key in (p.members or (p.key,))]
    return sorted(keys)


def test_400_labs_degrade_to_clusters_without_overlap_or_loss():
    # 400 labs, 10 on each of 40 spots in a 6 x 7 grid that is too tight to spread them all.
    spots = [(60 + 45 * (n % 7), 60 + 45 * (n // 7)) for n in range(40)]
    items = [Item(n + 1, spots[n // 10], 10) for n in range(400)]
    placed = place_markers(items, FRAME, max_rings=24, max_stack=3, cluster_radius=13)
    assert _every_key_once(placed) == list(range(1, 401))
    assert overlapping_pairs(placed) == []
    assert all(p.is_cluster for p in placed)  # 10 on a spot is more than a stack of 3


def test_crowded_distinct_anchors_join_clusters_when_the_rings_run_out():
    items = [Item(n + 1, (200 + (n % 20) * 3, 200 + (n // 20) * 3), 10) for n in range(400)]
    placed = place_markers(items, FRAME, max_rings=24, max_stack=3)
    assert _every_key_once(placed) == list(range(1, 401))
    assert overlapping_pairs(placed) == []
    assert any(p.is_cluster for p in placed)
    assert place_markers(items, FRAME, max_rings=24, max_stack=3) == placed  # deterministic


def test_projection_round_trip_and_path():
    project = Projection.fit_width((3.0, 50.0, 7.0, 54.0), left=10, top=20, width=400)
    assert project(3.0, 54.0) == pytest.approx((10, 20))
    assert project(7.0, 54.0)[0] == pytest.approx(410)
    assert project.invert(*project(5.1, 52.3)) == pytest.approx((5.1, 52.3))
    from shapely.geometry import box

    d = path_data(box(3.0, 50.0, 7.0, 54.0), project)
    assert d.startswith("M") and d.endswith("z") and d.count("l") == 3
