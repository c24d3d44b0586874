"""Small-number protection: primary and secondary suppression, proven by brute force.

For every hidden cell we enumerate ALL integer tables consistent with what is published (the
visible cells, the bases, the totals, the "< 3"/"x"/"–" labels) and check that the hidden cell
takes more than one value among them: nobody can compute it back. A withheld ("–") cell of fewer
than 3 labs is held to the same standard, unless the totals alone already tell it (then it would
be told with the whole breakdown withheld too).
"""

from __future__ import annotations

import dataclasses
import itertools
import random

import pytest

from datalab_monitor.findings.suppression import Status, protect_counts


def published_view(counts, base, breakdown, bases, result, limit):
    """What a page shows: per cell the number, or its mark."""
    one_way = [None if s.hidden else c for c, s in zip(counts, result.counts, strict=True)]
    grid = [
        [None if s.hidden else v for v, s in zip(row, srow, strict=True)]
        for row, srow in zip(breakdown or [], result.breakdown, strict=True)
    ]
    return one_way, grid


def domain(status: Status, upper: int, limit: int) -> list[int]:
    if status is Status.PRIMARY:
        return list(range(1, min(limit - 1, upper) + 1))
    if status in (Status.SMALL_GROUP, Status.WITHHELD):
        return list(range(0, upper + 1))
    return [0, *range(limit, upper + 1)]


def consistent_values(counts, base, breakdown, bases, result, multiple, limit):
    """For each hidden cell: the set of values it takes over all consistent tables."""
    one_way, grid = published_view(counts, base, breakdown, bases, result, limit)
    hidden = [("c", i) for i, v in enumerate(one_way) if v is None]
    hidden += [("g", r, c) for r, row in enumerate(grid) for c, v in enumerate(row) if v is None]
    domains = []
    for cell in hidden:
        if cell[0] == "c":
            domains.append(domain(result.counts[cell[1]], base, limit))
        else:
            domains.append(domain(result.breakdown[cell[1]][cell[2]], bases[cell[2]], limit))
    seen = {cell: set() for cell in hidden}
    for values in itertools.product(*domains):
        ow = list(one_way)
        gd = [list(row) for row in grid]
        for cell, v in zip(hidden, values, strict=True):
            if cell[0] == "c":
                ow[cell[1]] = v
            else:
                gd[cell[1]][cell[2]] = v
        if not multiple and sum(ow) != base:
            continue
        if multiple and sum(ow) < base:  # every lab that answered ticked at least one option
            continue
        if breakdown is not None:
            if any(sum(gd[r]) != ow[r] for r in range(len(gd))):
                continue
            if not multiple and any(
                sum(gd[r][c] for r in range(len(gd))) != bases[c] for c in range(len(bases))
            ):
                continue
            if multiple and any(
                sum(gd[r][c] for r in range(len(gd))) < bases[c] for c in range(len(bases))
            ):
                continue
        for cell, v in zip(hidden, values, strict=True):
            seen[cell].add(v)
    return seen


def assert_protected(counts, base, *, multiple, breakdown=None, bases=None, limit=3):
    result = protect_counts(
        counts, base, multiple=multiple, breakdown=breakdown, column_bases=bases, min_cell=limit
    )
    if result.withheld:  # nothing of the question is published
        assert all(s.hidden for s in result.counts)
        return result
    if result.breakdown_withheld:  # only the totals are published
        assert all(s.hidden for row in result.breakdown for s in row)
        checked = assert_protected(counts, base, multiple=multiple, limit=limit)
        assert checked.counts == result.counts
        return result
    # every small count is hidden
    for c, s in zip(counts, result.counts, strict=True):
        assert not (0 < c < limit) or s.hidden
    for r, row in enumerate(breakdown or []):
        for c, v in enumerate(row):
            assert not (0 < v < limit) or result.breakdown[r][c].hidden
            if bases[c] < limit and r not in result.withheld_rows:
                assert result.breakdown[r][c] in (Status.SMALL_GROUP, Status.WITHHELD)
    seen = consistent_values(counts, base, breakdown, bases, result, multiple, limit)
    told_by_totals = None
    for cell, values in seen.items():
        status = result.counts[cell[1]] if cell[0] == "c" else result.breakdown[cell[1]][cell[2]]
        if status in (Status.PRIMARY, Status.SMALL_GROUP):
            assert len(values) > 1, f"{cell} can be computed back: only {values}"
            continue
        # "x" and "–": computable (or narrowed to a few labs) only if the totals alone tell it
        few = all(0 < v < limit for v in values)
        if len(values) == 1 or (status is Status.WITHHELD and few):
            if told_by_totals is None:
                told_by_totals = _told_by_totals(
                    counts, base, breakdown, bases, result, multiple, limit
                )
            assert cell in told_by_totals, f"hidden {cell} = {values} can be computed back"
    return result


