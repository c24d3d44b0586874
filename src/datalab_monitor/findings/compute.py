"""Compute results from frames: vectorised with numpy (no per-respondent Python code)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from datalab_monitor.questionnaire.schema import Question, Questionnaire, QuestionType, Text

from .classes import CLASSES_BY_TOPIC, NumberClasses
from .frames import Frames, FramesError
from .results import (
    Category,
    ChoiceResult,
    Count,
    Coverage,
    CrossTab,
    Findings,
    NumberResult,
    OtherText,
)

Rows = slice | np.ndarray


def _group_rows(codes: np.ndarray, names: list[str]) -> dict[str, Rows]:
    if len(codes) == 0:
        return {name: slice(0, 0) for name in names}
    starts = np.concatenate([[0], np.flatnonzero(codes[1:] != codes[:-1]) + 1])
    run_codes = codes[starts]
    if len(np.unique(run_codes)) == len(run_codes):  # every question in one contiguous run
        ends = np.append(starts[1:], len(codes))
        found = {
            names[int(c)]: slice(int(a), int(b))
            for c, a, b in zip(run_codes, starts, ends, strict=True)
            if c >= 0
        }
        return {name: found.get(name, slice(0, 0)) for name in names}
    order = np.argsort(codes, kind="stable")
    ends = np.cumsum(np.bincount(codes.astype(np.int64) + 1, minlength=len(names) + 1))
    return {name: order[ends[code] : ends[code + 1]] for code, name in enumerate(names)}


def _as_array(rows: Rows, total: int) -> np.ndarray:
    return np.arange(total)[rows] if isinstance(rows, slice) else rows


def _size(rows: Rows) -> int:
    return rows.stop - rows.start if isinstance(rows, slice) else len(rows)


class QuestionIndex:
    """Row positions of each question's answers, found once per frames."""

    def __init__(self, frames: Frames):
        self.frames = frames
        answers = frames.answers
        self.question_codes = answers["question"].cat.codes.to_numpy()
        self.questions = list(answers["question"].cat.categories)
        self.option_codes = answers["option"].cat.codes.to_numpy()
        self.options = pd.Index(answers["option"].cat.categories)
        self.values = answers["value"].to_numpy(dtype=float)
        self.positions = frames.positions
        self.n_respondents = len(frames.respondents)
        self._rows: dict[str, Rows] = {}
        self.groups: dict[str, tuple[np.ndarray, tuple[Category, ...]]] = {}  # by -> codes

    def rows(self, question: str) -> Rows:
        """The answer rows of ``question``: a slice when they are contiguous (as built by
        :func:`answers_to_frames`), else their positions (one stable sort for all questions)."""
        if not self._rows:
            self._rows = _group_rows(self.question_codes, self.questions)
        return self._rows.get(question, slice(0, 0))

    def answered(self, question: str) -> np.ndarray:
        """Boolean per respondent: answered ``question``."""
        mask = np.zeros(self.n_respondents, dtype=bool)
        mask[self.positions[self.rows(question)]] = True
        return mask

    def local_options(self, question: Question, rows: Rows) -> np.ndarray:
        """The index of each row's option within ``question.option_codes`` (-1: not an option)."""
        lookup = self.options.get_indexer(question.option_codes)
        table = np.full(len(self.options) + 1, -1, dtype=np.int64)
        for local, global_code in enumerate(lookup):
            if global_code >= 0:
                table[global_code] = local
        return table[self.option_codes[rows]]  # code -1 (NA) picks the last slot: -1

    def chose(self, question: str, option_codes: Iterable[str]) -> np.ndarray:
        """Boolean per respondent: ticked any of ``option_codes`` for ``question``."""
        rows = self.rows(question)
        wanted = self.options.get_indexer(list(option_codes))
        hit = np.isin(self.option_codes[rows], wanted[wanted >= 0])
        mask = np.zeros(self.n_respondents, dtype=bool)
        mask[self.positions[rows][hit]] = True
        return mask


def _coverage(index: QuestionIndex, question: Question, answered: np.ndarray) -> Coverage:
    total = index.n_respondents
    if question.show_if is None:
        asked = total
    else:
        asked = int(index.chose(question.show_if.question, question.show_if.any_of).sum())
    n = int(answered.sum())
    return Coverage(respondents=total, answered=n, missing=asked - n, not_asked=total - asked)


