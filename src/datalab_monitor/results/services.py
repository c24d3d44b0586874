"""The findings of a wave, ready to show: key figures, the five charts, breakdowns and trends.

Public API (also used by the report)::

    wave_findings(wave, exact=False, language="nl") -> WaveFindings
    responses_frames(wave) -> Frames

``exact=False`` applies small-number protection (settings.DATALAB_MIN_CELL, default 3) to every
number; ``exact=True`` is for researchers. Results are cached per wave, language and exactness;
the cache key includes the number and last change of the wave's responses (and those of the
previous wave), so any change to a response invalidates it.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count as DbCount
from django.db.models import Max
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from datalab_monitor.charts import BarRow, bar_chart_spec, spec_to_svg
from datalab_monitor.findings import (
    ChoiceResult,
    Findings,
    Frames,
    NumberResult,
    Status,
    compute_findings,
    other_texts,
    protect_counts,
)
from datalab_monitor.findings.number_trend import NumberTrend, number_trend
from datalab_monitor.findings.results import Count, CrossTab
from datalab_monitor.findings.statements import choice_statement, fte_statement
from datalab_monitor.findings.suppression import DEFAULT_MIN_CELL
from datalab_monitor.findings.trend import trend as compute_trend
from datalab_monitor.inventory.models import Response, Wave
from datalab_monitor.registry.models import Category as LabCategory

from .adapters import category_groups, responses_frames, submitted_responses

__all__ = [
    "TOPICS",
    "ChartFinding",
    "KeyFigures",
    "TableRow",
    "TrendFinding",
    "WaveFindings",
    "min_cell",
    "responses_frames",
    "wave_findings",
]

# The publication's five charts, in its order: (topic, title).
TOPICS: tuple[tuple[str, Promise], ...] = (
    ("partners", gettext_lazy("Who do the data labs work with?")),
    ("analysis_types", gettext_lazy("What kinds of analysis do the data labs do?")),
    ("domains", gettext_lazy("In which domain do the data labs work?")),
    ("improvements", gettext_lazy("What could be better?")),
    ("fte", gettext_lazy("How many FTE do the data labs have?")),
)

WITHHELD_MARK = "–"  # a breakdown row that is not broken down


def min_cell() -> int:
    value = getattr(settings, "DATALAB_MIN_CELL", DEFAULT_MIN_CELL)
    return int(value)


@dataclass(frozen=True)
class TableRow:
    """A row of a chart's data table. ``count``/``percent`` are None when hidden."""

    code: str
    label: str
    count: int | None
    percent: float | None
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

    @property
    def has_withheld_rows(self) -> bool:
        """Some row is not broken down (all its cells "–")."""
        return any(cells and all(c == WITHHELD_MARK for c in cells) for _l, cells in self.rows)


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
    # numbers (FTE): median and mean then and now; the change is in the question's unit
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
    summary: dict[str, float | None] = field(default_factory=dict)  # numbers: median, ...
    other_texts: list[tuple[str, str]] = field(default_factory=list)  # (lab, text): exact only
    withheld: bool = False  # too few labs: nothing of this chart can be published
    breakdown_withheld: bool = False  # the breakdown by category would reveal single labs


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

    @property
    def response_percent(self) -> int | None:
        return None if self.response_rate is None else round(100 * self.response_rate)


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


# ---------------------------------------------------------------------------------------------
# Display helpers


def format_percent(value: float | None, language: str) -> str:
    if value is None:
        return "–"
    text = f"{value:.0f}%"
    return text


def hidden_mark(status: Status, limit: int) -> str:
    if status is Status.WITHHELD:
        return WITHHELD_MARK
    return "x" if status is Status.SECONDARY else f"< {limit}"


def format_number(value: float | None, language: str) -> str:
    if value is None:
        return "–"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") if language == "nl" else text


# ---------------------------------------------------------------------------------------------
# Computation


