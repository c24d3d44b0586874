"""The code lists profiles and projects use, taken from the questionnaire so they line up with
the findings: partners, domains, analysis types, data sources. Plain Python (no Django).
"""

from __future__ import annotations

from functools import lru_cache

from datalab_monitor.questionnaire import load_version

VERSION = "2026"
SKIPPED = {"partners": {"other", "none"}, "domains": {"other"}}
LISTS = ("partners", "domains", "analysis_types", "data_sources")
# A project names its sources; "Other, namely" of the questionnaire becomes plain "Other".
RELABELLED = {("data_sources", "other"): ("Anders", "Other")}


@lru_cache(maxsize=1)
def _options() -> dict[str, tuple[tuple[str, str, str], ...]]:
    questionnaire = load_version(VERSION)
    found = {}
    for name in LISTS:
        question = questionnaire.question(name)
        skipped = SKIPPED.get(name, set())
        found[name] = tuple(
            (o.code, *RELABELLED.get((name, o.code), (o.label.get("nl"), o.label.get("en"))))
            for o in question.options
            if o.code not in skipped
        )
    return found


def choices(name: str, language: str = "nl") -> list[tuple[str, str]]:
    """(code, label) pairs of code list ``name`` in ``language``."""
    column = 2 if language == "en" else 1
    return [(option[0], option[column]) for option in _options()[name]]


def codes(name: str) -> list[str]:
    return [option[0] for option in _options()[name]]


def label(name: str, code: str, language: str = "nl") -> str:
    return dict(choices(name, language)).get(code, code)


def labels(name: str, values: list[str], language: str = "nl") -> list[str]:
    """Labels of ``values`` in code-list order; unknown codes are left out."""
    known = dict(choices(name, language))
    return [known[code] for code in codes(name) if code in values]