def _check_one_answer(index: QuestionIndex, question: Question, rows: Rows, n: int) -> None:
    if _size(rows) != n:
        counts = np.bincount(index.positions[rows], minlength=index.n_respondents)
        respondent = index.frames.respondents["respondent"].tolist()[int(np.argmax(counts))]
        raise FramesError(
            f"respondent {respondent!r}, question {question.code}: more than one answer "
            f"to a {question.type.value} question"
        )


def _shown_rows(index: QuestionIndex, question: Question) -> tuple[Rows, np.ndarray]:
    """The answer rows and the per-respondent "answered" mask, without respondents to whom
    the question was not shown (its condition did not hold)."""
    rows = index.rows(question.code)
    answered = index.answered(question.code)
    if question.show_if is not None:
        shown = index.chose(question.show_if.question, question.show_if.any_of)
        rows = _as_array(rows, len(index.question_codes))[shown[index.positions[rows]]]
        answered &= shown
    return rows, answered


def choice_result(index: QuestionIndex, question: Question) -> ChoiceResult:
    rows, answered = _shown_rows(index, question)
    local = index.local_options(question, rows)
    if (local < 0).any():
        bad = _as_array(rows, len(index.question_codes))[local < 0][0]
        raise FramesError(
            f"answers, row {bad + 1}, question {question.code}: option "
            f"{index.frames.answers['option'].iloc[bad]!r} is not one of {question.option_codes}"
        )
    multiple = question.type is QuestionType.MULTIPLE
    if not multiple:
        _check_one_answer(index, question, rows, int(answered.sum()))
    counts = np.bincount(local, minlength=len(question.options))
    coverage = _coverage(index, question, answered)
    return ChoiceResult(
        question=question.code,
        label=question.label,
        multiple=multiple,
        coverage=coverage,
        counts=tuple(
            Count(Category(o.code, o.label), int(c), coverage.answered)
            for o, c in zip(question.options, counts, strict=True)
        ),
    )


def number_result(
    index: QuestionIndex, question: Question, classes: NumberClasses | None = None
) -> NumberResult:
    rows, answered = _shown_rows(index, question)
    _check_one_answer(index, question, rows, int(answered.sum()))
    values = index.values[rows]
    coverage = _coverage(index, question, answered)
    stats: dict[str, float | None] = dict.fromkeys(
        ("mean", "median", "q1", "q3", "minimum", "maximum")
    )
    if len(values):
        q1, median, q3 = np.quantile(values, [0.25, 0.5, 0.75])
        stats = {
            "mean": float(values.mean()),
            "median": float(median),
            "q1": float(q1),
            "q3": float(q3),
            "minimum": float(values.min()),
            "maximum": float(values.max()),
        }
    class_counts: tuple[Count, ...] = ()
    if classes is not None:
        counts = np.bincount(classes.classify(values), minlength=len(classes.categories))
        class_counts = tuple(
            Count(category, int(c), len(values))
            for category, c in zip(classes.categories, counts, strict=True)
        )
    return NumberResult(
        question=question.code,
        label=question.label,
        coverage=coverage,
        classes=class_counts,
        class_rule=classes.rule if classes else None,
        **stats,
    )


def group_codes(
    index: QuestionIndex,
    by: str,
    questionnaire: Questionnaire,
    groups: Sequence[Category] | None = None,
) -> tuple[np.ndarray, tuple[Category, ...]]:
    """Per respondent the index of its group (-1: none), and the groups in order.

    ``by`` is a column of the respondents table (e.g. ``category``) or a single-choice question.
    """
    respondents = index.frames.respondents
    if by in respondents.columns:
        values = respondents[by]
        if groups is None:
            found = sorted(str(v) for v in values.dropna().unique())
            groups = [Category(code, Text(code)) for code in found]
        lookup = pd.Index([g.code for g in groups])
        return lookup.get_indexer(values.astype(object).where(values.notna(), None)), tuple(groups)
    try:
        question = questionnaire.question(by)
    except KeyError:
        raise FramesError(
            f"cannot break down by {by!r}: not a respondents column nor a question"
        ) from None
    if question.type not in (QuestionType.SINGLE, QuestionType.SCALE):
        raise FramesError(f"cannot break down by {by!r}: not a single-choice question")
    rows = index.rows(by)
    codes = np.full(index.n_respondents, -1, dtype=np.int64)
    codes[index.positions[rows]] = index.local_options(question, rows)
    return codes, tuple(Category(o.code, o.label) for o in question.options)


