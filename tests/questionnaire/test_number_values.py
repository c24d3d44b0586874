"""Numbers and texts are checked the same way for the web form and the imports (issue 11)."""

from __future__ import annotations

import pytest

from datalab_monitor.questionnaire import load_version
from datalab_monitor.questionnaire.validation import (
    AnswerError,
    NumberFormat,
    check_text,
    parse_decimal,
    parse_integer,
)

Q = load_version("2026")


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("1,5", 1.5),
        ("1.5", 1.5),
        ("0,500", 0.5),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("1.000.000", 1_000_000),
        ("1,000,000", 1_000_000),
        ("1 000", 1000),
        ("-2", -2),
    ],
)
def test_clear_numbers_in_either_convention(text, number):
    assert parse_decimal(text) == number


@pytest.mark.parametrize(
    "text", ["1e400", "NaN", "nan", "inf", "-Infinity", "1.000", "1,000", "12.500", "１２", "1..0"]
)
def test_overflow_nan_infinity_and_ambiguous_numbers_are_refused(text):
    with pytest.raises(AnswerError):
        parse_decimal(text)


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 10**400, 1e300])
def test_non_finite_or_absurd_number_values_are_refused(value):
    with pytest.raises(AnswerError):
        parse_decimal(value)


def test_a_declared_convention_decides_the_ambiguous_cases():
    dutch, english = NumberFormat(",", "."), NumberFormat(".", ",")
    assert parse_integer("1.000", dutch) == 1000
    assert parse_decimal("1,000", dutch) == 1.0
    assert parse_integer("1,000", english) == 1000
    assert parse_decimal("1.000", english) == 1.0
    with pytest.raises(AnswerError):
        parse_decimal("1.5", dutch)  # a point is no decimal separator here


@pytest.mark.parametrize("text", ["a\x00b", "a\x07b", "a\x1bb", "a\ud800b", "a\x85b"])
def test_control_characters_are_refused(text):
    with pytest.raises(AnswerError, match="control character"):
        check_text(text, multiline=True)


def test_tab_and_newline_only_in_long_text():
    assert check_text("a\n\tb", multiline=True) == "a\n\tb"
    with pytest.raises(AnswerError):
        check_text("a\nb", multiline=False)


def test_texts_are_never_cut_but_refused_over_their_limit():
    cleaned, errors = Q.validate(
        {"partners": ["other"], "partners.other": "x" * 501, "tips": "y" * 4001}, partial=True
    )
    assert errors == {
        "partners": "Use at most 500 characters.",
        "tips": "Use at most 4000 characters.",
    }
    cleaned, errors = Q.validate({"partners": ["other"], "partners.other": "x" * 500}, partial=True)
    assert not errors and cleaned["partners.other"] == "x" * 500


def test_integer_answers_reject_thousands_ambiguity_in_validation():
    _cleaned, errors = Q.validate({"projects": "1.000"}, partial=True)
    assert "ambiguous" in errors["projects"]