def _told_by_totals(counts, base, breakdown, bases, result, multiple, limit):
    """The breakdown cells an outsider knows from the published counts alone."""
    nothing = dataclasses.replace(
        result, breakdown=tuple(tuple(Status.WITHHELD for _ in row) for row in breakdown)
    )
    seen = consistent_values(counts, base, breakdown, bases, nothing, multiple, limit)
    return {
        cell
        for cell, values in seen.items()
        if cell[0] == "g" and (len(values) == 1 or all(0 < v < limit for v in values))
    }


def test_single_choice_one_small_cell_needs_a_secondary():
    result = assert_protected([20, 16, 2], 38, multiple=False)
    assert result.counts == (Status.PUBLISHED, Status.SECONDARY, Status.PRIMARY)


def test_multiple_choice_needs_no_secondary_for_the_one_way_table():
    # options are not tied by a total: the base does not reveal a hidden option
    result = assert_protected([30, 1, 7], 38, multiple=True)
    assert result.counts == (Status.PUBLISHED, Status.PRIMARY, Status.PUBLISHED)


def test_zero_is_published():
    result = assert_protected([10, 0, 5], 15, multiple=False)
    assert not result.any_hidden


def test_single_lab_group_is_never_revealed():
    # a category with one lab: its column is hidden and cannot be recomputed from the totals
    breakdown = [[4, 3, 1], [2, 4, 0]]
    counts = [sum(r) for r in breakdown]
    result = assert_protected(counts, 14, multiple=False, breakdown=breakdown, bases=[6, 7, 1])
    assert all(row[2] is Status.SMALL_GROUP for row in result.breakdown)


def test_multiple_choice_breakdown_with_small_group():
    breakdown = [[5, 4, 1], [2, 3, 0], [6, 7, 1]]
    counts = [sum(r) for r in breakdown]
    assert_protected(counts, 14, multiple=True, breakdown=breakdown, bases=[6, 7, 1])


def test_the_headline_count_is_never_hidden_for_the_breakdowns_sake():
    # all labs of every group ticked it: the totals tell every cell, so the large ones are
    # published (hiding them would claim a secret that is none), the small group stays "< 3";
    # the national count (the chart) stays published
    breakdown = [[3, 4, 1]]
    result = protect_counts([8], 8, multiple=True, breakdown=breakdown, column_bases=[3, 4, 1])
    assert result.counts == (Status.PUBLISHED,)
    assert result.breakdown[0][:2] == (Status.PUBLISHED, Status.PUBLISHED)
    assert result.breakdown[0][2].hidden


def _ticks(rng, n_rows, bases):
    """A multiple-choice breakdown where every lab ticks at least one option."""
    breakdown = [[0] * len(bases) for _ in range(n_rows)]
    for c, b in enumerate(bases):
        for _lab in range(b):
            for r in rng.sample(range(n_rows), rng.randint(1, n_rows)):
                breakdown[r][c] += 1
    return breakdown


@pytest.mark.parametrize("seed", range(25))
def test_random_small_tables_cannot_be_recomputed(seed):
    rng = random.Random(seed)
    n_rows = rng.randint(2, 3)
    bases = [rng.randint(1, 5) for _ in range(3)]
    multiple = rng.random() < 0.5
    if multiple:
        breakdown = _ticks(rng, n_rows, bases)
    else:
        breakdown = [[0] * 3 for _ in range(n_rows)]
        for c, b in enumerate(bases):
            for _ in range(b):
                breakdown[rng.randrange(n_rows)][c] += 1
    counts = [sum(row) for row in breakdown]
    assert_protected(counts, sum(bases), multiple=multiple, breakdown=breakdown, bases=bases)


