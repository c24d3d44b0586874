"""The trend tables: change since the previous wave, with both waves' protection.

A cell of the previous wave is hidden here wherever that wave's own page hides it (its
protection is shared: :func:`protect.protected_wave`), so the trend never shows more of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from datalab_monitor.findings import NumberResult, Status, protect_counts
from datalab_monitor.findings.formatting import PERCENT_DECIMALS, rounded, rounded_float
from datalab_monitor.findings.publication import Publication
from datalab_monitor.findings.statistics import publishable_mean
from datalab_monitor.inventory.models import Wave

from .present import format_number, format_percent, format_points, hidden_mark
from .protect import protected_wave, wave_results, wave_stamp
from .published import TrendFinding, TrendRow, TrendTable
from .topics import TOPICS

if TYPE_CHECKING:
    from datalab_monitor.findings.number_trend import NumberTrend


def trend_finding(
    wave: Wave, previous: Wave, findings, publications, exact: bool, language: str, limit: int
) -> TrendFinding:
    # The engine's trend parts use pandas: loaded on first use, not at start-up.
    from datalab_monitor.findings.number_trend import number_trend
    from datalab_monitor.findings.trend import option_mapping
    from datalab_monitor.findings.trend import trend as compute_trend

    previous_frames, previous_findings = wave_results(previous)
    before_public = protected_wave(
        previous,
        previous_findings,
        limit,
        exact=exact,
        stamp=None if exact else wave_stamp(previous),
    )
    previous_questionnaire = previous.questionnaire()
    by_topic = wave.questionnaire().questions_by_topic()
    tables = []
    for topic, title_msgid in TOPICS:
        question = by_topic.get(topic)
        if question is None or question.code not in publications:
            continue
        current = findings.result(question.code)
        now = publications[question.code]
        if isinstance(current, NumberResult):
            found = number_trend(current, question, previous_frames, previous_questionnaire)
            if found is not None and found.rows and found.previous_base:
                before = _previous_number_publication(found, before_public, question, limit, exact)
                tables.append(
                    _number_table(
                        topic, str(title_msgid), found, now, before, exact, language, limit
                    )
                )
            continue
        found = compute_trend(current, question, previous_frames, previous_questionnaire)
        if found is None or not found.rows:
            continue
        before_pub = before_public.get(found.previous_question)
        previous_question = previous_questionnaire.question(found.previous_question)
        hidden_before = {
            code
            for code, status in zip(
                previous_question.option_codes,
                before_pub.counts if before_pub else (),
                strict=False,
            )
            if status.hidden
        }
        if before_pub is None and not exact:
            hidden_before = set(previous_question.option_codes)
        status_by_code = {c.code: s for c, s in zip(current.counts, now.counts, strict=True)}
        mapping_from = option_mapping(question, previous_question)
        rows = []
        for row in found.rows:
            now_status = status_by_code[row.category.code]
            union_hidden = bool(set(mapping_from.get(row.category.code, ())) & hidden_before)
            before_status = Status.PUBLISHED
            if not exact and before_pub is not None and before_pub.withheld:
                before_status = Status.WITHHELD  # that wave publishes nothing of it
            elif not exact and (union_hidden or 0 < row.previous.count < limit):
                before_status = (
                    Status.PRIMARY if 0 < row.previous.count < limit else Status.SECONDARY
                )
            rows.append(
                _row(
                    row.category.label.get(language),
                    row.previous.percent,
                    row.current.percent,
                    before_status,
                    now_status,
                    language,
                    limit,
                )
            )
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


def _row(label, before, now, before_status, now_status, language, limit) -> TrendRow:
    """Shares then and now, and the change between the shares as shown (percentage points)."""
    previous_display = (
        hidden_mark(before_status, limit)
        if before_status.hidden
        else format_percent(before, language)
    )
    current_display = (
        hidden_mark(now_status, limit) if now_status.hidden else format_percent(now, language)
    )
    change = None
    if not (before_status.hidden or now_status.hidden or before is None or now is None):
        change = rounded_float(now, PERCENT_DECIMALS) - rounded_float(before, PERCENT_DECIMALS)
    change_display = "x" if change is None else format_points(change, language)
    return TrendRow(label, previous_display, current_display, change_display, change)


def _previous_number_publication(
    found: NumberTrend, before_public: dict[str, Publication], question, limit: int, exact: bool
) -> Publication | None:
    """The previous wave's protection of its number question (None: exact)."""
    if exact:
        return None
    published = before_public.get(found.previous_question)
    if published is not None:
        return published
    counts = [row.previous.count for row in found.rows]
    protected = protect_counts(counts, found.previous_base, multiple=False, min_cell=limit)
    return Publication(
        counts=protected.counts,
        columns=None,
        grid=(),
        breakdown_withheld=True,
        withheld=protected.withheld,
        mean=None
        if protected.withheld
        else publishable_mean(found.previous, None, question.minimum, question.maximum, limit),
    )


def _number_table(
    topic: str,
    title: str,
    found: NumberTrend,
    now: Publication,
    before: Publication | None,
    exact: bool,
    language: str,
    limit: int,
) -> TrendTable:
    """The trend of a number question: class shares (percentage points) and the mean."""
    rows = []
    for k, row in enumerate(found.rows):
        now_status = now.counts[k]
        before_status = Status.PUBLISHED if before is None else before.counts[k]
        rows.append(
            _row(
                row.category.label.get(language),
                row.previous.percent,
                row.current.percent,
                before_status,
                now_status,
                language,
                limit,
            )
        )
    if exact:
        measures = [
            (_("Median FTE"), found.previous.median, found.current.median),
            (_("Mean FTE"), found.previous.mean, found.current.mean),
        ]
    else:
        measures = [(_("Mean FTE"), before.mean if before else None, now.mean)]
    summary_rows = [
        _summary_row(label, then, now_value, language) for label, then, now_value in measures
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


def _summary_row(label: str, before: float | None, now: float | None, language: str) -> TrendRow:
    """A statistic then and now; the change is that of the values as shown."""
    change = None
    if before is not None and now is not None:
        change = float(rounded(now, 1) - rounded(before, 1))
    return TrendRow(
        label,
        format_number(before, language),
        format_number(now, language),
        format_number(change, language, signed=True),
        change,
    )
