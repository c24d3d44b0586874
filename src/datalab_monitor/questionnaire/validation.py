"""Validate and clean answers against a questionnaire (used by the web form and the imports).

Error messages are English msgids (``gettext_noop`` style); the UI translates them.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from .schema import Question, QuestionType, other_key

if TYPE_CHECKING:
    from .schema import Questionnaire

_NUMBER_SPACES = re.compile(r"[\s\u00a0\u202f]")
_NUMBER_CHARS = re.compile(r"[0-9+\-.,eE]{1,40}")
# One separator followed by exactly three digits: "1.000" is a thousand or one.
_AMBIGUOUS = re.compile(r"[+-]?[1-9]\d{0,2}[.,]\d{3}")
_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(?:S\d{3})+(?:D\d+)?")
MAX_MAGNITUDE = 10**12  # no answer in an inventory is larger; bigger numbers are typos
OTHER_TEXT_LENGTH = 500  # the "other, namely" text
TEXT_LENGTH = 500  # a short text without its own max_length
LONG_TEXT_LENGTH = 10_000  # a long text without its own max_length


class AnswerError(ValueError):
    """An answer does not fit its question; the message says why."""


@dataclass(frozen=True)
class NumberFormat:
    """How numbers are written: the decimal separator and an optional thousands separator.

    The default (``decimal=None``) accepts both conventions and refuses what is ambiguous:
    "1.000" or "1,000" may be a thousand or one. A declared convention decides those.
    """

    decimal: str | None = None
    thousands: str | None = None


ANY_FORMAT = NumberFormat()


def _number_text(text: str, number_format: NumberFormat) -> str:
    """``text`` as a plain number with a decimal point, or raise AnswerError."""
    decimal, thousands = number_format.decimal, number_format.thousands
    if decimal is not None:
        if thousands and thousands in text:
            pattern = _GROUPED.pattern.replace("S", re.escape(thousands))
            if not re.fullmatch(pattern.replace("D", re.escape(decimal)), text):
                raise AnswerError("Enter a number; thousands are grouped by three (1.000.000).")
            text = text.replace(thousands, "")
        other = "." if decimal == "," else ","
        if other in text or text.count(decimal) > 1:
            raise AnswerError("Enter a number.")
        return text.replace(decimal, ".")
    if "," in text and "." in text:
        # The last separator is the decimal one: 1.234,5 (Dutch) or 1,234.5 (English).
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        return _number_text(text, NumberFormat(decimal, "." if decimal == "," else ","))
    for separator in (",", "."):
        if text.count(separator) > 1:  # only a thousands separator can occur twice
            other = "." if separator == "," else ","
            return _number_text(text, NumberFormat(other, separator))
    if _AMBIGUOUS.fullmatch(text):
        raise AnswerError(
            f"'{text}' is ambiguous: it may be a thousand or a decimal number; write it "
            "without a thousands separator."
        )
    return text.replace(",", ".")


def parse_decimal(value: Any, number_format: NumberFormat = ANY_FORMAT) -> float:
    """Parse a number written the Dutch or the English way: '1,5', '1.5', '1.234,5', ' 2 '.

    Refused: NaN, infinity, numbers too large to be an answer, and "1.000"/"1,000" unless
    ``number_format`` says which separator is the decimal one.
    """
    if isinstance(value, bool):
        raise AnswerError("Enter a number.")
    if isinstance(value, int):
        number = float(value) if abs(value) <= MAX_MAGNITUDE else math.inf
    elif isinstance(value, float):
        number = value
    else:
        text = _NUMBER_SPACES.sub("", str(value))
        if not _NUMBER_CHARS.fullmatch(text):  # also refuses non-ASCII digits
            raise AnswerError("Enter a number.")
        try:
            parsed = Decimal(_number_text(text, number_format))
        except InvalidOperation as exc:
            raise AnswerError("Enter a number.") from exc
        if not parsed.is_finite():
            raise AnswerError("Enter a number.")
        number = float(parsed) if abs(parsed) <= MAX_MAGNITUDE else math.inf
    if math.isnan(number):
        raise AnswerError("Enter a number.")
    if math.isinf(number) or abs(number) > MAX_MAGNITUDE:
        raise AnswerError(f"Enter a number of at most {MAX_MAGNITUDE}.")
    return number


def parse_integer(value: Any, number_format: NumberFormat = ANY_FORMAT) -> int:
    number = parse_decimal(value, number_format)
    if number != int(number):
        raise AnswerError("Enter a whole number.")
    return int(number)


def check_text(text: str, *, multiline: bool) -> str:
    """Refuse control characters (NUL and the like; tab and newlines only in long text)."""
    allowed = "\t\n\r" if multiline else ""
    for position, char in enumerate(text, start=1):
        category = unicodedata.category(char)
        if (category == "Cc" and char not in allowed) or category == "Cs":
            raise AnswerError(
                f"Remove the control character U+{ord(char):04X} (character {position})."
            )
    return text


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


def text_limit(question: Question) -> int:
    """The explicit length limit of a text answer (the question's own, else a default)."""
    if question.max_length:
        return question.max_length
    return LONG_TEXT_LENGTH if question.type is QuestionType.LONG_TEXT else TEXT_LENGTH


def clean_answer(question: Question, value: Any, number_format: NumberFormat = ANY_FORMAT) -> Any:
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
        number = parse_integer(value, number_format)
        _check_range(question, number)
        return number
    if kind is QuestionType.DECIMAL:
        number = parse_decimal(value, number_format)
        _check_range(question, number)
        return number
    text = check_text(str(value).strip(), multiline=kind is QuestionType.LONG_TEXT)
    if len(text) > text_limit(question):
        raise AnswerError(f"Use at most {text_limit(question)} characters.")
    return text


def validate_answers(
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    *,
    partial: bool = False,
    page: str | None = None,
    number_format: NumberFormat = ANY_FORMAT,
) -> tuple[dict[str, Any], dict[str, str]]:
    """Clean ``answers``; return (cleaned, errors by question code); see Questionnaire.validate.

    An error in an "other, namely" text is reported under its question's code.
    """
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
            cleaned[question.code] = clean_answer(question, value, number_format)
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
                try:
                    check_text(text, multiline=False)
                    if len(text) > OTHER_TEXT_LENGTH:
                        raise AnswerError(f"Use at most {OTHER_TEXT_LENGTH} characters.")
                    cleaned[other_key(question.code)] = text
                except AnswerError as exc:
                    errors.setdefault(question.code, str(exc))
        if not partial and question.required and question.code not in cleaned:
            errors.setdefault(question.code, "This question is required.")
    return cleaned, errors