@pytest.mark.parametrize("seed", range(30))
def test_random_tables_with_a_one_lab_category(seed):
    """Like the register: one category has a single lab, so rows get withheld, not tables."""
    rng = random.Random(500 + seed)
    bases = [rng.randint(3, 5), rng.randint(2, 4), 1]
    multiple = seed % 2 == 0
    if multiple:
        breakdown = _ticks(rng, 3, bases)
    else:
        breakdown = [[0] * 3 for _ in range(3)]
        for c, b in enumerate(bases):
            for _ in range(b):
                breakdown[rng.randrange(3)][c] += 1
    counts = [sum(row) for row in breakdown]
    result = assert_protected(
        counts, sum(bases), multiple=multiple, breakdown=breakdown, bases=bases
    )
    assert result.breakdown_withheld == (len(result.withheld_rows) == len(breakdown))


@pytest.mark.parametrize("seed", range(10))
def test_random_one_way_tables(seed):
    rng = random.Random(100 + seed)
    counts = [rng.choice([0, 1, 2, 3, 4, 6]) for _ in range(4)]
    assert_protected(counts, sum(counts), multiple=False)


def test_unprotectable_tables_are_withheld():
    # 3 + 1 = 4: "x" can only be 3 (0 and 4 do not fit), so "< 3" would be 1: publish nothing
    result = protect_counts([3, 1], 4, multiple=False)
    assert result.withheld
    # two labs answered: nothing of the question is shown
    result = protect_counts([2, 0], 2, multiple=True)
    assert result.withheld and all(s is Status.WITHHELD for s in result.counts)


def test_min_cell_is_configurable():
    result = protect_counts([10, 4, 5], 15, multiple=True, min_cell=5)
    assert result.counts == (Status.PUBLISHED, Status.PRIMARY, Status.PUBLISHED)
    # 19 labs ticking 10 + 4 + 5 = 19 options: each ticked one, so "< 5" would be 19 - 15
    result = protect_counts([10, 4, 5], 19, multiple=True, min_cell=5)
    assert result.counts == (Status.PUBLISHED, Status.PRIMARY, Status.SECONDARY)
    with pytest.raises(ValueError, match="min_cell"):
        protect_counts([1], 1, multiple=True, min_cell=0)


def test_multiple_choice_withholds_only_the_row_that_cannot_be_protected():
    # categories: internal (6), regional (7), DataHub (1 lab: a small group), data centre (5);
    # every lab ticks at least one option
    bases = [6, 7, 1, 5]
    breakdown = [
        [2, 0, 1, 0],  # 3 labs: "< 3" + "< 3" would be 2 + 1 whatever else is hidden
        [4, 5, 1, 3],
        [2, 3, 0, 2],
    ]
    counts = [sum(row) for row in breakdown]
    result = assert_protected(counts, 19, multiple=True, breakdown=breakdown, bases=bases)
    assert result.counts == (Status.PUBLISHED,) * 3  # the headline stays
    assert not result.breakdown_withheld
    assert Status.WITHHELD in result.breakdown[0]
    assert result.breakdown[1][:2] == (Status.PUBLISHED, Status.PUBLISHED)


def test_single_choice_withholds_rows_before_the_whole_breakdown():
    # classes by category; the columns add up to the category sizes (5, 3 and 1 lab)
    bases = [5, 3, 1]
    breakdown = [[1, 3, 1], [3, 0, 0], [1, 0, 0]]
    counts = [sum(row) for row in breakdown]
    result = assert_protected(counts, 9, multiple=False, breakdown=breakdown, bases=bases)
    assert not result.breakdown_withheld
    # row 2 is not broken down; its 0 for the second category follows from that column's
    # published cells (3 + 0 = 3 labs), so it is shown rather than falsely hidden
    assert result.breakdown[2] == (Status.WITHHELD, Status.PUBLISHED, Status.WITHHELD)
    published = [
        v
        for row, statuses in zip(breakdown, result.breakdown, strict=True)
        for v, s in zip(row, statuses, strict=True)
        if s is Status.PUBLISHED and v >= 3
    ]
    assert published == [3, 3]


def test_withheld_cells_have_the_whole_base_as_their_domain():
    from datalab_monitor.findings.suppression import Table, domain

    table = Table(values=[1], upper=[4], cost=[1.0])
    table.status[0] = Status.WITHHELD
    assert domain(table, 0, 3) == [(0, 4)]
    assert Status.WITHHELD.hidden