def _cache_stamp(wave: Wave | None) -> str:
    if wave is None:
        return "-"
    stats = submitted_responses(wave).aggregate(n=DbCount("id"), last=Max("updated_at"))
    any_stats = Response.objects.filter(wave=wave).aggregate(last=Max("updated_at"))
    labs = list(
        submitted_responses(wave)
        .order_by("lab__number")
        .values_list("lab__number", "lab__category__code")
    )
    facts = (
        wave.slug,
        labs,
        wave.status,
        wave.questionnaire_version,
        wave.labs_known,
        wave.reported_questionnaires,
        wave.interviews_held,
        wave.title_nl,
        wave.title_en,
        wave.source_nl,
        wave.source_en,
        wave.is_synthetic,
        wave.previous_wave_id,
    )
    digest = hashlib.sha256(repr(facts).encode()).hexdigest()[:16]
    return f"{wave.pk}:{stats['n']}:{stats['last']}:{any_stats['last']}:{digest}"


def wave_findings(wave: Wave, *, exact: bool = False, language: str = "nl") -> WaveFindings:
    """The findings of ``wave`` (suppressed unless ``exact``), texts in ``language``."""
    limit = min_cell()
    previous = _comparable_previous(wave)
    stamp = f"{_cache_stamp(wave)}|{_cache_stamp(previous)}|{language}|{int(exact)}|{limit}"
    key = "results-" + hashlib.sha256(stamp.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        with translation.override(language):
            found = _build(wave, previous, exact=exact, language=language, limit=limit)
        cache.set(key, found, 3600)
    return found


def _comparable_previous(wave: Wave) -> Wave | None:
    previous = wave.previous_wave
    if previous is None or not submitted_responses(previous).exists():
        return None
    return previous


def _findings(wave: Wave) -> tuple[Frames, Findings]:
    frames = responses_frames(wave)
    findings = compute_findings(
        frames, wave.questionnaire(), by="category", groups=category_groups()
    )
    return frames, findings


def key_figures(wave: Wave, frames: Frames, language: str) -> KeyFigures:
    counts = frames.respondents["category"].value_counts() if len(frames.respondents) else {}
    per_category = [
        CategoryFigure(c.code, c.tr("name", language), int(counts.get(c.code, 0)))
        for c in LabCategory.objects.order_by("order")
    ]
    return KeyFigures(
        labs_known=wave.labs_known,
        questionnaires_received=wave.questionnaires_received,
        response_rate=wave.response_rate,
        interviews_held=wave.interviews_held,
        per_category=per_category,
    )


def _build(
    wave: Wave, previous: Wave | None, *, exact: bool, language: str, limit: int
) -> WaveFindings:
    frames, findings = _findings(wave)
    questionnaire = wave.questionnaire()
    by_topic = questionnaire.questions_by_topic()
    charts = []
    protections: dict[str, tuple[ChoiceResult | NumberResult, list[Status]]] = {}
    if len(frames.respondents):
        for topic, title_msgid in TOPICS:
            question = by_topic.get(topic)
            if question is None:
                continue
            chart, statuses = _chart(
                wave,
                frames,
                findings,
                question.code,
                topic,
                str(title_msgid),
                exact,
                language,
                limit,
            )
            charts.append(chart)
            protections[topic] = (findings.result(question.code), statuses)
    trend = None
    if previous is not None and charts:
        trend = _trend(wave, previous, frames, findings, protections, exact, language, limit)
    return WaveFindings(
        slug=wave.slug,
        title=wave.tr("title", language),
        source=wave.tr("source", language),
        is_synthetic=wave.is_synthetic,
        min_cell=limit,
        exact=exact,
        language=language,
        key_figures=key_figures(wave, frames, language),
        charts=charts,
        trend=trend,
        has_responses=bool(len(frames.respondents)),
    )


def _protect(
    counts: list[Count],
    base: int,
    multiple: bool,
    crosstab: CrossTab | None,
    exact: bool,
    limit: int,
):
    """Statuses of the one-way counts and of the breakdown cells, and what is withheld."""
    if exact:
        statuses = [Status.PUBLISHED] * len(counts)
        grid = (
            [[Status.PUBLISHED] * len(crosstab.columns) for _ in crosstab.rows] if crosstab else []
        )
        return statuses, grid, False, False
    protected = protect_counts(
        [c.count for c in counts],
        base,
        multiple=multiple,
        breakdown=crosstab.counts if crosstab else None,
        column_bases=crosstab.column_bases if crosstab else None,
        min_cell=limit,
    )
    return (
        list(protected.counts),
        [list(row) for row in protected.breakdown],
        protected.breakdown_withheld,
        protected.withheld,
    )


def _chart(wave, frames, findings, code, topic, title, exact, language, limit):
    result = findings.result(code)
    crosstab = findings.crosstabs.get(code)
    if isinstance(result, NumberResult):
        counts = list(result.classes)
        multiple = False
    else:
        counts = list(result.counts)
        multiple = result.multiple
    statuses, grid, breakdown_withheld, withheld = _protect(
        counts, result.base, multiple, crosstab, exact, limit
    )
    rows = []
    for count, status in zip(counts, statuses, strict=True):
        label = count.category.label.get(language)
        if status.hidden:
            mark = hidden_mark(status, limit)
            rows.append(TableRow(count.code, label, None, None, mark, mark, status.value))
        else:
            rows.append(
                TableRow(
                    count.code,
                    label,
                    count.count,
                    count.percent,
                    str(count.count),
                    format_percent(count.percent, language),
                )
            )
    published = {row.code for row in rows if not row.hidden}
    if isinstance(result, NumberResult):
        statement = fte_statement(result, language, zero_published="0" in published)
    else:
        statement = choice_statement(topic, result, language, published=published)
    if result.base == 0 or withheld:
        statement = None
    base_text = _("n = %(n)s (labs that answered the question)") % {"n": result.base}
    source = wave.tr("source", language) or wave.tr("title", language)
    subtitle = [base_text, _("Source: %(source)s") % {"source": source}]
    if wave.is_synthetic:
        subtitle.append(_("Fictional demo data"))
    spec = bar_chart_spec(
        [BarRow(r.label, r.percent, _bar_text(r, language)) for r in rows],
        title=title,
        subtitle=subtitle,
        axis_title=_("% of the data labs that answered"),
    )
    label = _("Bar chart: %(title)s (%(base)s). The numbers are in the table below.") % {
        "title": title,
        "base": base_text,
    }
    svg = spec_to_svg(spec, label=label)
    breakdown = (
        _breakdown(crosstab, grid, wave, language, limit)
        if crosstab and not breakdown_withheld
        else None
    )
    summary: dict[str, float | None] = {}
    rule = None
    if isinstance(result, NumberResult):
        rule = result.class_rule.get(language) if result.class_rule else None
        if exact or result.n >= limit:
            summary = {
                "median": result.median,
                "q1": result.q1,
                "q3": result.q3,
                "mean": result.mean,
            }
        if exact:
            summary.update(minimum=result.minimum, maximum=result.maximum)
    texts = []
    if exact:
        names = dict(zip(frames.respondents["respondent"], frames.respondents["lab"], strict=True))
        texts = [
            (str(names.get(t.respondent, t.respondent)), t.text) for t in other_texts(frames, code)
        ]
    chart = ChartFinding(
        topic=topic,
        question=code,
        title=title,
        base_n=result.base,
        statement=statement,
        svg=svg,
        table=rows,
        csv_text=_csv(rows, result.base, wave, limit),
        suppressed=any(s.hidden for s in statuses) or any(s.hidden for row in grid for s in row),
        missing=result.coverage.missing,
        not_asked=result.coverage.not_asked,
        breakdown=breakdown,
        class_rule=rule,
        summary=summary,
        other_texts=texts,
        withheld=withheld,
        breakdown_withheld=bool(crosstab) and breakdown_withheld,
    )
    return chart, statuses


def _bar_text(row: TableRow, language: str) -> str:
    if row.hidden:
        return row.count_display
    return f"{row.count} ({row.percent_display})"


def _breakdown(crosstab: CrossTab, grid, wave: Wave, language: str, limit: int) -> BreakdownTable:
    columns = [
        (c.label.get(language), b)
        for c, b in zip(crosstab.columns, crosstab.column_bases, strict=True)
    ]
    rows = []
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["wave", "code", "label", "group_code", "group", "group_base", "count", "note", "synthetic"]
    )
    for r, category in enumerate(crosstab.rows):
        label = category.label.get(language)
        cells = []
        for c, value in enumerate(crosstab.counts[r]):
            status = grid[r][c]
            shown = hidden_mark(status, limit) if status.hidden else str(value)
            cells.append(shown)
            group = crosstab.columns[c]
            writer.writerow(
                [
                    wave.slug,
                    category.code,
                    label,
                    group.code,
                    group.label.get(language),
                    crosstab.column_bases[c],
                    shown,
                    _hidden_note(status, limit) if status.hidden else "",
                    str(wave.is_synthetic).lower(),
                ]
            )
        rows.append((label, cells))
    return BreakdownTable(
        columns=columns, rows=rows, unclassified=crosstab.unclassified, csv_text=out.getvalue()
    )


