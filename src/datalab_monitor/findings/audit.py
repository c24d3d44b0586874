"""An attacker for the small-number protection: an integer program over what is published.

Used by the test suite (and by researchers who want to probe a wave). Given what a page
publishes for one question -- the shown counts ("12", "< 3", "x", "–"), the bases, the columns
of the breakdown, the mean -- and what the public knows anyway (every lab ticks at least one
option, exclusive options, the labs outside the columns, class bounds), it solves for every
hidden cell its smallest and largest possible value with ``scipy.optimize.milp``.

A finding is a *disclosure* when a hidden cell is pinned to one value, when a cell shown as "x"
or "–" is narrowed to 1..min_cell-1 labs, or when the published mean pins one lab's value to
within a rounding step (beyond what its class already says).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

from datalab_monitor.questionnaire.schema import Question

from .classes import CLASSES_BY_TOPIC
from .publication import (
    WITHHELD_MARK,
    Publication,
    exclusive_indexes,
    hidden_mark,
    result_counts,
)
from .results import ChoiceResult, NumberResult
from .statistics import STEP, class_bounds

_TOLERANCE = 1e-6
OUTSIDE = "outside"  # the labs in no published column: never shown, never to be pinned


@dataclass
class PublishedQuestion:
    """What is published of one question (and, for scoring, nothing else)."""

    name: str
    base: int
    multiple: bool
    headline: list[str]  # per row: the shown count or its mark
    exclusive: tuple[int, ...] = ()
    column_bases: list[int] = field(default_factory=list)
    grid: list[list[str]] = field(default_factory=list)  # rows x columns; empty: no breakdown
    remainder_base: int = 0  # answering labs in no published column
    mean: float | None = None  # the mean as shown (rounded)
    class_bounds: list[tuple[float, float]] = field(default_factory=list)
    true_classes: list[int] = field(default_factory=list)  # for scoring the mean only


@dataclass
class Disclosure:
    question: str
    cell: str
    shown: str
    low: float
    high: float
    reason: str


@dataclass
class AuditReport:
    attacked: int = 0  # hidden cells (and class values) attacked
    narrowed: int = 0  # narrowed beyond what their mark says
    disclosures: list[Disclosure] = field(default_factory=list)

    def add(self, other: AuditReport) -> None:
        self.attacked += other.attacked
        self.narrowed += other.narrowed
        self.disclosures += other.disclosures

    def __str__(self) -> str:
        return (
            f"attacked {self.attacked} hidden cells, narrowed {self.narrowed}, "
            f"disclosures {len(self.disclosures)}"
        )


class _Program:
    """Variables with bounds and integrality, and linear equalities/inequalities."""

    def __init__(self) -> None:
        self.low: list[float] = []
        self.high: list[float] = []
        self.integer: list[int] = []
        self.rows: list[tuple[dict[int, float], float, float]] = []
        self._compiled = None

    def var(self, low: float, high: float, integer: bool = True) -> int:
        self.low.append(low)
        self.high.append(high)
        self.integer.append(1 if integer else 0)
        return len(self.low) - 1

    def constrain(self, terms: dict[int, float], low: float, high: float) -> None:
        self.rows.append((terms, low, high))

    def extreme(self, var: int, sense: float) -> float | None:
        """min (sense 1) or max (sense -1) of ``var``; None when infeasible."""
        n = len(self.low)
        if self._compiled is None or self._compiled[0] != (n, len(self.rows)):
            m = max(len(self.rows), 1)
            a = np.zeros((m, n))
            lo, hi = np.full(m, -np.inf), np.full(m, np.inf)
            for r, (terms, low, high) in enumerate(self.rows):
                for v, coef in terms.items():
                    a[r, v] += coef
                lo[r], hi[r] = low, high
            self._compiled = (
                (n, len(self.rows)),
                LinearConstraint(a, lo, hi),
                Bounds(np.array(self.low), np.array(self.high)),
                np.array(self.integer),
            )
        _size, constraint, bounds, integrality = self._compiled
        c = np.zeros(n)
        c[var] = sense
        found = milp(c, integrality=integrality, bounds=bounds, constraints=[constraint])
        if not found.success:
            return None
        return float(found.x[var])


def _cell(program: _Program, shown: str, upper: int, min_cell: int) -> tuple[int, bool]:
    """A variable for a shown cell; True when it is hidden."""
    if shown.startswith("<"):
        return program.var(min(1, upper), min(min_cell - 1, upper)), True
    if shown == WITHHELD_MARK:
        return program.var(0, upper), True
    if shown == "x":
        var = program.var(0, upper)
        switch = program.var(0, 1)  # 0: the cell is 0; 1: it is at least min_cell
        program.constrain({var: 1, switch: -upper}, -np.inf, 0)
        program.constrain({var: 1, switch: -min_cell}, 0, np.inf)
        return var, True
    value = int(shown)
    return program.var(value, value), False


def _choice(program: _Program, cells: Sequence[int], base: int, exclusive, multiple) -> None:
    """How the cells of one base hang together (see suppression.protect_counts)."""
    if not multiple:
        program.constrain(dict.fromkeys(cells, 1), base, base)
        return
    others = [v for k, v in enumerate(cells) if k not in exclusive]
    alone = [v for k, v in enumerate(cells) if k in exclusive]
    ticked = program.var(0, base)  # labs that ticked some non-exclusive option
    program.constrain({ticked: 1, **dict.fromkeys(alone, 1)}, base, base)
    for v in others:
        program.constrain({ticked: 1, v: -1}, 0, np.inf)
    if others:
        program.constrain({**dict.fromkeys(others, 1), ticked: -1}, 0, np.inf)
    else:
        program.constrain({ticked: 1}, 0, 0)


def build(published: PublishedQuestion, min_cell: int):
    """The integer program of ``published``: (program, hidden cells as (name, shown, var))."""
    program = _Program()
    hidden = []
    headline = []
    for r, shown in enumerate(published.headline):
        var, is_hidden = _cell(program, shown, published.base, min_cell)
        headline.append(var)
        if is_hidden:
            hidden.append((f"row {r}", shown, var))
    _choice(program, headline, published.base, published.exclusive, published.multiple)
    if published.grid:
        columns = [[] for _ in published.column_bases]
        rest = []
        for r, row in enumerate(published.grid):
            terms = {}
            for c, shown in enumerate(row):
                var, is_hidden = _cell(program, shown, published.column_bases[c], min_cell)
                columns[c].append(var)
                terms[var] = 1
                if is_hidden:
                    hidden.append((f"row {r}, column {c}", shown, var))
            if published.remainder_base:
                rest.append(program.var(0, published.remainder_base))
                terms[rest[-1]] = 1
                hidden.append((f"row {r}, labs outside the columns", OUTSIDE, rest[-1]))
            terms[headline[r]] = terms.get(headline[r], 0) - 1
            program.constrain(terms, 0, 0)
        for cells, base in zip(columns, published.column_bases, strict=True):
            _choice(program, cells, base, published.exclusive, published.multiple)
        if published.remainder_base:
            _choice(
                program, rest, published.remainder_base, published.exclusive, published.multiple
            )
    return program, hidden, headline


def attack(published: PublishedQuestion, min_cell: int) -> AuditReport:
    """Every hidden cell's feasible range, and the mean's grip on single values."""
    report = AuditReport()
    program, hidden, headline = build(published, min_cell)
    for name, shown, var in hidden:
        low, high = program.extreme(var, 1), program.extreme(var, -1)
        report.attacked += 1
        if low is None or high is None:
            report.disclosures.append(
                Disclosure(published.name, name, shown, np.nan, np.nan, "no table fits the page")
            )
            continue
        low, high = round(low), round(high)
        label_low, label_high = _label_range(shown, program.high[var], min_cell)
        if (low, high) != (label_low, label_high):
            report.narrowed += 1
        if low == high:
            report.disclosures.append(
                Disclosure(published.name, name, shown, low, high, "pinned to one value")
            )
        elif shown in ("x", WITHHELD_MARK) and 1 <= low and high <= min_cell - 1:
            report.disclosures.append(
                Disclosure(published.name, name, shown, low, high, "narrowed to a few labs")
            )
    if published.mean is not None and published.class_bounds:
        report.add(_attack_mean(published, program, headline))
    return report


def _label_range(shown: str, upper: float, min_cell: int) -> tuple[int, int]:
    if shown.startswith("<"):
        return min(1, int(upper)), min(min_cell - 1, int(upper))
    return 0, int(upper)


def _attack_mean(published: PublishedQuestion, program: _Program, classes: list[int]):
    """Can the shown mean pin one lab's value to within a rounding step?"""
    report = AuditReport()
    n = published.base
    sums = []
    for var, (lo, hi) in zip(classes, published.class_bounds, strict=True):
        total = program.var(0, n * hi, integer=False)
        program.constrain({total: 1, var: -lo}, 0, np.inf)
        program.constrain({total: 1, var: -hi}, -np.inf, 0)
        sums.append(total)
    program.constrain(
        dict.fromkeys(sums, 1), n * (published.mean - STEP / 2), n * (published.mean + STEP / 2)
    )
    for k, ((lo, hi), var, total) in enumerate(
        zip(published.class_bounds, classes, sums, strict=True)
    ):
        if hi - lo <= STEP + _TOLERANCE:
            continue  # the class itself pins its labs: nothing the mean adds
        if published.true_classes and not published.true_classes[k]:
            continue  # no lab in this class
        trial = _copy(program)
        value = trial.var(lo, hi, integer=False)
        trial.constrain({var: 1}, 1, np.inf)
        trial.constrain({total: 1, value: -1, var: -lo}, -lo, np.inf)  # rest >= (n_c - 1) lo
        trial.constrain({total: 1, value: -1, var: -hi}, -np.inf, -hi)  # rest <= (n_c - 1) hi
        low, high = trial.extreme(value, 1), trial.extreme(value, -1)
        report.attacked += 1
        if low is None or high is None:
            continue
        if high - low < hi - lo - _TOLERANCE:
            report.narrowed += 1
        if high - low <= STEP + _TOLERANCE:
            report.disclosures.append(
                Disclosure(
                    published.name, f"a value in class {k}", "mean", low, high, "mean pins a value"
                )
            )
    return report


