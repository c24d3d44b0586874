"""The findings of a wave, ready to show: key figures, the five charts, breakdowns and trends.

Public API (pages, report, open data, API)::

    wave_findings(wave, exact=False, language="nl") -> WaveFindings
    responses_frames(wave) -> Frames

``exact=False`` applies small-number protection (settings.DATALAB_MIN_CELL, default 3) to every
number; ``exact=True`` is for researchers. The protection is computed once per wave state
(``protect.protected_wave``) and shared by both languages and the next wave's trend; the
findings are cached per wave, language and exactness under a key that changes with any
response (and with the previous wave's).

The parts: ``protect`` (protection of a wave), ``charts`` (one chart), ``svg`` (drawing),
``csvfiles`` (CSV), ``trend`` (trend tables), ``present`` (marks, notes, number formats),
``published`` (the data classes).
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from datalab_monitor.findings.publication import merge_columns
from datalab_monitor.findings.results import Category, CrossTab
from datalab_monitor.findings.suppression import DEFAULT_MIN_CELL
from datalab_monitor.inventory.models import Wave
from datalab_monitor.questionnaire.schema import Text
from datalab_monitor.registry.models import Category as LabCategory

from .adapters import responses_frames, submitted_responses
from .charts import chart_finding
from .present import format_number, format_percent, hidden_mark
from .protect import protected_wave, wave_results, wave_stamp
from .published import (
    WITHHELD_MARK,
    BreakdownTable,
    CategoryFigure,
    ChartFinding,
    KeyFigures,
    TableRow,
    TrendFinding,
    TrendRow,
    TrendTable,
    WaveFindings,
)
from .topics import TOPICS
from .trend import trend_finding

if TYPE_CHECKING:
    from datalab_monitor.findings import Frames

__all__ = [
    "TOPICS",
    "WITHHELD_MARK",
    "BreakdownTable",
    "ChartFinding",
    "KeyFigures",
    "TableRow",
    "TrendFinding",
    "TrendRow",
    "TrendTable",
    "WaveFindings",
    "format_number",
    "format_percent",
    "hidden_mark",
    "min_cell",
    "responses_frames",
    "wave_findings",
]


def min_cell() -> int:
    value = getattr(settings, "DATALAB_MIN_CELL", DEFAULT_MIN_CELL)
    return int(value)


def wave_findings(wave: Wave, *, exact: bool = False, language: str = "nl") -> WaveFindings:
    """The findings of ``wave`` (protected unless ``exact``), texts in ``language``."""
    limit = min_cell()
    previous = _comparable_previous(wave)
    stamp = wave_stamp(wave)
    key_text = f"{stamp}|{wave_stamp(previous)}|{language}|{int(exact)}|{limit}"
    key = "results-" + hashlib.sha256(key_text.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        with translation.override(language):
            found = _build(wave, previous, stamp, exact=exact, language=language, limit=limit)
        cache.set(key, found, 3600)
    return found


def _comparable_previous(wave: Wave) -> Wave | None:
    previous = wave.previous_wave
    if previous is None or not submitted_responses(previous).exists():
        return None
    return previous


def key_figures(wave: Wave, frames: Frames, language: str, limit: int | None = None) -> KeyFigures:
    """The wave's own figures and the questionnaires per category (``limit``: categories of
    fewer labs are shown together, as in the breakdowns)."""
    counts = frames.respondents["category"].value_counts() if len(frames.respondents) else {}
    categories = list(LabCategory.objects.order_by("order"))
    per_category = [
        CategoryFigure(c.code, c.tr("name", language), int(counts.get(c.code, 0)))
        for c in categories
    ]
    merged: list[str] = []
    if limit is not None and per_category:
        per_category, merged = _merged_figures(per_category, limit, language)
    return KeyFigures(
        labs_known=wave.labs_known,
        questionnaires_received=wave.questionnaires_received,
        response_rate=wave.response_rate,
        interviews_held=wave.interviews_held,
        per_category=per_category,
        merged_categories=merged,
    )


def _merged_figures(figures: list[CategoryFigure], limit: int, language: str):
    """The categories grouped as the breakdowns group them (``merge_columns``)."""
    table = CrossTab(
        question="",
        by="category",
        rows=(),
        columns=tuple(Category(f.code, Text(f.label)) for f in figures),
        counts=(),
        column_bases=tuple(f.count for f in figures),
        multiple=False,
    )
    columns = merge_columns(table, [], limit)
    shown = [
        CategoryFigure(c.code, c.label.get(language), b)
        for c, b in zip(columns.categories, columns.bases, strict=True)
    ]
    return shown, [c.label.get(language) for c in columns.merged]


def _build(
    wave: Wave, previous: Wave | None, stamp: str, *, exact: bool, language: str, limit: int
) -> WaveFindings:
    frames, findings = wave_results(wave)
    charts = []
    publications = {}
    if len(frames.respondents):
        publications = protected_wave(wave, findings, limit, exact=exact, stamp=stamp)
        by_topic = wave.questionnaire().questions_by_topic()
        for topic, title_msgid in TOPICS:
            question = by_topic.get(topic)
            if question is None:
                continue
            charts.append(
                chart_finding(
                    wave,
                    frames,
                    findings,
                    publications[question.code],
                    question.code,
                    topic,
                    str(title_msgid),
                    exact,
                    language,
                    limit,
                )
            )
    trend = None
    if previous is not None and charts:
        trend = trend_finding(wave, previous, findings, publications, exact, language, limit)
    return WaveFindings(
        slug=wave.slug,
        title=wave.tr("title", language),
        source=wave.tr("source", language),
        is_synthetic=wave.is_synthetic,
        min_cell=limit,
        exact=exact,
        language=language,
        key_figures=key_figures(wave, frames, language, None if exact else limit),
        charts=charts,
        trend=trend,
        has_responses=bool(len(frames.respondents)),
    )
