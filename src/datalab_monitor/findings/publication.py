"""What of one question's result may be published: the small-number protection as a whole.

Django-free: the pages, CSVs, report and open data (``results``) and the attacker in the tests
all take their protected figures from :func:`publish`.

- Breakdown columns (categories) answered by fewer than ``min_cell`` labs are never shown on
  their own: they are merged into one column "other categories"; if that still has fewer than
  ``min_cell`` labs it is left out (its labs count only in the totals).
- Counts are protected by :func:`suppression.protect_counts` with what the public knows:
  totals and bases, "every lab ticks at least one option", exclusive options ("Geen"), and the
  labs outside the published columns.
- Number questions: only the mean, and only when :func:`statistics.publishable_mean` allows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from datalab_monitor.questionnaire.schema import Question, Text

from .classes import CLASSES_BY_TOPIC
from .results import Category, ChoiceResult, CrossTab, NumberResult
from .statistics import publishable_mean
from .suppression import ProtectedCounts, Status, protect_counts

WITHHELD_MARK = "–"


def hidden_mark(status: Status, min_cell: int) -> str:
    """How a hidden cell is shown: "< 3" (fewer than the limit), "x" (hidden to protect another
    cell: 0 or at least the limit), "–" (not published)."""
    if status is Status.WITHHELD:
        return WITHHELD_MARK
    return "x" if status is Status.SECONDARY else f"< {min_cell}"


OTHER_CATEGORIES = Category("other-categories", Text("Overige categorieën", "Other categories"))


@dataclass(frozen=True)
class Columns:
    """The breakdown columns as published, with their exact counts (rows x columns)."""

    categories: tuple[Category, ...]
    bases: tuple[int, ...]
    counts: tuple[tuple[int, ...], ...]
    merged: tuple[Category, ...] = ()  # small categories shown together as OTHER_CATEGORIES
    left_out: tuple[Category, ...] = ()  # small categories not shown as a column at all
    remainder: tuple[int, ...] = ()  # per row: labs in no published column


@dataclass(frozen=True)
class Publication:
    """The protected statuses of one result and what else may be shown of it."""

    counts: tuple[Status, ...]
    columns: Columns | None
    grid: tuple[tuple[Status, ...], ...]
    breakdown_withheld: bool
    withheld: bool
    mean: float | None = None  # numbers: the mean as published (None: not published)

    @property
    def any_hidden(self) -> bool:
        return any(s.hidden for s in self.counts) or any(s.hidden for r in self.grid for s in r)


def result_counts(result: ChoiceResult | NumberResult) -> list[int]:
    counts = result.classes if isinstance(result, NumberResult) else result.counts
    return [c.count for c in counts]


def merge_columns(crosstab: CrossTab, counts: list[int], min_cell: int) -> Columns:
    """Columns of fewer than ``min_cell`` labs are shown together as OTHER_CATEGORIES.

    If those together still have fewer than ``min_cell`` labs (but some), the smallest other
    column joins them, so that no group of fewer labs can be read from the difference between
    a total and the published columns. Categories no lab answered in are left out.
    """
    bases = crosstab.column_bases
    small = [c for c, b in enumerate(bases) if b < min_cell]
    big = [c for c, b in enumerate(bases) if b >= min_cell]
    merged_base = sum(bases[c] for c in small)
    if 0 < merged_base < min_cell and big:
        joining = min(big, key=lambda c: (bases[c], c))
        small = sorted([*small, joining])
        big.remove(joining)
        merged_base += bases[joining]
    categories = [crosstab.columns[c] for c in big]
    column_bases = [bases[c] for c in big]
    rows = [[row[c] for c in big] for row in crosstab.counts]
    merged: tuple[Category, ...] = ()
    left_out: tuple[Category, ...] = ()
    if small and merged_base >= min_cell:
        merged = tuple(crosstab.columns[c] for c in small)
        categories.append(OTHER_CATEGORIES)
        column_bases.append(merged_base)
        for r, row in enumerate(crosstab.counts):
            rows[r].append(sum(row[c] for c in small))
    elif small:
        left_out = tuple(crosstab.columns[c] for c in small)
    remainder = tuple(total - sum(row) for total, row in zip(counts, rows, strict=True))
    return Columns(
        tuple(categories),
        tuple(column_bases),
        tuple(tuple(r) for r in rows),
        merged,
        left_out,
        remainder,
    )


def exclusive_indexes(question: Question | None) -> tuple[int, ...]:
    if question is None:
        return ()
    return tuple(k for k, option in enumerate(question.options) if option.exclusive)


def publish(
    result: ChoiceResult | NumberResult,
    crosstab: CrossTab | None,
    question: Question | None,
    min_cell: int,
) -> Publication:
    """Protect ``result`` (and its breakdown ``crosstab``) for the public."""
    counts = result_counts(result)
    multiple = isinstance(result, ChoiceResult) and result.multiple
    columns = merge_columns(crosstab, counts, min_cell) if crosstab is not None else None
    if columns is not None and not columns.categories:
        columns = None
    outside = result.base - sum(columns.bases) if columns else 0
    protected: ProtectedCounts = protect_counts(
        counts,
        result.base,
        multiple=multiple,
        breakdown=columns.counts if columns else None,
        column_bases=columns.bases if columns else None,
        min_cell=min_cell,
        exclusive=exclusive_indexes(question) if multiple else (),
        remainder=columns.remainder if columns and outside else None,
        remainder_base=outside,
    )
    mean = None
    if isinstance(result, NumberResult) and not protected.withheld:
        classes = CLASSES_BY_TOPIC.get((question.topic if question else None) or "")
        mean = publishable_mean(
            result,
            classes,
            question.minimum if question else None,
            question.maximum if question else None,
            min_cell,
        )
    return Publication(
        counts=protected.counts,
        columns=columns,
        grid=protected.breakdown,
        breakdown_withheld=protected.breakdown_withheld or columns is None,
        withheld=protected.withheld,
        mean=mean,
    )


def publish_exact(result: ChoiceResult | NumberResult, crosstab: CrossTab | None) -> Publication:
    """Everything, for researchers: every column, every count, the mean."""
    counts = result_counts(result)
    columns = None
    if crosstab is not None:
        columns = Columns(crosstab.columns, crosstab.column_bases, crosstab.counts)
    return Publication(
        counts=tuple(Status.PUBLISHED for _ in counts),
        columns=columns,
        grid=tuple(
            tuple(Status.PUBLISHED for _ in row) for row in (crosstab.counts if crosstab else ())
        ),
        breakdown_withheld=False,
        withheld=False,
        mean=result.mean if isinstance(result, NumberResult) else None,
    )