def _copy(program: _Program) -> _Program:
    out = _Program()
    out.low, out.high, out.integer = list(program.low), list(program.high), list(program.integer)
    out.rows = list(program.rows)
    return out


def shown_cells(values: Sequence[int], statuses, min_cell: int) -> list[str]:
    return [
        hidden_mark(s, min_cell) if s.hidden else str(v)
        for v, s in zip(values, statuses, strict=True)
    ]


def published_question(
    result: ChoiceResult | NumberResult,
    publication: Publication,
    question: Question | None,
    min_cell: int,
) -> PublishedQuestion:
    """What :func:`publication.publish` lets a page show of ``result``, as the attacker reads it.

    (The pages themselves are read by the tests through ``results``; this is for engine-level
    scenarios without a database.)
    """
    counts = result_counts(result)
    multiple = isinstance(result, ChoiceResult) and result.multiple
    published = PublishedQuestion(
        name=result.question,
        base=result.base,
        multiple=multiple,
        headline=shown_cells(counts, publication.counts, min_cell),
        exclusive=exclusive_indexes(question) if multiple else (),
    )
    columns = publication.columns
    if columns is not None and not publication.breakdown_withheld and not publication.withheld:
        published.column_bases = list(columns.bases)
        published.grid = [
            shown_cells(row, statuses, min_cell)
            for row, statuses in zip(columns.counts, publication.grid, strict=True)
        ]
        published.remainder_base = result.base - sum(columns.bases)
    if isinstance(result, NumberResult):
        published.mean = publication.mean
        classes = CLASSES_BY_TOPIC.get((question.topic if question else None) or "")
        if classes is not None and question is not None:
            published.class_bounds = class_bounds(classes, question.minimum, question.maximum)
            published.true_classes = counts
    return published
