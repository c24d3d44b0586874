"""Change between two waves, in percentage points, for options that match across versions.

The match follows the questionnaire's version mapping (:mod:`datalab_monitor.questionnaire.mapping`:
``previous_code`` and ``previous_options``). A respondent counts for an option in the previous
wave if they chose any of the old codes mapped to it (a merge); an option made by splitting an
old one is not comparable on its own and is listed in ``Trend.not_comparable``.
"""

from __future__ import annotations

import numpy as np

from datalab_monitor.questionnaire.mapping import option_map, source_question, split_groups
from datalab_monitor.questionnaire.schema import Question, Questionnaire, QuestionType

from .compute import QuestionIndex
from .frames import Frames
from .results import Category, ChoiceResult, Count, Trend, TrendRow


def previous_question(question: Question, previous: Questionnaire) -> Question | None:
    """The question of the ``previous`` version that ``question`` continues, if comparable."""
    found = source_question(question, previous)
    if found is None or not found.type.has_options:
        return None
    same_kind = (found.type is QuestionType.MULTIPLE) == (question.type is QuestionType.MULTIPLE)
    return found if same_kind else None


def option_mapping(question: Question, before: Question) -> dict[str, tuple[str, ...]]:
    """Option code of ``question`` -> codes of the previous version's question ``before``.

    An option that got one old code by a split (the old code became several new ones) is left
    out: its share then cannot be compared on its own.
    """
    split = {code for group in split_groups(question, before) for code in group}
    mapping: dict[str, list[str]] = {}
    for old, news in option_map(question, before).items():
        for new in news:
            if new not in split:
                mapping.setdefault(new, []).append(old)
    return {new: tuple(olds) for new, olds in mapping.items()}


def trend(
    current: ChoiceResult,
    question: Question,
    previous_frames: Frames,
    previous_questionnaire: Questionnaire,
) -> Trend | None:
    """The change of ``current`` since the previous wave, or None if the question is not there."""
    before = previous_question(question, previous_questionnaire)
    if before is None:
        return None
    index = QuestionIndex(previous_frames)
    answered = index.answered(before.code)
    previous_base = int(answered.sum())
    mapping = option_mapping(question, before)
    rows = []
    for count in current.counts:
        codes = mapping.get(count.code)
        if not codes:
            continue
        chose: np.ndarray = index.chose(before.code, codes)
        previous = Count(count.category, int(chose.sum()), previous_base)
        rows.append(TrendRow(count.category, count, previous))
    not_comparable = tuple(
        Category(c.code, c.category.label) for c in current.counts if c.code not in mapping
    )
    return Trend(
        question=question.code,
        previous_question=before.code,
        rows=tuple(rows),
        not_comparable=not_comparable,
        current_base=current.base,
        previous_base=previous_base,
    )
