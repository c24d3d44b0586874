"""Responses as tidy DataFrames: the engine's input.

``answers``: one row per answer — ``respondent``, ``question``, ``option`` (the option code of a
single or multiple choice, else NA) and ``value`` (the number of an integer/decimal/year
question, else NA). A multiple-choice answer is one row per ticked option.

``respondents``: one row per respondent — ``respondent`` plus attributes for breakdowns, such
as ``category``.

``texts``: the free texts (``question``, ``respondent``, ``text``): "other, namely ..." texts
under ``"<question>.other"`` and open questions. Only researchers see them.

Build the frames from stored answers with :func:`answers_to_frames`, or from an export with
:func:`frames_from_tables`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from datalab_monitor.questionnaire.schema import (
    OTHER_SUFFIX,
    Questionnaire,
    QuestionType,
    other_key,
)

ANSWER_COLUMNS = ["respondent", "question", "option", "value"]
TEXT_COLUMNS = ["respondent", "question", "text"]


class FramesError(ValueError):
    """The input does not fit the questionnaire; the message says which respondent and question."""


def _id(value: Any) -> Any:
    """A respondent id as plain Python (numpy scalars print as np.int64(7))."""
    return value.item() if isinstance(value, np.generic) else value


@dataclass(frozen=True)
class Frames:
    answers: pd.DataFrame
    respondents: pd.DataFrame
    texts: pd.DataFrame
    positions: np.ndarray  # for each answer row, the row number of its respondent

    @property
    def n_respondents(self) -> int:
        return len(self.respondents)


def empty_frames(attributes: Iterable[str] = ("category",)) -> Frames:
    return frames_from_tables(
        pd.DataFrame(columns=ANSWER_COLUMNS),
        pd.DataFrame(columns=["respondent", *attributes]),
    )


def answers_to_frames(
    records: Iterable[tuple[Any, Mapping[str, Any], Mapping[str, Any]]],
    questionnaire: Questionnaire,
) -> Frames:
    """Convert ``(respondent_id, attributes, answers)`` records into frames.

    Answers use the format of :mod:`datalab_monitor.questionnaire.schema`. The conversion works
    per question on whole columns (no per-answer Python code), so it also serves big inputs.
    """
    records = list(records)
    ids = [record[0] for record in records]
    respondents = pd.DataFrame([dict(record[1]) for record in records])
    respondents.insert(0, "respondent", ids)
    if respondents["respondent"].duplicated().any():
        duplicate = respondents.loc[respondents["respondent"].duplicated(), "respondent"].iloc[0]
        raise FramesError(f"respondent {duplicate!r} occurs more than once")
    wide = pd.DataFrame.from_records([dict(record[2]) for record in records], index=ids)
    answers, texts = wide_to_long(wide, questionnaire)
    return frames_from_tables(answers, respondents, texts)


def wide_to_long(
    wide: pd.DataFrame, questionnaire: Questionnaire
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A wide table (index = respondent, one column per question) as long answers and texts.

    Multiple-choice cells hold lists of option codes (or ``"a;b"`` strings, as in a CSV export).
    """
    known = {q.code for q in questionnaire.questions}
    unknown = [
        column
        for column in wide.columns
        if column not in known
        and not (column.endswith(OTHER_SUFFIX) and column[: -len(OTHER_SUFFIX)] in known)
    ]
    if unknown:
        raise FramesError(
            f"column {unknown[0]!r} is not a question of questionnaire {questionnaire.version}"
        )
    parts: list[pd.DataFrame] = []
    text_parts: list[pd.DataFrame] = []
    for question in questionnaire.questions:
        if question.code in wide.columns:
            column = wide[question.code]
            column = column[column.notna()]
            if question.type is QuestionType.MULTIPLE:
                column = column.map(lambda v: v.split(";") if isinstance(v, str) else v).explode()
                column = column[column.notna() & (column.astype(str) != "")]
            if question.type.has_options:
                parts.append(_option_rows(question, column))
            elif question.type.is_number:
                parts.append(_number_rows(question, column))
            else:
                text_parts.append(_text_rows(question.code, column))
        key = other_key(question.code)
        if key in wide.columns:
            text_parts.append(_text_rows(key, wide[key][wide[key].notna()]))
    answers = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=ANSWER_COLUMNS)
    texts = (
        pd.concat(text_parts, ignore_index=True)
        if text_parts
        else pd.DataFrame(columns=TEXT_COLUMNS)
    )
    return answers, texts