def crosstab(
    index: QuestionIndex,
    question: Question,
    by: str,
    questionnaire: Questionnaire,
    *,
    groups: Sequence[Category] | None = None,
    classes: NumberClasses | None = None,
) -> CrossTab:
    """Counts of ``question``'s options (or number classes) per group of ``by``."""
    if by not in index.groups:
        index.groups[by] = group_codes(index, by, questionnaire, groups)
    group_of, columns = index.groups[by]
    rows, answered = _shown_rows(index, question)
    if question.type.is_number:
        if classes is None:
            raise FramesError(f"question {question.code}: a breakdown of numbers needs classes")
        row_categories = classes.categories
        row_of = classes.classify(index.values[rows])
    else:
        row_categories = tuple(Category(o.code, o.label) for o in question.options)
        row_of = index.local_options(question, rows)
    n_rows, n_cols = len(row_categories), len(columns)
    col_of = group_of[index.positions[rows]]
    keep = (col_of >= 0) & (row_of >= 0)
    flat = np.bincount(row_of[keep] * n_cols + col_of[keep], minlength=n_rows * n_cols)
    matrix = flat.reshape(n_rows, n_cols)
    answered_groups = group_of[answered]
    bases = np.bincount(answered_groups[answered_groups >= 0], minlength=n_cols)
    return CrossTab(
        question=question.code,
        by=by,
        rows=tuple(row_categories),
        columns=tuple(columns),
        counts=tuple(tuple(int(v) for v in row) for row in matrix),
        column_bases=tuple(int(b) for b in bases),
        multiple=question.type is QuestionType.MULTIPLE,
        unclassified=int((answered_groups < 0).sum()),
    )


def other_texts(frames: Frames, question: str) -> list[OtherText]:
    """The "other, namely ..." texts of ``question`` (for researchers only)."""
    texts = frames.texts
    key = f"{question}.other"
    chosen = texts[texts["question"] == key]
    return [
        OtherText(respondent=r, question=question, text=t)
        for r, t in zip(chosen["respondent"], chosen["text"], strict=True)
    ]


def classes_for(question: Question) -> NumberClasses | None:
    return CLASSES_BY_TOPIC.get(question.topic or "")


def compute_findings(
    frames: Frames,
    questionnaire: Questionnaire,
    *,
    questions: Iterable[str] | None = None,
    by: str | None = "category",
    groups: Sequence[Category] | None = None,
) -> Findings:
    """Results for every option and number question (or only ``questions``).

    With ``by``, also a breakdown of each by that respondents column or single-choice question
    (numbers only when their topic has classes, such as FTE).
    """
    index = QuestionIndex(frames)
    wanted = set(questions) if questions is not None else None
    findings = Findings(questionnaire.version, frames.n_respondents)
    can_break_down = by is not None and (
        by in frames.respondents.columns or by in {q.code for q in questionnaire.questions}
    )
    for question in questionnaire.questions:
        if wanted is not None and question.code not in wanted:
            continue
        classes = classes_for(question)
        if question.type.has_options:
            findings.choices[question.code] = choice_result(index, question)
        elif question.type.is_number:
            findings.numbers[question.code] = number_result(index, question, classes)
        else:
            continue
        if can_break_down and question.code != by and (question.type.has_options or classes):
            findings.crosstabs[question.code] = crosstab(
                index, question, by, questionnaire, groups=groups, classes=classes
            )
    return findings


def result_for(
    frames: Frames, questionnaire: Questionnaire, question: str
) -> ChoiceResult | NumberResult:
    """One question's result (convenience for notebooks)."""
    found = compute_findings(frames, questionnaire, questions=[question], by=None)
    return found.result(question)


def group_labels(labels: Mapping[str, Text]) -> list[Category]:
    """Breakdown groups from ``{code: Text}`` in the given order."""
    return [Category(code, label) for code, label in labels.items()]
