"""Validate and clean answers against a questionnaire (used by the web form and the imports).

Error messages are English msgids (``gettext_noop`` style); the UI translates them.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from .schema import Question, QuestionType, other_key

if TYPE_CHECKING:
    from .schema import Questionnaire

_NUMBER_SPACES = re.compile(r"[\s\u00a0\u202f]")


class AnswerError(ValueError):
    """An answer does not fit its question; the message says why."""


def parse_decimal(value: Any) -> float:
    """Parse a number written the Dutch or the English way: '1,5', '1.5', '1.234,5', ' 2 '."""
    if isinstance(value, bool):
        raise AnswerError("Enter a number.")
    if isinstance(value, int | float):
        return float(value)
    text = _NUMBER_SPACES.sub("", str(value))
    if not text:
        raise AnswerError("Enter a number.")
    if "," in text and "." in text:
        # The last separator is the decimal one: 1.234,5 (Dutch) or 1,234.5 (English).
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    elif "," in text:
        if text.count(",") > 1:
            raise AnswerError("Enter a number.")
        text = text.replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise AnswerError("Enter a number.") from exc
    if not number.is_finite():
        raise AnswerError("Enter a number.")
    return float(number)


def parse_integer(value: Any) -> int:
    number = parse_decimal(value)
    if number != int(number):
        raise AnswerError("Enter a whole number.")
    return int(number)


def _check_range(question: Question, number: float) -> None:
    if question.minimum is not None and number < question.minimum:
        raise AnswerError(f"Enter a number of at least {_fmt(question.minimum)}.")
    if question.maximum is not None and number > question.maximum:
        raise AnswerError(f"Enter a number of at most {_fmt(question.maximum)}.")


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def is_empty(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, str | list | tuple | set) and len(value) == 0)
        or (isinstance(value, str) and not value.strip())
    )


def clean_answer(question: Question, value: Any) -> Any:
    """Return the cleaned value of one answer, or raise AnswerError."""
    kind = question.type
    if kind in (QuestionType.SINGLE, QuestionType.SCALE):
        code = str(value).strip()
        if question.option(code) is None:
            raise AnswerError(f"'{code}' is not one of the options.")
        return int(code) if kind is QuestionType.SCALE else code
    if kind is QuestionType.MULTIPLE:
        codes = [value] if isinstance(value, str) else list(value)
        codes = [str(code).strip() for code in codes if str(code).strip()]
        unknown = [code for code in codes if question.option(code) is None]
        if unknown:
            raise AnswerError(f"'{unknown[0]}' is not one of the options.")
        codes = [code for code in question.option_codes if code in codes]  # definition order
        exclusive = [code for code in codes if question.option(code).exclusive]
        if exclusive and len(codes) > 1:
            label = question.option(exclusive[0]).label.en or exclusive[0]
            raise AnswerError(f"'{label}' cannot be combined with other options.")
        return codes
    if kind in (QuestionType.INTEGER, QuestionType.YEAR):
        number = parse_integer(value)
        _check_range(question, number)
        return number
    if kind is QuestionType.DECIMAL:
        number = parse_decimal(value)
        _check_range(question, number)
        return number
    text = str(value).strip()
    if question.max_length and len(text) > question.max_length:
        raise AnswerError(f"Use at most {question.max_length} characters.")
    return text


def validate_answers(
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    *,
    partial: bool = False,
    page: str | None = None,
) -> tuple[dict[str, Any], dict[str, str]]:
    questions = questionnaire.page(page).questions if page else questionnaire.questions
    known = {q.code for q in questionnaire.questions}
    known |= {other_key(q.code) for q in questionnaire.questions if q.other_option}
    errors: dict[str, str] = {}
    for key in answers:
        if key not in known:
            errors[key] = f"Unknown question '{key}'."
    cleaned: dict[str, Any] = {}
    for question in questions:
        value = answers.get(question.code)
        if is_empty(value):
            continue
        try:
            cleaned[question.code] = clean_answer(question, value)
        except AnswerError as exc:
            errors[question.code] = str(exc)
    # Conditions are judged on the cleaned answers (and, on one page, on earlier pages' answers).
    context = {**answers, **cleaned}
    for question in questions:
        if not question.is_shown(context):
            cleaned.pop(question.code, None)
            errors.pop(question.code, None)
            continue
        other = question.other_option
        if other is not None:
            chosen = cleaned.get(question.code)
            chosen = chosen if isinstance(chosen, list) else [chosen]
            text = str(answers.get(other_key(question.code)) or "").strip()
            if other.code in chosen and text:
                cleaned[other_key(question.code)] = text[:500]
        if not partial and question.required and question.code not in cleaned:
            errors.setdefault(question.code, "This question is required.")
    return cleaned, errors