def _csv(rows: list[TableRow], base: int, wave: Wave, limit: int) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["wave", "code", "label", "count", "percent", "base", "note", "synthetic"])
    for row in rows:
        if row.hidden:
            note = _hidden_note(Status(row.status), limit)
            count, pct = row.count_display, ""
        else:
            note, count, pct = (
                "",
                str(row.count),
                f"{row.percent:.1f}" if row.percent is not None else "",
            )
        writer.writerow(
            [wave.slug, row.code, row.label, count, pct, base, note, str(wave.is_synthetic).lower()]
        )
    return out.getvalue()


def _hidden_note(status: Status, limit: int) -> str:
    if status is Status.SECONDARY:
        return _("hidden so that no other figure can be computed back")
    if status is Status.WITHHELD:
        return _("not published: it would reveal the answers of single labs")
    if status is Status.SMALL_GROUP:
        return _("a category of fewer than %(n)s labs") % {"n": limit}
    return _("fewer than %(n)s labs") % {"n": limit}


def _trend(wave, previous, frames, findings, protections, exact, language, limit) -> TrendFinding:
    previous_frames = responses_frames(previous)
    previous_questionnaire = previous.questionnaire()
    previous_public = None if exact else wave_findings(previous, exact=False, language=language)
    questionnaire = wave.questionnaire()
    by_topic = questionnaire.questions_by_topic()
    tables = []
    for topic, title_msgid in TOPICS:
        question = by_topic.get(topic)
        if question is None or topic not in protections:
            continue
        current, statuses = protections[topic]
        if isinstance(current, NumberResult):
            found_number = number_trend(current, question, previous_frames, previous_questionnaire)
            if found_number is not None and found_number.rows and found_number.previous_base:
                tables.append(
                    _number_trend_table(
                        topic,
                        str(title_msgid),
                        found_number,
                        statuses,
                        previous_public,
                        exact,
                        language,
                        limit,
                    )
                )
            continue
        found = compute_trend(current, question, previous_frames, previous_questionnaire)
        if found is None or not found.rows:
            continue
        hidden_before: set[str] = set()
        if previous_public is not None:
            try:
                before_chart = previous_public.chart(topic)
                hidden_before = {r.code for r in before_chart.table if r.hidden}
            except StopIteration:
                hidden_before = set(
                    previous_questionnaire.question(found.previous_question).option_codes
                )
        status_by_code = {c.code: s for c, s in zip(current.counts, statuses, strict=True)}
        mapping_from = _old_codes(question, previous_questionnaire, found.previous_question)
        rows = []
        for row in found.rows:
            label = row.category.label.get(language)
            now_hidden = status_by_code[row.category.code].hidden
            before_hidden = bool(set(mapping_from.get(row.category.code, ())) & hidden_before) or (
                not exact and 0 < row.previous.count < limit
            )
            previous_display = (
                "x" if before_hidden else format_percent(row.previous.percent, language)
            )
            current_display = "x" if now_hidden else format_percent(row.current.percent, language)
            if before_hidden or now_hidden or row.change is None:
                change_display, change = "x", None
            else:
                change = row.change
                change_display = f"{change:+.0f}"
            rows.append(TrendRow(label, previous_display, current_display, change_display, change))
        tables.append(
            TrendTable(
                topic=topic,
                title=str(title_msgid),
                rows=rows,
                not_comparable=[c.label.get(language) for c in found.not_comparable],
                previous_base=found.previous_base,
                current_base=found.current_base,
            )
        )
    return TrendFinding(
        previous_title=previous.tr("title", language),
        previous_slug=previous.slug,
        previous_is_synthetic=previous.is_synthetic,
        tables=tables,
    )


