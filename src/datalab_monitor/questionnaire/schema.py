"""The questionnaire model: pages of questions with typed answers, options and conditions.

Answers are a dict keyed by question code. Values by type:

- ``single``: an option code (``str``); ``multiple``: a list of option codes;
- ``integer``, ``year``, ``scale``: ``int``; ``decimal``: ``float``;
- ``text``, ``long_text``: ``str``.

The free text of an "other, namely ..." option is kept under ``"<question>.other"``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class QuestionType(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    INTEGER = "integer"
    DECIMAL = "decimal"
    YEAR = "year"
    TEXT = "text"
    LONG_TEXT = "long_text"
    SCALE = "scale"

    @property
    def has_options(self) -> bool:
        return self in (QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.SCALE)

    @property
    def is_number(self) -> bool:
        return self in (QuestionType.INTEGER, QuestionType.DECIMAL, QuestionType.YEAR)


OTHER_SUFFIX = ".other"


def other_key(question_code: str) -> str:
    """The answers key that holds the text of a question's "other, namely ..." option."""
    return f"{question_code}{OTHER_SUFFIX}"


@dataclass(frozen=True)
class Text:
    """A text in Dutch and English."""

    nl: str
    en: str = ""

    def get(self, language: str = "nl") -> str:
        return (self.en if language == "en" else self.nl) or self.nl


@dataclass(frozen=True)
class Option:
    code: str
    label: Text
    other: bool = False  # "other, namely ...": the respondent's text is kept
    exclusive: bool = False  # "none": cannot be combined with other options


@dataclass(frozen=True)
class Condition:
    """Show a question only if ``question`` has one of ``any_of`` (single/multiple choice)."""

    question: str
    any_of: tuple[str, ...]

    def holds(self, answers: dict[str, Any]) -> bool:
        value = answers.get(self.question)
        if isinstance(value, list):
            return any(code in self.any_of for code in value)
        return value in self.any_of


@dataclass(frozen=True)
class Question:
    code: str
    type: QuestionType
    label: Text
    help: Text | None = None
    required: bool = False
    options: tuple[Option, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    max_length: int | None = None
    show_if: Condition | None = None
    # Version mapping: the code of this question in the previous version, and option codes of
    # this version mapped to the previous version's codes (only where they differ).
    previous_code: str | None = None
    previous_options: dict[str, tuple[str, ...]] = field(default_factory=dict)
    topic: str | None = None  # e.g. "partners": links a question to a finding of the report

    def option(self, code: str) -> Option | None:
        return next((option for option in self.options if option.code == code), None)

    @property
    def option_codes(self) -> list[str]:
        return [option.code for option in self.options]

    @property
    def other_option(self) -> Option | None:
        return next((option for option in self.options if option.other), None)

    def is_shown(self, answers: dict[str, Any]) -> bool:
        return self.show_if is None or self.show_if.holds(answers)


@dataclass(frozen=True)
class Page:
    code: str
    title: Text
    questions: tuple[Question, ...]
    intro: Text | None = None


@dataclass(frozen=True)
class Questionnaire:
    version: str
    title: Text
    pages: tuple[Page, ...]
    previous_version: str | None = None
    intro: Text | None = None

    @property
    def questions(self) -> list[Question]:
        return [question for page in self.pages for question in page.questions]

    def question(self, code: str) -> Question:
        for question in self.questions:
            if question.code == code:
                return question
        raise KeyError(f"questionnaire {self.version} has no question {code!r}")

    def page(self, code: str) -> Page:
        for page in self.pages:
            if page.code == code:
                return page
        raise KeyError(f"questionnaire {self.version} has no page {code!r}")

    def questions_by_topic(self) -> dict[str, Question]:
        return {q.topic: q for q in self.questions if q.topic}

    def validate(
        self, answers: dict[str, Any], *, partial: bool = False, page: str | None = None
    ) -> tuple[dict[str, Any], dict[str, str]]:
        """Clean ``answers``; return (cleaned, errors by question code).

        ``partial`` skips the required check (saving a draft); ``page`` limits the check to one
        page. Answers to questions hidden by their condition are dropped. Unknown keys are errors.
        """
        from .validation import validate_answers

        return validate_answers(self, answers, partial=partial, page=page)