def _option_rows(question, column: pd.Series) -> pd.DataFrame:
    codes = column.map(lambda v: str(int(v)) if isinstance(v, int | float) else str(v))
    bad = ~codes.isin(question.option_codes)
    if bad.any():
        raise FramesError(
            f"respondent {_id(codes.index[bad][0])!r}, question {question.code}: "
            f"{codes[bad].iloc[0]!r} is not one of its options {question.option_codes}"
        )
    return pd.DataFrame(
        {
            "respondent": codes.index.to_numpy(),
            "question": question.code,
            "option": codes.to_numpy(dtype=object),
            "value": np.nan,
        }
    )


def _number_rows(question, column: pd.Series) -> pd.DataFrame:
    text = column.astype(str).str.strip().str.replace(",", ".", regex=False)
    numbers = pd.to_numeric(text, errors="coerce")
    bad = numbers.isna()
    if bad.any():
        raise FramesError(
            f"respondent {_id(column.index[bad][0])!r}, question {question.code}: "
            f"{column[bad].iloc[0]!r} is not a number"
        )
    if question.minimum is not None and (numbers < question.minimum).any():
        where = numbers.index[numbers < question.minimum][0]
        raise FramesError(
            f"respondent {_id(where)!r}, question {question.code}: below the minimum {question.minimum}"
        )
    return pd.DataFrame(
        {
            "respondent": numbers.index.to_numpy(),
            "question": question.code,
            "option": None,
            "value": numbers.to_numpy(dtype=float),
        }
    )


def _text_rows(code: str, column: pd.Series) -> pd.DataFrame:
    text = column.astype(str).str.strip()
    text = text[text != ""]
    return pd.DataFrame(
        {"respondent": text.index.to_numpy(), "question": code, "text": text.to_numpy()}
    )


def frames_from_tables(
    answers: pd.DataFrame,
    respondents: pd.DataFrame,
    texts: pd.DataFrame | None = None,
) -> Frames:
    """Check and normalise ready-made tables (e.g. read from CSV in a notebook)."""
    missing = [c for c in ANSWER_COLUMNS if c not in answers.columns]
    if missing:
        raise FramesError(f"answers: column {missing[0]!r} is missing (need {ANSWER_COLUMNS})")
    if "respondent" not in respondents.columns:
        raise FramesError("respondents: column 'respondent' is missing")
    respondents = respondents.reset_index(drop=True)
    if respondents["respondent"].duplicated().any():
        duplicate = respondents.loc[respondents["respondent"].duplicated(), "respondent"].iloc[0]
        raise FramesError(f"respondents: respondent {_id(duplicate)!r} occurs more than once")
    if list(answers.columns) != ANSWER_COLUMNS or not isinstance(answers.index, pd.RangeIndex):
        answers = answers[ANSWER_COLUMNS].reset_index(drop=True)
    positions = _positions(respondents["respondent"], answers["respondent"])
    unknown = positions < 0
    if unknown.any():
        row = int(np.flatnonzero(unknown)[0])
        raise FramesError(
            f"answers, row {row + 1}: respondent {_id(answers['respondent'].iloc[row])!r} "
            "is not in the respondents table"
        )
    value = answers["value"]
    if not pd.api.types.is_float_dtype(value):
        value = pd.to_numeric(value, errors="raise").astype(float)
    answers = answers.assign(
        question=_categorical(answers["question"]),
        option=_categorical(answers["option"]),
        value=value,
    )
    if texts is None:
        texts = pd.DataFrame(columns=TEXT_COLUMNS)
    return Frames(
        answers=answers,
        respondents=respondents,
        texts=texts.reset_index(drop=True),
        positions=positions.astype(np.int64),
    )


def _positions(ids: pd.Series, answer_ids: pd.Series) -> np.ndarray:
    """For each answer, the row number of its respondent (-1: unknown)."""
    id_values = ids.to_numpy()
    if (
        np.issubdtype(id_values.dtype, np.integer)
        and np.issubdtype(answer_ids.dtype, np.integer)
        and len(id_values)
        and np.array_equal(id_values, np.arange(len(id_values)))
    ):  # ids are already row numbers (the usual case for big generated inputs)
        positions = answer_ids.to_numpy().astype(np.int64, copy=False)
        return np.where((positions >= 0) & (positions < len(id_values)), positions, -1)
    return pd.Index(ids).get_indexer(answer_ids)


def _categorical(column: pd.Series) -> pd.Series:
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column
    return column.astype(object).where(column.notna(), None).astype("category")
