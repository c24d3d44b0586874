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
    aux: set[int] = field(default_factory=set)  # unknowns of the model, never shown as cells

    def __post_init__(self) -> None:
        if not self.status:
            self.status = [Status.PUBLISHED] * len(self.values)

    def add(self, value: int, upper: int, cost: float | None) -> int:
        self.values.append(int(value))
        self.upper.append(int(upper))
        self.cost.append(cost)
        self.status.append(Status.PUBLISHED)
        return len(self.values) - 1

    def add_unknown(self, value: int, upper: int) -> int:
        """A number the public does not see but that links cells (e.g. a slack)."""
        cell = self.add(value, upper, None)
        self.status[cell] = Status.WITHHELD
        self.aux.add(cell)
        return cell

    def copy(self, status: list[Status] | None = None) -> Table:
        return Table(
            values=list(self.values),
            upper=list(self.upper),
            cost=list(self.cost),
            relations=self.relations,
            status=list(status if status is not None else self.status),
            aux=set(self.aux),
        )


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
        self.terms = [list(coefs.items()) for coefs, _constant in self.equations]
        self.constants = [constant for _coefs, constant in self.equations]
        self.equations_of: list[list[int]] = [[] for _ in self.unknown]
        for e, (coefs, _constant) in enumerate(self.equations):
            for v in coefs:
                self.equations_of[v].append(e)
        self.budget = 0
        self.exhausted = False  # some search ran out of budget: its "no" is not a proof
        # Every search starts from the domains the equations allow at all (the true values are
        # a solution, so this never fails), and every solution found is kept: a solution in
        # which a cell differs from its true value proves that cell safe without a search.
        self.root = list(self.domains)
        self._propagate(self.root)
        self.solutions: list[list[int]] = []

    def other_value_possible(self, cell: int, true_value: int, up_to: int | None = None) -> bool:
        """Can ``cell`` take a value outside ``true_value``..``up_to`` in some solution?"""
        var = self.var_of[cell]
        last = true_value if up_to is None else up_to
        if any(not true_value <= solution[var] <= last for solution in self.solutions):
            return True
        for lo, hi in ((-_FAR, true_value - 1), (last + 1, _FAR)):
            domains = list(self.root)
            domains[var] = _clip(domains[var], lo, hi)
            if not domains[var]:
                continue
            self.budget = SEARCH_BUDGET
            if self._solve(domains, var):
                return True
        return False

    def _propagate(self, domains: list[list[Interval]], pending: set[int] | None = None) -> bool:
        """Narrow the domains until every equation is bounds-consistent (False: no solution).

        Only equations in ``pending`` (default: all) and those touching a narrowed cell are
        re-examined.
        """
        queue = set(range(len(self.equations))) if pending is None else set(pending)
        terms_of, constants = self.terms, self.constants
        while queue:
            e = queue.pop()
            terms, constant = terms_of[e], constants[e]
            total_low = total_high = 0
            for v, c in terms:
                d = domains[v]
                if c > 0:
                    total_low += c * d[0][0]
                    total_high += c * d[-1][1]
                else:
                    total_low += c * d[-1][1]
                    total_high += c * d[0][0]
            if not total_low <= constant <= total_high:
                return False
            for v, c in terms:
                current = domains[v]
                first, last = current[0][0], current[-1][1]
                # c * x_v == constant - (others); the others lie in [low, high] without x_v
                if c > 0:
                    a = constant - (total_high - c * last)
                    b = constant - (total_low - c * first)
                    lo, hi = -(-a // c), b // c
                else:
                    a = constant - (total_high - c * first)
                    b = constant - (total_low - c * last)
                    lo, hi = -(-b // c), a // c  # c < 0 flips the interval
                if lo <= first and last <= hi:
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
            self.exhausted = True
            return False
        domains = list(domains)
        pending = None if changed is None else self.equations_of[changed]
        if not self._propagate(domains, pending):
            return False
        open_vars = [v for v, d in enumerate(domains) if len(d) > 1 or d[0][0] != d[0][1]]
        if not open_vars:
            # propagation checked every equation against the fixed values
            self.solutions.append([d[0][0] for d in domains])
            return True
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
    if cell in table.aux:
        return False
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
        value = table.values[cell]
        small = table.status[cell] is Status.WITHHELD and 0 < value < min_cell
        # a "–" of 1..min_cell-1 labs must not even be narrowed down to "a few labs"
        if not search.other_value_possible(cell, *((1, min_cell - 1) if small else (value,))):
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
    trial = table.copy([Status.WITHHELD if i in cells else s for i, s in enumerate(table.status)])
    return set(unsafe_cells(trial, min_cell)) & set(cells)


def reveal_pinned(table: Table, min_cell: int) -> set[int]:
    """Publish hidden "x" and "–" cells that the published figures already determine.

    Hiding a number everyone can compute would be a false claim; publishing it tells nothing
    new (the set of tables consistent with the page stays the same), so one pass suffices.
    Cells of 1 to ``min_cell - 1`` labs, or of a group that small, are never published this
    way. Returns the cells.
    """
    search = _Search(table, min_cell)
    pinned = set()
    for cell, status in enumerate(table.status):
        if cell in table.aux or status not in (Status.SECONDARY, Status.WITHHELD):
            continue
        if sensitive(table, cell, min_cell):
            continue  # a few labs, or a group of a few labs: never shown as a number
        value = table.values[cell]
        search.exhausted = False
        if not search.other_value_possible(cell, value) and not search.exhausted:
            pinned.add(cell)
    for cell in pinned:
        table.status[cell] = Status.PUBLISHED
    return pinned


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


@dataclass(frozen=True)
class Shape:
    """What the public knows about how a question's counts hang together.

    ``multiple``: a lab may tick several options, and every lab that answered ticked at least
    one. ``exclusive``: indexes of options that exclude all others ("Geen"). ``remainder``:
    labs that answered but are in no published breakdown column (a category left out, or no
    category); their cells are unknown to the public.
    """

    multiple: bool
    exclusive: tuple[int, ...] = ()
    remainder: int = 0


def protect_counts(
    counts: Sequence[int],
    base: int,
    *,
    multiple: bool,
    breakdown: Sequence[Sequence[int]] | None = None,
    column_bases: Sequence[int] | None = None,
    min_cell: int = DEFAULT_MIN_CELL,
    exclusive: Sequence[int] = (),
    remainder: Sequence[int] | None = None,
    remainder_base: int = 0,
) -> ProtectedCounts:
    """Protect the counts of one question (base ``base``) and its breakdown by group.

    What a page publishes for it, and so the equations an outsider can use:

    - single choice / classes: the counts add up to the base; per group, the cells add up to
      the group's base; per option, the groups add up to the option's count;
    - multiple choice: every lab ticks at least one option, so per option the count is at most
      the base and all counts add up to at least the base; an exclusive option ("Geen") plus
      the labs that ticked any other option add up to the base exactly; the same holds within
      every group.

    ``remainder``: per row, the labs outside the published columns; ``remainder_base``: how many
    labs that is (public: the base minus the columns' bases). The one-way counts are protected first, on their own, and
    never hidden for the breakdown's sake. A breakdown column with a base below ``min_cell`` is a
    small group: all its cells are hidden (callers should merge such columns instead). A row
    that cannot be protected is withheld; if no row can be published, the whole breakdown is.
    Finally, hidden cells that the published figures already determine are published.
    """
    check_min_cell(min_cell)
    shape = Shape(multiple, tuple(exclusive), remainder_base if remainder else 0)
    if base < min_cell:  # the whole question answered by fewer labs than the limit
        return _withheld(counts, breakdown)
    try:
        headline = _protect_one_way(counts, base, shape, min_cell)
    except SuppressionError:
        return _withheld(counts, breakdown)
    if breakdown is None:
        return ProtectedCounts(counts=headline)
    rest = list(remainder) if remainder else [0] * len(counts)
    found = _protect_breakdown(
        counts, base, headline, breakdown, list(column_bases or []), rest, shape, min_cell
    )
    if found is None:
        withheld = tuple(tuple(Status.WITHHELD for _ in row) for row in breakdown)
        return ProtectedCounts(headline, withheld, breakdown_withheld=True)
    headline, grid = found
    if all(all(s is not Status.PUBLISHED for s in row) for row in grid):
        withheld = tuple(tuple(Status.WITHHELD for _ in row) for row in breakdown)
        return ProtectedCounts(headline, withheld, breakdown_withheld=True)
    return ProtectedCounts(headline, grid)


def _withheld(counts, breakdown) -> ProtectedCounts:
    return ProtectedCounts(
        tuple(Status.WITHHELD for _ in counts),
        tuple(tuple(Status.WITHHELD for _ in row) for row in breakdown or []),
        breakdown_withheld=True,
        withheld=True,
    )


def _choice_constraints(table: Table, cells: list[int], base_cell: int, shape: Shape) -> None:
    """Equations of a multiple choice within one base: "at least one" and exclusive options.

    With U the labs that ticked some non-exclusive option: U + (exclusive counts) = base,
    every non-exclusive count <= U, and U <= the sum of the non-exclusive counts.
    """
    base = table.values[base_cell]
    others = [c for k, c in enumerate(cells) if k not in shape.exclusive]
    alone = [c for k, c in enumerate(cells) if k in shape.exclusive]
    true_u = base - sum(table.values[c] for c in alone)
    if alone:
        u = table.add_unknown(true_u, base)
        table.relations.append(([u, *alone], base_cell))
    else:
        u = base_cell
    for c in others:
        slack = table.add_unknown(true_u - table.values[c], base)
        table.relations.append(([c, slack], u))
    if others:
        total = sum(table.values[c] for c in others)
        summed = table.add_unknown(total, base * len(others))
        table.relations.append((others, summed))
        slack = table.add_unknown(total - true_u, base * len(others))
        table.relations.append(([u, slack], summed))


def _protect_one_way(counts, base, shape: Shape, min_cell) -> tuple[Status, ...]:
    table = Table(values=[], upper=[], cost=[])
    one_way = [table.add(c, base, secondary_cost(c)) for c in counts]
    base_cell = table.add(base, base, None)
    if shape.multiple:
        _choice_constraints(table, one_way, base_cell, shape)
    else:
        table.relations.append((one_way, base_cell))
    protect(table, min_cell)
    reveal_pinned(table, min_cell)
    return tuple(table.status[i] for i in one_way)


Grid = tuple[tuple[Status, ...], ...]


def _protect_breakdown(
    counts, base, headline, breakdown, bases, rest, shape: Shape, min_cell
) -> tuple[tuple[Status, ...], Grid] | None:
    """Statuses of the headline and breakdown cells, withholding rows where needed.

    The whole table is protected at once; while that fails, the cheapest row holding a
    still-unsafe cell is withheld and the table protected again (None: nothing can be shown).
    """
    rows = list(range(len(breakdown)))
    reference, cells, _one_way = _breakdown_table(
        counts, base, headline, breakdown, bases, rest, set(rows), shape, min_cell
    )
    exempt = revealed_by_totals(reference, [c for row in cells for c in row], min_cell)
    withheld: set[int] = set()
    while True:
        table, cells, one_way = _breakdown_table(
            counts, base, headline, breakdown, bases, rest, withheld, shape, min_cell
        )
        try:
            protect(table, min_cell, exempt)
        except SuppressionError as error:
            row_of = {cell: r for r, row in enumerate(cells) for cell in row}
            row_of.update({cell: r for r, cell in enumerate(one_way)})
            culprits = {row_of[c] for c in error.unsafe if c in row_of} - withheld
            if not culprits:
                return None
            withheld.add(
                min(culprits, key=lambda r: (_row_value(breakdown[r], bases, min_cell), r))
            )
            continue
        reveal_pinned(table, min_cell)
        return (
            tuple(table.status[i] for i in one_way),
            tuple(tuple(table.status[i] for i in row) for row in cells),
        )


def _row_value(row: Sequence[int], bases: Sequence[int], min_cell: int) -> int:
    """What withholding a row costs: the labs its publishable cells count."""
    return sum(v for v, b in zip(row, bases, strict=True) if v >= min_cell and b >= min_cell)


def _breakdown_table(
    counts, base, headline, breakdown, bases, rest, withheld, shape: Shape, min_cell
):
    """The equations of the breakdown, with the headline counts' statuses frozen.

    Returns the table, per row its cells, and the headline cells. Rows in ``withheld`` are "–".
    """
    table = Table(values=[], upper=[], cost=[])
    one_way = []
    for r, count in enumerate(counts):
        cell = table.add(count, base, None)  # never hidden for a breakdown
        table.status[cell] = headline[r]
        one_way.append(cell)
    base_cell = table.add(base, base, None)
    if shape.multiple:
        _choice_constraints(table, one_way, base_cell, shape)
    else:
        table.relations.append((one_way, base_cell))
    grid: list[list[int]] = []
    hidden_rest: list[int] = []
    for r, row_counts in enumerate(breakdown):
        row = []
        for c, v in enumerate(row_counts):
            if r in withheld:
                cell = table.add(v, bases[c], None)
                table.status[cell] = Status.WITHHELD
            else:
                cell = table.add(v, bases[c], secondary_cost(v))
                if bases[c] < min_cell:
                    table.status[cell] = Status.SMALL_GROUP
            row.append(cell)
        grid.append(row)
        terms = list(row)
        if shape.remainder:
            # the labs outside the columns: never shown, and as a group of fewer than
            # min_cell labs protected like a small group (it must not follow from the rest)
            cell = table.add(rest[r], shape.remainder, None)
            table.status[cell] = (
                Status.SMALL_GROUP if shape.remainder < min_cell else Status.WITHHELD
            )
            hidden_rest.append(cell)
            terms.append(cell)
        table.relations.append((terms, one_way[r]))
    columns = [[row[c] for row in grid] for c in range(len(bases))]
    column_bases = list(bases)
    if shape.remainder:
        columns.append(hidden_rest)
        column_bases.append(shape.remainder)
    for column, b in zip(columns, column_bases, strict=True):
        base_cell = table.add(b, b, None)
        if shape.multiple:
            _choice_constraints(table, column, base_cell, shape)
        else:
            table.relations.append((column, base_cell))
    return table, grid, one_way
