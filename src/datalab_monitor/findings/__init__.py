"""Findings engine: results of a wave computed from responses (pandas, no Django imports).

Use it in a notebook::

    from datalab_monitor.findings import answers_to_frames, compute_findings
    from datalab_monitor.questionnaire import load_version

    questionnaire = load_version("2019")
    frames = answers_to_frames(records, questionnaire)  # (id, {"category": ...}, answers)
    findings = compute_findings(frames, questionnaire)
    findings.choices["domains"].counts

See docs/notebook.md.
"""

from .classes import FTE_CLASSES, NumberClasses
from .compute import compute_findings, crosstab, other_texts, result_for
from .frames import Frames, FramesError, answers_to_frames, frames_from_tables, wide_to_long
from .number_trend import NumberTrend, number_trend
from .results import (
    Category,
    ChoiceResult,
    Count,
    Coverage,
    CrossTab,
    Findings,
    NumberResult,
    Trend,
    TrendRow,
)
from .statements import choice_statement, fte_statement, quantifier, sentence
from .suppression import DEFAULT_MIN_CELL, ProtectedCounts, Status, protect_counts
from .trend import trend

__all__ = [
    "DEFAULT_MIN_CELL",
    "FTE_CLASSES",
    "Category",
    "ChoiceResult",
    "Count",
    "Coverage",
    "CrossTab",
    "Findings",
    "Frames",
    "FramesError",
    "NumberClasses",
    "NumberResult",
    "NumberTrend",
    "ProtectedCounts",
    "Status",
    "Trend",
    "TrendRow",
    "answers_to_frames",
    "choice_statement",
    "compute_findings",
    "crosstab",
    "frames_from_tables",
    "number_trend",
    "fte_statement",
    "other_texts",
    "protect_counts",
    "quantifier",
    "result_for",
    "sentence",
    "trend",
    "wide_to_long",
]
