"""The questionnaire definitions and answer validation (plain Python, no database)."""

from __future__ import annotations

import pytest

from datalab_monitor.questionnaire import (
    QuestionnaireError,
    QuestionType,
    available_versions,
    load_file,
    load_version,
)
from datalab_monitor.questionnaire.validation import AnswerError, parse_decimal


@pytest.fixture(scope="module")
def q2019():
    return load_version("2019")


def test_every_version_loads():
    assert "2019" in available_versions()
    for version in available_versions():
        assert load_version(version).version == version


def test_2019_covers_what_the_publication_reports(q2019):
    topics = q2019.questions_by_topic()
    for topic in ("partners", "analysis_types", "domains", "improvements", "fte"):
        assert topic in topics
    assert q2019.question("analysis_types").option_codes == [
        "descriptive",
        "diagnostic",
        "predictive",
        "prescriptive",
    ]
    assert {t.type for t in q2019.questions} == set(QuestionType)
    for question in q2019.questions:
        assert question.label.nl and question.label.en, question.code
        for option in question.options:
            assert option.label.nl and option.label.en, (question.code, option.code)


@pytest.mark.parametrize(
    "text, number",
    [("0,5", 0.5), ("1.5", 1.5), (" 2 ", 2.0), ("1.234,5", 1234.5), ("1,234.5", 1234.5), (3, 3.0)],
)
def test_decimals_are_read_the_dutch_and_the_english_way(text, number):
    assert parse_decimal(text) == number


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "nan", "inf", True])
def test_non_numbers_are_refused(text):
    with pytest.raises(AnswerError):
        parse_decimal(text)


def test_validation_cleans_answers_and_keeps_other_text(q2019):
    cleaned, errors = q2019.validate(
        {"partners": ["other", "cbs"], "partners.other": " Politie ", "fte_own": "0,5"},
        partial=True,
    )
    assert errors == {}
    assert cleaned == {"partners": ["cbs", "other"], "partners.other": "Politie", "fte_own": 0.5}


def test_validation_reports_every_problem_per_question(q2019):
    _, errors = q2019.validate(
        {"partners": ["cbs", "none"], "fte_own": "-1", "start_year": "1890", "domains": ["moon"]}
    )
    assert errors["partners"] == "'None' cannot be combined with other options."
    assert errors["fte_own"] == "Enter a number of at least 0."
    assert errors["start_year"] == "Enter a number of at least 2000."
    assert errors["domains"] == "'moon' is not one of the options."
    assert errors["improvements"] == "This question is required."


def test_partial_save_skips_required_but_not_format(q2019):
    cleaned, errors = q2019.validate({"projects": "1,5"}, partial=True)
    assert errors == {"projects": "Enter a whole number."}


def test_answers_to_hidden_questions_are_dropped(q2019):
    cleaned, _ = q2019.validate({"method_known": "yes"}, partial=True)
    assert "method_known" not in cleaned
    cleaned, _ = q2019.validate({"working_method": "agile", "method_known": "yes"}, partial=True)
    assert cleaned["method_known"] == "yes"


def test_unknown_answer_keys_are_errors(q2019):
    _, errors = q2019.validate({"favourite_colour": "blue"}, partial=True)
    assert errors == {"favourite_colour": "Unknown question 'favourite_colour'."}


@pytest.mark.parametrize(
    "content, message",
    [
        ("version: '9'\npages: [", r"line \d+, column \d+: not valid YAML"),
        ("pages: []", "'version' is missing"),
        ("version: '9'\ntitle: T\npages: []", "has no pages"),
        (
            "version: '9'\ntitle: T\npages:\n- code: p\n  title: P\n  questions:\n"
            "  - {code: a, type: colour, label: A}\n",
            r"page 1 \(p\), question 1 \(a\): 'type' must be one of",
        ),
        (
            "version: '9'\ntitle: T\npages:\n- code: p\n  title: P\n  questions:\n"
            "  - {code: a, type: single, label: A, options: [{code: x, label: X}]}\n",
            "needs at least two options",
        ),
        (
            "version: '9'\ntitle: T\npages:\n- code: p\n  title: P\n  questions:\n"
            "  - {code: b, type: text, label: B, show_if: {question: a, any_of: [x]}}\n"
            "  - {code: a, type: single, label: A, options: [{code: x, label: X}, {code: y, label: Y}]}\n",
            "question b: 'show_if': must refer to an earlier question",
        ),
    ],
)
def test_bad_definitions_say_what_and_where(tmp_path, content, message):
    path = tmp_path / "9.yaml"
    path.write_text(content)
    with pytest.raises(QuestionnaireError, match=message):
        load_file(path)
