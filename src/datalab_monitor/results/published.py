"""The findings of a wave as published: plain data classes that pages, report, open data, CSVs
and the API read (every number already protected and formatted)."""

from __future__ import annotations

from dataclasses import dataclass, field

from datalab_monitor.findings import Status
from datalab_monitor.findings.formatting import rounded

WITHHELD_MARK = "–"  # a cell that is not published at all


@dataclass(frozen=True)
class TableRow:
    """A row of a chart's data table. ``count``/``percent`` are None when hidden."""

    code: str
    label: str
    count: int | None
    percent: float | None  # as published: rounded by the one rule (findings.formatting)
    count_display: str
    percent_display: str
    status: str = Status.PUBLISHED.value

    @property
    def hidden(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class BreakdownTable:
    """Counts per category: ``columns`` are (label, base), ``rows`` (label, [cell displays])."""

    columns: list[tuple[str, int]]
    rows: list[tuple[str, list[str]]]
    unclassified: int = 0
    csv_text: str = ""  # one line per row and category, as shown
    merged: list[str] = field(default_factory=list)  # categories shown as "other categories"
    left_out: list[str] = field(default_factory=list)  # categories not shown as a column

    @property
    def has_withheld_rows(self) -> bool:
        """Some cell is not published ("–")."""
        return any(c == WITHHELD_MARK for _l, cells in self.rows for c in cells)


@dataclass(frozen=True)
class TrendRow:
    label: str
    previous_display: str
    current_display: str
    change_display: str
    change: float | None

    @property
    def cells(self) -> tuple[str, str, str]:
        return (self.previous_display, self.current_display, self.change_display)


@dataclass(frozen=True)
class TrendTable:
    topic: str
    title: str
    rows: list[TrendRow]
    not_comparable: list[str]
    previous_base: int
    current_base: int
    # numbers (FTE): mean (researchers: also median) then and now; change in the question's unit
    summary_rows: list[TrendRow] = field(default_factory=list)


@dataclass(frozen=True)
class TrendFinding:
    previous_title: str
    previous_slug: str
    previous_is_synthetic: bool
    tables: list[TrendTable]


@dataclass(frozen=True)
class ChartFinding:
    topic: str
    question: str
    title: str
    base_n: int
    statement: str | None
    svg: str
    table: list[TableRow]
    csv_text: str
    suppressed: bool  # some number of this chart or its breakdown is hidden
    missing: int = 0
    not_asked: int = 0
    breakdown: BreakdownTable | None = None
    class_rule: str | None = None
    # numbers: public: {"mean"} when it may be published; researchers: mean, median, q1, q3,
    # minimum, maximum (raw values; shown through findings.formatting)
    summary: dict[str, float | None] = field(default_factory=dict)
    other_texts: list[tuple[str, str]] = field(default_factory=list)  # (lab, text): exact only
    withheld: bool = False  # too few labs: nothing of this chart can be published
    breakdown_withheld: bool = False  # the breakdown by category would reveal single labs
    statistics_withheld: bool = False  # numbers: the mean is not published (see the rule)


@dataclass(frozen=True)
class CategoryFigure:
    code: str
    label: str
    count: int


@dataclass(frozen=True)
class KeyFigures:
    labs_known: int | None
    questionnaires_received: int | None
    response_rate: float | None
    interviews_held: int | None
    per_category: list[CategoryFigure]
    merged_categories: list[str] = field(default_factory=list)  # shown as "other categories"

    @property
    def response_percent(self) -> int | None:
        return None if self.response_rate is None else int(rounded(100 * self.response_rate, 0))


@dataclass(frozen=True)
class WaveFindings:
    slug: str
    title: str
    source: str
    is_synthetic: bool
    min_cell: int
    exact: bool
    language: str
    key_figures: KeyFigures
    charts: list[ChartFinding]
    trend: TrendFinding | None
    has_responses: bool

    def chart(self, topic: str) -> ChartFinding:
        return next(c for c in self.charts if c.topic == topic)
