"""Typed results of the findings engine (exact numbers; suppression is applied afterwards)."""

from __future__ import annotations

from dataclasses import dataclass, field

from datalab_monitor.questionnaire.schema import Text


def percent(count: int, base: int) -> float | None:
    """``count`` as a percentage of ``base`` (None when the base is 0)."""
    return 100.0 * count / base if base else None


@dataclass(frozen=True)
class Category:
    """A row or column of a result: an option, a number class or a breakdown group."""

    code: str
    label: Text


@dataclass(frozen=True)
class Count:
    category: Category
    count: int
    base: int

    @property
    def code(self) -> str:
        return self.category.code

    @property
    def percent(self) -> float | None:
        return percent(self.count, self.base)


@dataclass(frozen=True)
class Coverage:
    """Who answered a question: never silently drop anyone.

    ``respondents`` = ``answered`` + ``missing`` + ``not_asked`` (skipped by a condition).
    """

    respondents: int
    answered: int
    missing: int
    not_asked: int = 0


@dataclass(frozen=True)
class ChoiceResult:
    """A single or multiple choice: counts per option; percentages of respondents who answered.

    For a multiple choice the percentages are of respondents (not of ticks), so they may add up
    to more than 100.
    """

    question: str
    label: Text
    multiple: bool
    coverage: Coverage
    counts: tuple[Count, ...]

    @property
    def base(self) -> int:
        return self.coverage.answered

    def count(self, code: str) -> Count:
        return next(c for c in self.counts if c.code == code)

    def sorted_counts(self) -> list[Count]:
        """Largest first; ties keep the questionnaire's order."""
        return sorted(self.counts, key=lambda c: -c.count)


@dataclass(frozen=True)
class NumberResult:
    """A number question: summary statistics and, if defined for its topic, classes."""

    question: str
    label: Text
    coverage: Coverage
    mean: float | None
    median: float | None
    q1: float | None
    q3: float | None
    minimum: float | None
    maximum: float | None
    classes: tuple[Count, ...] = ()
    class_rule: Text | None = None

    @property
    def n(self) -> int:
        return self.coverage.answered

    @property
    def base(self) -> int:
        return self.coverage.answered


@dataclass(frozen=True)
class CrossTab:
    """Rows (options or classes) by columns (groups such as the lab category).

    ``counts[r][c]``: respondents of column ``c`` in row ``r``. ``column_bases[c]``: respondents
    of column ``c`` who answered. ``unclassified``: answering respondents without a group.
    ``multiple``: rows of a multiple choice (a respondent may be in several rows).
    """

    question: str
    by: str
    rows: tuple[Category, ...]
    columns: tuple[Category, ...]
    counts: tuple[tuple[int, ...], ...]
    column_bases: tuple[int, ...]
    multiple: bool
    unclassified: int = 0

    @property
    def row_totals(self) -> tuple[int, ...]:
        return tuple(sum(row) for row in self.counts)


@dataclass(frozen=True)
class TrendRow:
    category: Category
    current: Count
    previous: Count

    @property
    def change(self) -> float | None:
        """Change in percentage points."""
        if self.current.percent is None or self.previous.percent is None:
            return None
        return self.current.percent - self.previous.percent


@dataclass(frozen=True)
class Trend:
    """Change between two waves for the options whose codes match through the version mapping."""

    question: str
    previous_question: str
    rows: tuple[TrendRow, ...]
    not_comparable: tuple[Category, ...] = ()
    current_base: int = 0
    previous_base: int = 0


@dataclass(frozen=True)
class OtherText:
    respondent: object
    question: str
    text: str


@dataclass
class Findings:
    """All results of one wave, by question code."""

    questionnaire_version: str
    respondents: int
    choices: dict[str, ChoiceResult] = field(default_factory=dict)
    numbers: dict[str, NumberResult] = field(default_factory=dict)
    crosstabs: dict[str, CrossTab] = field(default_factory=dict)

    def result(self, question: str) -> ChoiceResult | NumberResult:
        if question in self.choices:
            return self.choices[question]
        return self.numbers[question]
