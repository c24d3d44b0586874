"""Turn one row of a tool's export into answers keyed by our question and option codes.

Conversion only translates values (labels, tool codes, Y/1 columns, joined choices); the
questionnaire's own validation then checks types, ranges, exclusive options and required answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_noop as _noop

from datalab_monitor.questionnaire import QuestionType
from datalab_monitor.questionnaire.schema import other_key

from .mapping import QuestionMapping, normalise

CHECKED = {"y", "yes", "j", "ja", "1", "true", "waar", "x", "selected", "checked"}
UNCHECKED = {"", "n", "no", "nee", "0", "false", "onwaar"}


@dataclass
class RowProblem:
    message: str
    params: dict[str, Any]
    column: str | None
    question: str


@dataclass
class ConvertedRow:
    answers: dict[str, Any] = field(default_factory=dict)
    problems: list[RowProblem] = field(default_factory=list)


def _label_pattern(label: str) -> re.Pattern[str]:
    """A known (normalised) label as it may be written: any case, any run of spaces."""
    return re.compile(r"\s+".join(re.escape(word) for word in label.split()), re.IGNORECASE)


def split_choices(text: str, separator: str, known: list[str]) -> list[str]:
    """Split joined choices, matching known labels first (labels may contain the separator).

    ``known`` are normalised labels/codes. Returned items are the original text of each choice;
    text between known labels (an "other" answer, which may contain the separator) is kept
    whole and verbatim.
    """
    if separator.strip() == "":
        return text.split()
    sep = separator.strip()
    patterns = [_label_pattern(k) for k in sorted({k for k in known if k}, key=len, reverse=True)]

    def known_at(position: int) -> int | None:
        """The end of a known label that starts at ``position`` and ends a choice."""
        for pattern in patterns:
            found = pattern.match(text, position)
            if found is None:
                continue
            rest = text[found.end() :].lstrip()
            if not rest or rest.startswith(sep):
                return found.end()
        return None

    def skip(position: int) -> int:
        while position < len(text) and (text[position].isspace() or text[position] == sep):
            position += 1
        return position

    items: list[str] = []
    position = skip(0)
    while position < len(text):
        end = known_at(position)
        if end is None:  # unknown text runs to the next separator before a known label
            end = text.find(sep, position)
            while end >= 0 and known_at(skip(end)) is None and skip(end) < len(text):
                end = text.find(sep, end + 1)
            end = len(text) if end < 0 else end
        items.append(text[position:end].strip())
        position = skip(end)
    return [item for item in items if item]


def convert_row(
    row: dict[str, str], mappings: tuple[QuestionMapping, ...], columns
) -> ConvertedRow:
    """``columns`` maps a mapped column name to the file's header name (absent: not in file)."""
    result = ConvertedRow()
    for mapping in mappings:
        _convert_question(row, mapping, columns, result)
    return result


def _cell(row: dict[str, str], columns: dict[str, str], name: str | None) -> str:
    if not name or name not in columns:
        return ""
    return row.get(columns[name], "").strip()


def _convert_question(row, mapping: QuestionMapping, columns, result: ConvertedRow) -> None:
    question = mapping.question
    code = question.code
    answers = result.answers

    def problem(message: str, column: str | None, **params: Any) -> None:
        result.problems.append(RowProblem(message, params, columns.get(column, column), code))

    if not question.type.has_options:
        value = _cell(row, columns, mapping.column)
        if value:
            answers[code] = value
        return

    lookup = mapping.lookup()
    other = question.other_option
    chosen: list[str] = []
    other_texts: list[str] = []

    def choose(value: str, column: str | None) -> None:
        found = lookup.get(normalise(value))
        if found is not None:
            chosen.append(found)
        elif mapping.unmatched_is_other and other is not None:
            chosen.append(other.code)
            other_texts.append(value)
        else:
            problem(
                _noop("Unknown option value '{value}'; expected one of: {codes}."),
                column,
                value=value,
                codes=", ".join(question.option_codes),
            )

    value = _cell(row, columns, mapping.column)
    if question.type is QuestionType.MULTIPLE:
        if value:
            for item in split_choices(value, mapping.separator, list(lookup)):
                choose(item, mapping.column)
        for column, option_code in mapping.option_columns.items():
            if column not in columns:
                continue
            cell = _cell(row, columns, column)
            key = normalise(cell)
            if key in UNCHECKED:
                continue
            if key in CHECKED or lookup.get(key) == option_code:
                chosen.append(option_code)
            else:
                problem(
                    _noop("Value '{value}' in a column for one option: expected Y, 1 or empty."),
                    column,
                    value=cell,
                )
    elif value:
        choose(value, mapping.column)

    other_text = _cell(row, columns, mapping.other_column)
    if other_text:
        other_texts.append(other_text)
    if other_texts and other is not None:
        if question.type is QuestionType.MULTIPLE or not chosen:
            chosen.append(other.code)
        answers[other_key(code)] = "; ".join(other_texts)
    if not chosen:
        return
    if question.type is QuestionType.MULTIPLE:
        answers[code] = list(dict.fromkeys(chosen))
    elif len(set(chosen)) > 1:
        problem(_noop("Only one option can be chosen here."), mapping.column)
    else:
        answers[code] = chosen[0]
