"""Findings engine: results of a wave computed from responses (pandas, no Django imports).

Use it in a notebook::

    from datalab_monitor.findings import answers_to_frames, compute_findings
    from datalab_monitor.questionnaire import load_version

    questionnaire = load_version("2019")
    frames = answers_to_frames(records, questionnaire)  # (id, {"category": ...}, answers)
    findings = compute_findings(frames, questionnaire)
    findings.choices["domains"].counts

See docs/notebook.md.

The names below are imported on first use (PEP 562), so that importing one light part (say
``Status``) does not load pandas or scipy: web processes import the package at start-up.
"""

from __future__ import annotations

import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

_SOURCES = {
    "classes": ("FTE_CLASSES", "NumberClasses"),
    "compute": ("compute_findings", "crosstab", "other_texts", "result_for"),
    "frames": ("Frames", "FramesError", "answers_to_frames", "frames_from_tables", "wide_to_long"),
    "number_trend": ("NumberTrend", "number_trend"),
    "results": (
        "Category",
        "ChoiceResult",
        "Count",
        "Coverage",
        "CrossTab",
        "Findings",
        "NumberResult",
        "Trend",
        "TrendRow",
    ),
    "statements": ("choice_statement", "fte_statement", "quantifier", "sentence"),
    "suppression": ("DEFAULT_MIN_CELL", "ProtectedCounts", "Status", "protect_counts"),
    "trend": ("trend",),
}
_MODULE_OF = {name: module for module, names in _SOURCES.items() for name in names}

if TYPE_CHECKING:
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

_SAME_NAME = ("number_trend", "trend")  # submodules named after their main function


class _Package(ModuleType):
    """Keeps ``findings.trend`` the function when the import system binds the submodule."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SAME_NAME and isinstance(value, ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_MODULE_OF])


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
