"""Change between two waves of a number question (FTE): its classes and its median and mean.

The question of the previous wave is found through the questionnaire's version mapping
(``previous_code``, e.g. 2026 ``fte_dedicated`` continues 2019 ``fte_own``). Both waves are
classed with the classes of the current question's topic; the base of each wave is the labs
that answered (missing answers are left out, as everywhere). Exact numbers: small-number
protection is applied by whoever publishes them.
"""

from __future__ import annotations

from dataclasses import dataclass

from datalab_monitor.questionnaire.mapping import source_question
from datalab_monitor.questionnaire.schema import Question, Questionnaire

from .classes import CLASSES_BY_TOPIC, NumberClasses
from .compute import QuestionIndex, number_result
from .frames import Frames
from .results import NumberResult, TrendRow


def _difference(now: float | None, before: float | None) -> float | None:
    return None if now is None or before is None else now - before


@dataclass(frozen=True)
class NumberTrend:
    """Class shares of both waves (``rows``, change in percentage points) and both summaries."""

    question: str
    previous_question: str
    rows: tuple[TrendRow, ...]
    current: NumberResult
    previous: NumberResult

    @property
    def current_base(self) -> int:
        return self.current.base

    @property
    def previous_base(self) -> int:
        return self.previous.base

    @property
    def median_change(self) -> float | None:
        return _difference(self.current.median, self.previous.median)

    @property
    def mean_change(self) -> float | None:
        return _difference(self.current.mean, self.previous.mean)


def previous_number_question(question: Question, previous: Questionnaire) -> Question | None:
    """The number question of ``previous`` that ``question`` continues, if there is one."""
    found = source_question(question, previous)
    if found is None or not found.type.is_number or not question.type.is_number:
        return None
    return found


def number_trend(
    current: NumberResult,
    question: Question,
    previous_frames: Frames,
    previous_questionnaire: Questionnaire,
    classes: NumberClasses | None = None,
) -> NumberTrend | None:
    """The change of ``current`` since the previous wave, or None if that wave lacks the question.

    ``classes`` defaults to the classes of the question's topic (FTE); without classes only the
    median and mean are compared.
    """
    before = previous_number_question(question, previous_questionnaire)
    if before is None:
        return None
    if classes is None:
        classes = CLASSES_BY_TOPIC.get(question.topic or "")
    previous = number_result(QuestionIndex(previous_frames), before, classes)
    rows: tuple[TrendRow, ...] = ()
    if classes is not None and current.classes:
        earlier = {c.code: c for c in previous.classes}
        rows = tuple(
            TrendRow(count.category, count, earlier[count.code])
            for count in current.classes
            if count.code in earlier
        )
    return NumberTrend(
        question=question.code,
        previous_question=before.code,
        rows=rows,
        current=current,
        previous=previous,
    )
