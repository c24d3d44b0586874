"""Small-number protection: primary and secondary cell suppression with a proof of safety.

Rule (default ``min_cell`` = 3):

- *Primary*: a count of 1 to ``min_cell - 1`` labs is published as "< 3" (a 0 is published:
  it says nothing about any single lab).
- *Small groups*: a breakdown column answered by fewer than ``min_cell`` labs would reveal one
  lab's answers; all its cells are hidden (shown as "< 3", which they are).
- *Secondary*: further cells are hidden (shown as "x") until no hidden cell can be computed
  back from what is published: totals, bases and the other cells of the same tables.
- *Withheld rows*: a breakdown row that cannot be protected with its own cells is not broken
  down at all (its cells are shown as "–"); the one-way (headline) counts are never hidden for
  a breakdown's sake. Only when no row can be published is the whole breakdown withheld.

The check is exact, not a rule of thumb: every published number becomes a linear equation
(a row or column adds up to its total), every hidden cell an unknown whose possible values follow
from its label ("< 3" means 1-2; "x" means 0 or at least 3, up to its base; "–" anything from 0
up to its base). A hidden cell is *safe* if some solution of the equations gives it a different
value than its true one; a depth-first search with interval propagation looks for that solution.
Cells are hidden one by one, cheapest first, until every primary and small-group cell is safe,
and every withheld cell of fewer than ``min_cell`` labs too, unless the published totals alone
already tell it (``revealed_by_totals``: e.g. an option every lab ticked).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

DEFAULT_MIN_CELL = 3
SEARCH_BUDGET = 5_000  # nodes per search; when exhausted a cell counts as unsafe


class Status(StrEnum):
    PUBLISHED = "published"
    PRIMARY = "primary"  # fewer than min_cell labs: "< 3"
    SMALL_GROUP = "small_group"  # in a breakdown group of fewer than min_cell labs: "< 3"
    SECONDARY = "secondary"  # hidden to protect another cell: "x"
    WITHHELD = "withheld"  # in a breakdown row that is not broken down: "–"

    @property
    def hidden(self) -> bool:
        return self is not Status.PUBLISHED


Interval = tuple[int, int]
_FAR = 10**18


@dataclass
class Table:
    """Cells with their true values and the equations that publishing them creates.

    ``relations``: (terms, total) — the cells ``terms`` add up to the cell ``total``.
    ``upper``: the largest value a cell could have (its base). ``cost``: what hiding the cell
    as secondary costs (None: never hide it, e.g. a base that is public anyway).
    """

    values: list[int]
    upper: list[int]
    cost: list[float | None]
    relations: list[tuple[list[int], int]] = field(default_factory=list)
    status: list[Status] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.status:
            self.status = [Status.PUBLISHED] * len(self.values)

    def add(self, value: int, upper: int, cost: float | None) -> int:
        self.values.append(int(value))
        self.upper.append(int(upper))
        self.cost.append(cost)
        self.status.append(Status.PUBLISHED)
        return len(self.values) - 1


def check_min_cell(min_cell: int) -> int:
    if not isinstance(min_cell, int) or isinstance(min_cell, bool) or min_cell < 1:
        raise ValueError(f"min_cell must be a whole number of at least 1, got {min_cell!r}")
    return min_cell


def domain(table: Table, cell: int, min_cell: int) -> list[Interval]:
    """The values an outsider knows a cell can take, from how it is shown."""
    status, upper = table.status[cell], table.upper[cell]
    if status is Status.PUBLISHED:
        return [(table.values[cell], table.values[cell])]
    if status is Status.PRIMARY:
        return _clip([(1, min_cell - 1)], 0, upper)
    if status in (Status.SMALL_GROUP, Status.WITHHELD):
        return [(0, upper)]
    return _clip([(0, 0), (min_cell, upper)], 0, upper)


def _clip(domain_: list[Interval], lo: int, hi: int) -> list[Interval]:
    out = []
    for a, b in domain_:
        a, b = max(a, lo), min(b, hi)
        if a <= b:
            out.append((a, b))
    return out


def _bounds(d: list[Interval]) -> Interval:
    return d[0][0], d[-1][1]


def _size(d: list[Interval]) -> int:
    return sum(b - a + 1 for a, b in d)


class _Search:
    """Is there a solution of the published equations within the hidden cells' domains?"""

    def __init__(self, table: Table, min_cell: int):
        self.unknown = [i for i, s in enumerate(table.status) if s.hidden]
        self.var_of = {cell: k for k, cell in enumerate(self.unknown)}
        self.domains = [domain(table, cell, min_cell) for cell in self.unknown]
        # Each equation as ({var: coefficient}, constant): sum(coef * x) == constant.
        self.equations: list[tuple[dict[int, int], int]] = []
        for terms, total in table.relations:
            coefs: dict[int, int] = {}
            constant = 0
            for cell, sign in [(t, 1) for t in terms] + [(total, -1)]:
                if cell in self.var_of:
                    coefs[self.var_of[cell]] = coefs.get(self.var_of[cell], 0) + sign
                else:
                    constant -= sign * table.values[cell]
            coefs = {v: c for v, c in coefs.items() if c}
            if coefs:
                self.equations.append((coefs, constant))
        self.equations_of: list[list[int]] = [[] for _ in self.unknown]
        for e, (coefs, _constant) in enumerate(self.equations):
            for v in coefs:
                self.equations_of[v].append(e)
        self.budget = 0

    def other_value_possible(self, cell: int, true_value: int) -> bool:
        """Can ``cell`` take another value than ``true_value`` in some solution?"""
        var = self.var_of[cell]
        for lo, hi in ((-_FAR, true_value - 1), (true_value + 1, _FAR)):
            domains = list(self.domains)
            domains[var] = _clip(domains[var], lo, hi)
            if not domains[var]:
                continue
            self.budget = SEARCH_BUDGET
            if self._solve(domains):
                return True
        return False

    def _propagate(self, domains: list[list[Interval]], pending: set[int] | None = None) -> bool:
        """Narrow the domains until every equation is bounds-consistent (False: no solution).

        Only equations in ``pending`` (default: all) and those touching a narrowed cell are
        re-examined.
        """
        queue = set(range(len(self.equations))) if pending is None else set(pending)
        while queue:
            coefs, constant = self.equations[queue.pop()]
            terms = [(v, c, domains[v][0][0], domains[v][-1][1]) for v, c in coefs.items()]
            lows = [c * lo if c > 0 else c * hi for _v, c, lo, hi in terms]
            highs = [c * hi if c > 0 else c * lo for _v, c, lo, hi in terms]
            total_low, total_high = sum(lows), sum(highs)
            if not total_low <= constant <= total_high:
                return False
            for (v, c, _lo, _hi), low_v, high_v in zip(terms, lows, highs, strict=True):
                # c * x_v == constant - (others); others in [low - low_v, high - high_v]
                a = constant - (total_high - high_v)
                b = constant - (total_low - low_v)  # c * x_v lies in [a, b]
                if c > 0:
                    lo, hi = -(-a // c), b // c
                else:
                    lo, hi = -(-b // c), a // c  # c < 0 flips the interval
                current = domains[v]
                if lo <= current[0][0] and current[-1][1] <= hi:
                    continue
                new = _clip(current, lo, hi)
                if not new:
                    return False
                domains[v] = new
                queue.update(self.equations_of[v])
        return True

    def _solve(self, domains: list[list[Interval]], changed: int | None = None) -> bool:
        self.budget -= 1
        if self.budget < 0:
            return False
        domains = list(domains)
        pending = None if changed is None else self.equations_of[changed]
        if not self._propagate(domains, pending):
            return False
        open_vars = [v for v, d in enumerate(domains) if _size(d) > 1]
        if not open_vars:
            return True  # propagation checked every equation against the fixed values
        var = min(open_vars, key=lambda v: _size(domains[v]))
        d = domains[var]
        if len(d) > 1:
            halves = [[piece] for piece in d]
        else:
            a, b = d[0]
            middle = (a + b) // 2
            halves = [[(a, middle)], [(middle + 1, b)]]
        for half in halves:
            trial = list(domains)
            trial[var] = half
            if self._solve(trial, var):
                return True
        return False


def sensitive(table: Table, cell: int, min_cell: int) -> bool:
    """Would publishing this cell reveal something about fewer than ``min_cell`` labs?"""
    return 0 < table.values[cell] < min_cell or table.upper[cell] < min_cell


def _is_target(table: Table, cell: int, min_cell: int, exempt: Collection[int]) -> bool:
    status = table.status[cell]
    if status in (Status.PRIMARY, Status.SMALL_GROUP):
        return True
    return status is Status.WITHHELD and cell not in exempt and sensitive(table, cell, min_cell)


def unsafe_cells(
    table: Table,
    min_cell: int,
    known_safe: set[int] | None = None,
    exempt: Collection[int] = (),
) -> list[int]:
    """Protected cells whose value can be computed back (or narrowed to one).

    Protected: primary and small-group cells, and withheld cells that would reveal fewer than
    ``min_cell`` labs, except those in ``exempt`` (see ``revealed_by_totals``). Cells in
    ``known_safe`` are skipped: hiding more cells never makes a safe cell unsafe (every
    solution stays a solution), so ``protect`` remembers them. Safe cells found are added.
    """
    search = _Search(table, min_cell)
    unsafe = []
    for cell in range(len(table.values)):
        if not _is_target(table, cell, min_cell, exempt):
            continue
        if known_safe is not None and cell in known_safe:
            continue
        if _size(domain(table, cell, min_cell)) <= 1:
            continue  # its label alone already says the value (e.g. min_cell 2: "< 2" is 1)
        if not search.other_value_possible(cell, table.values[cell]):
            unsafe.append(cell)
        elif known_safe is not None:
            known_safe.add(cell)
    return unsafe


def revealed_by_totals(table: Table, cells: Collection[int], min_cell: int) -> set[int]:
    """The sensitive ``cells`` whose values follow from the rest even when all are withheld.

    E.g. a multiple-choice option ticked by every lab: its published count and the group sizes
    already tell every group's cell. Withholding cannot protect such a cell, and publishing the
    breakdown adds nothing to what the totals say, so a withheld one is not held against it.
    """
    trial = Table(
        values=list(table.values),
        upper=list(table.upper),
        cost=list(table.cost),
        relations=table.relations,
        status=[Status.WITHHELD if i in cells else s for i, s in enumerate(table.status)],
    )
    return set(unsafe_cells(trial, min_cell)) & set(cells)


def protect(table: Table, min_cell: int = DEFAULT_MIN_CELL, exempt: Collection[int] = ()) -> Table:
    """Apply primary and secondary suppression to ``table`` in place; return it.

    Cells already marked ``SMALL_GROUP`` or ``WITHHELD`` by the caller stay hidden. If no further
    cell can be hidden while some cell is still unsafe, every hideable cell is hidden; if even
    that leaves a cell unsafe, SuppressionError lists the unsafe cells.
    """
    check_min_cell(min_cell)
    for cell, value in enumerate(table.values):
        if table.status[cell] is Status.PUBLISHED and 0 < value < min_cell:
            if table.cost[cell] is not None:
                table.status[cell] = Status.PRIMARY
    safe: set[int] = set()
    while True:
        unsafe = unsafe_cells(table, min_cell, safe, exempt)
        if not unsafe:
            return table
        candidate = _cheapest_partner(table, unsafe[0])
        if candidate is None:
            candidate = _cheapest_partner(table, None)
        if candidate is None:
            raise SuppressionError(
                "no cell left to hide; the table cannot be published", unsafe=unsafe
            )
        table.status[candidate] = Status.SECONDARY


class SuppressionError(RuntimeError):
    def __init__(self, message: str, unsafe: Sequence[int] = ()):
        super().__init__(message)
        self.unsafe = tuple(unsafe)


def _cheapest_partner(table: Table, cell: int | None) -> int | None:
    """The cheapest published, hideable cell sharing an equation with ``cell`` (None: any)."""
    related: set[int] = set()
    for terms, total in table.relations:
        members = {*terms, total}
        if cell is None or cell in members:
            related |= members
    candidates = [
        c
        for c in related
        if table.status[c] is Status.PUBLISHED and table.cost[c] is not None and c != cell
    ]
    if not candidates:
        return None
    return min(candidates, key=lambda c: (table.cost[c], c))


def secondary_cost(value: int, *, weight: float = 1.0) -> float:
    """Hiding a big count loses more information; hiding a 0 gives little protection."""
    return weight * (value if value > 0 else 100)


@dataclass(frozen=True)
class ProtectedCounts:
    """The protection outcome for a one-way table and, optionally, its breakdown."""

    counts: tuple[Status, ...]
    breakdown: tuple[tuple[Status, ...], ...] = ()
    breakdown_withheld: bool = False  # no row can be protected: the breakdown is not published
    withheld: bool = False  # not even the totals can be protected: publish nothing of it

    @property
    def any_hidden(self) -> bool:
        return any(s.hidden for s in self.counts) or any(
            s.hidden for row in self.breakdown for s in row
        )

    @property
    def withheld_rows(self) -> tuple[int, ...]:
        """Breakdown rows that are not broken down (every cell "–")."""
        return tuple(
            r
            for r, row in enumerate(self.breakdown)
            if row and all(s is Status.WITHHELD for s in row)
        )


def protect_counts(
    counts: Sequence[int],
    base: int,
    *,
    multiple: bool,
    breakdown: Sequence[Sequence[int]] | None = None,
    column_bases: Sequence[int] | None = None,
    min_cell: int = DEFAULT_MIN_CELL,
) -> ProtectedCounts:
    """Protect the counts of one question (base ``base``) and its breakdown by group.

    What a page publishes for it, and so the equations an outsider can use:

    - single choice / classes: the counts add up to the base; per group, the cells add up to
      the group's base; per option, the groups add up to the option's count;
    - multiple choice: a respondent may tick several options, so only each option's groups add
      up to the option's count (and no cell exceeds its group's base).

    The one-way counts are protected first, on their own, and never hidden for the breakdown's
    sake. A breakdown column with a base below ``min_cell`` is a small group: all its cells are
    hidden. A breakdown row that cannot be protected is withheld (see ``_protect_breakdown``);
    if no row can be published, the whole breakdown is withheld.
    """
    check_min_cell(min_cell)
    if 0 < base < min_cell:  # the whole question answered by one or two labs
        hidden = tuple(Status.SMALL_GROUP for _ in counts)
        grid = tuple(tuple(Status.SMALL_GROUP for _ in row) for row in breakdown or [])
        return ProtectedCounts(hidden, grid, breakdown_withheld=breakdown is not None)
    try:
        headline = _protect_one_way(counts, base, multiple, min_cell)
    except SuppressionError:
        return _withheld(counts, breakdown)
    if breakdown is None:
        return ProtectedCounts(counts=headline)
    grid = _protect_breakdown(
        counts, base, headline, breakdown, list(column_bases or []), multiple, min_cell
    )
    if grid is None or all(all(s is Status.WITHHELD for s in row) for row in grid):
        withheld = tuple(tuple(Status.WITHHELD for _ in row) for row in breakdown)
        return ProtectedCounts(headline, withheld, breakdown_withheld=True)
    return ProtectedCounts(headline, grid)


def _withheld(counts, breakdown) -> ProtectedCounts:
    return ProtectedCounts(
        tuple(Status.SECONDARY for _ in counts),
        tuple(tuple(Status.SECONDARY for _ in row) for row in breakdown or []),
        breakdown_withheld=True,
        withheld=True,
    )


def _protect_one_way(counts, base, multiple, min_cell) -> tuple[Status, ...]:
    table = Table(values=[], upper=[], cost=[])
    one_way = [table.add(c, base, secondary_cost(c)) for c in counts]
    base_cell = table.add(base, base, None)
    if not multiple:
        table.relations.append((one_way, base_cell))
    protect(table, min_cell)
    return tuple(table.status[i] for i in one_way)


Grid = tuple[tuple[Status, ...], ...]


def _protect_breakdown(counts, base, headline, breakdown, bases, multiple, min_cell) -> Grid | None:
    """Statuses of the breakdown cells, withholding rows where needed (None: withhold it all).

    Multiple choice: the rows are independent (a row's cells add up to its count, nothing
    else), so each row is protected on its own and withheld if that fails. Single choice and
    classes: the columns add up too, so the whole table is protected at once; while that fails,
    the cheapest row holding a still-unsafe cell is withheld and the table protected again.
    """
    if multiple:
        grid = []
        for r in range(len(breakdown)):
            table, cells = _breakdown_table(
                counts, base, headline, breakdown, bases, [r], set(), multiple, min_cell
            )
            try:
                protect(table, min_cell)
                grid.append(tuple(table.status[i] for i in cells[0]))
            except SuppressionError:
                grid.append(tuple(Status.WITHHELD for _ in cells[0]))
        return tuple(grid)
    rows = list(range(len(breakdown)))
    everything = set(rows)
    reference, cells = _breakdown_table(
        counts, base, headline, breakdown, bases, rows, everything, multiple, min_cell
    )
    exempt = revealed_by_totals(reference, [c for row in cells for c in row], min_cell)
    withheld: set[int] = set()
    while True:
        table, cells = _breakdown_table(
            counts, base, headline, breakdown, bases, rows, withheld, multiple, min_cell
        )
        try:
            protect(table, min_cell, exempt)
            return tuple(tuple(table.status[i] for i in row) for row in cells)
        except SuppressionError as error:
            row_of = {cell: r for r, row in enumerate(cells) for cell in row}
            row_of.update({table.relations[k][1]: r for k, r in enumerate(rows)})  # the row's count
            culprits = {row_of[c] for c in error.unsafe if c in row_of} - withheld
            if not culprits:
                return None
            withheld.add(
                min(culprits, key=lambda r: (_row_value(breakdown[r], bases, min_cell), r))
            )


def _row_value(row: Sequence[int], bases: Sequence[int], min_cell: int) -> int:
    """What withholding a row costs: the labs its publishable cells count."""
    return sum(v for v, b in zip(row, bases, strict=True) if v >= min_cell and b >= min_cell)


def _breakdown_table(counts, base, headline, breakdown, bases, rows, withheld, multiple, min_cell):
    """The equations of the breakdown rows ``rows``, with the headline counts frozen.

    Returns the table and, per row of ``rows``, its cells. Rows in ``withheld`` are "–".
    The row relations come first, in the order of ``rows``.
    """
    table = Table(values=[], upper=[], cost=[])
    one_way = []
    for r in rows:
        cell = table.add(counts[r], base, None)  # never hidden for a breakdown
        table.status[cell] = headline[r]
        one_way.append(cell)
    grid: list[list[int]] = []
    for k, r in enumerate(rows):
        row = []
        for c, v in enumerate(breakdown[r]):
            if r in withheld:
                cell = table.add(v, bases[c], None)
                table.status[cell] = Status.WITHHELD
            else:
                cell = table.add(v, bases[c], secondary_cost(v))
                if bases[c] < min_cell:
                    table.status[cell] = Status.SMALL_GROUP
            row.append(cell)
        grid.append(row)
        table.relations.append((row, one_way[k]))
    if not multiple:
        for c, b in enumerate(bases):
            base_cell = table.add(b, b, None)
            table.relations.append(([row[c] for row in grid], base_cell))
    return table, grid
