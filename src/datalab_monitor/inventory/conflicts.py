"""Per-question merging of one form page into the stored answers (plain Python, no Django).

Two colleagues of a lab may fill in the form at the same time. A page therefore carries, per
question on it, a fingerprint of the answer it was loaded with (``base``). When the page is
saved, every question on it is judged on its own, comparing three answers: ``base`` (as
loaded), ``mine`` (as posted) and ``theirs`` (as stored now):

- ``theirs == base``: nobody else changed it since the page was loaded: ``mine`` is stored;
- ``mine == base``: this user left it alone: ``theirs`` stays (a colleague's change is kept);
- ``mine == theirs``: both made the same change: nothing to decide;
- otherwise the question was changed by someone else after the page was loaded **and** this user
  changed it too, to something else: a **conflict**. Nothing of the page is stored; the user sees
  both answers and chooses.

A question's answer includes its "other, please specify" text. Questions on other pages are never
touched by a page save, so saves of different pages or different questions never conflict.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from datalab_monitor.questionnaire.schema import Page, Question, other_key
from datalab_monitor.questionnaire.validation import AnswerError, clean_answer, is_empty

Answer = tuple[Any, Any]  # (value, "other" text); None for empty


def answer_of(question: Question, answers: dict[str, Any]) -> Answer:
    """The question's answer in ``answers`` (cleaned), normalised: empty is None."""
    value = answers.get(question.code)
    other = answers.get(other_key(question.code)) if question.other_option else None
    return (None if is_empty(value) else value, None if is_empty(other) else other)


def fingerprint(answer: Answer) -> str:
    """A short, stable digest of an answer (order of ticked options does not matter)."""
    value, other = answer
    if isinstance(value, list):
        value = sorted(str(item) for item in value)
    text = json.dumps([value, other], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def page_fingerprints(page: Page, answers: dict[str, Any]) -> dict[str, str]:
    """What a page carries: the fingerprint of every question's answer it was loaded with."""
    return {q.code: fingerprint(answer_of(q, answers)) for q in page.questions}


def clean_page(page: Page, posted: dict[str, Any]) -> tuple[dict[str, Answer], dict[str, str]]:
    """The posted answers of ``page`` cleaned per question, and the errors by question code."""
    answers: dict[str, Answer] = {}
    errors: dict[str, str] = {}
    for question in page.questions:
        raw = posted.get(question.code)
        value = None
        if not is_empty(raw):
            try:
                value = clean_answer(question, raw)
            except AnswerError as exc:
                errors[question.code] = str(exc)
                continue
        other = None
        if question.other_option is not None:
            chosen = value if isinstance(value, list) else [value]
            text = str(posted.get(other_key(question.code)) or "").strip()
            if question.other_option.code in chosen and text:
                other = text[:500]
        answers[question.code] = (None if is_empty(value) else value, other)
    return answers, errors


@dataclass(frozen=True)
class Conflict:
    """A question changed by someone else after the page was loaded, and by this user too."""

    question: Question
    theirs: Answer  # as stored now
    mine: Answer  # as posted

    @property
    def code(self) -> str:
        return self.question.code


def merge_page(
    page: Page,
    stored: dict[str, Any],
    base: dict[str, str | None],
    mine: dict[str, Answer],
) -> tuple[dict[str, Any], list[Conflict]]:
    """``stored`` with this page's answers merged in per question, and the conflicts.

    ``base`` holds the fingerprints the page was loaded with; None (unknown) counts as "loaded
    before any change": the user's answer is then stored only where it equals the stored one
    or nobody else holds one.
    """
    merged = dict(stored)
    conflicts: list[Conflict] = []
    for question in page.questions:
        if question.code not in mine:
            continue
        theirs = answer_of(question, stored)
        my_answer = mine[question.code]
        theirs_print, mine_print = fingerprint(theirs), fingerprint(my_answer)
        loaded = base.get(question.code)
        if loaded is None:
            loaded = theirs_print if theirs == (None, None) else None
        if mine_print == theirs_print or mine_print == loaded:
            continue  # same change, or left alone: the stored answer stays
        if loaded != theirs_print:
            conflicts.append(Conflict(question, theirs, my_answer))
            continue
        put_answer(merged, question, my_answer)
    return merged, conflicts


def put_answer(answers: dict[str, Any], question: Question, answer: Answer) -> None:
    value, other = answer
    for key, item in ((question.code, value), (other_key(question.code), other)):
        if item is None:
            answers.pop(key, None)
        else:
            answers[key] = item