def _previous_class_statuses(
    found: NumberTrend, topic: str, previous_public: WaveFindings | None, limit: int
) -> dict[str, Status]:
    """How the previous wave's classes are published: protected as a one-way table, and
    hidden as well wherever the previous wave's own page hides them (never show more)."""
    counts = [row.previous for row in found.rows]
    protected = protect_counts(
        [c.count for c in counts], found.previous_base, multiple=False, min_cell=limit
    )
    statuses = {c.code: s for c, s in zip(counts, protected.counts, strict=True)}
    if previous_public is not None:
        try:
            chart = previous_public.chart(topic)
        except StopIteration:
            chart = None
        if chart is not None and chart.question == found.previous_question:
            for row in chart.table:
                if row.hidden and row.code in statuses and not statuses[row.code].hidden:
                    statuses[row.code] = Status(row.status)
    return statuses


def _number_trend_table(
    topic: str,
    title: str,
    found: NumberTrend,
    statuses: list[Status],
    previous_public: WaveFindings | None,
    exact: bool,
    language: str,
    limit: int,
) -> TrendTable:
    """The trend of a number question: class shares (percentage points), median and mean."""
    if exact:
        before_status = dict.fromkeys((r.category.code for r in found.rows), Status.PUBLISHED)
        now_status = dict(before_status)
    else:
        before_status = _previous_class_statuses(found, topic, previous_public, limit)
        now_status = {c.code: s for c, s in zip(found.current.classes, statuses, strict=True)}
    rows = []
    for row in found.rows:
        code = row.category.code
        before, now = before_status[code], now_status[code]
        previous_display = (
            hidden_mark(before, limit)
            if before.hidden
            else format_percent(row.previous.percent, language)
        )
        current_display = (
            hidden_mark(now, limit) if now.hidden else format_percent(row.current.percent, language)
        )
        if before.hidden or now.hidden or row.change is None:
            change_display, change = "x", None
        else:
            change = row.change
            change_display = f"{change:+.0f}"
        rows.append(
            TrendRow(
                row.category.label.get(language),
                previous_display,
                current_display,
                change_display,
                change,
            )
        )
    summary_rows = [
        _summary_row(
            label,
            getattr(found.previous, measure),
            getattr(found.current, measure),
            exact or found.previous.n >= limit,
            exact or found.current.n >= limit,
            language,
        )
        for measure, label in (("median", _("Median FTE")), ("mean", _("Mean FTE")))
    ]
    return TrendTable(
        topic=topic,
        title=title,
        rows=rows,
        not_comparable=[],
        previous_base=found.previous_base,
        current_base=found.current_base,
        summary_rows=summary_rows,
    )


def _summary_row(
    label: str,
    before: float | None,
    now: float | None,
    before_shown: bool,
    now_shown: bool,
    language: str,
) -> TrendRow:
    """Median or mean then and now; not published when based on fewer labs than the limit."""
    before = before if before_shown else None
    now = now if now_shown else None
    change = None if before is None or now is None else now - before
    change_display = "–"
    if change is not None:
        rounded = round(change, 1)
        change_display = format_number(abs(rounded), language)
        if rounded:
            change_display = ("+" if rounded > 0 else "-") + change_display
    return TrendRow(
        label,
        format_number(before, language),
        format_number(now, language),
        change_display,
        change,
    )


def _old_codes(question, previous_questionnaire, previous_code) -> dict[str, tuple[str, ...]]:
    from datalab_monitor.findings.trend import option_mapping

    return option_mapping(question, previous_questionnaire.question(previous_code))
