"""Turn questionnaire pages into form fields for the templates, and posted data into answers.

The form is rendered from the questionnaire (no Django form classes): each question becomes a
``Field`` with its widget kind, label, hint, value, options and error, in the page language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _

from datalab_monitor.questionnaire.schema import (
    Page,
    Question,
    Questionnaire,
    QuestionType,
    other_key,
)

from .messages import translate_error

WIDGETS = {
    QuestionType.SINGLE: "radio",
    QuestionType.SCALE: "radio",
    QuestionType.MULTIPLE: "checkbox",
    QuestionType.INTEGER: "number",
    QuestionType.YEAR: "number",
    QuestionType.DECIMAL: "number",
    QuestionType.TEXT: "text",
    QuestionType.LONG_TEXT: "textarea",
}
INPUTMODES = {
    QuestionType.INTEGER: "numeric",
    QuestionType.YEAR: "numeric",
    QuestionType.DECIMAL: "decimal",
}


@dataclass
class OptionField:
    code: str
    label: str
    id: str
    checked: bool
    other: bool = False


@dataclass
class Field:
    question: Question
    code: str
    widget: str
    label: str
    hint: str
    required: bool
    value: str = ""
    options: list[OptionField] = field(default_factory=list)
    other_value: str = ""
    error: str = ""
    condition: str = ""
    inputmode: str = ""

    @property
    def id(self) -> str:
        return f"q-{self.code}"

    @property
    def first_input_id(self) -> str:
        """Where an error summary link should land: the first radio/checkbox or the input."""
        return self.options[0].id if self.options else self.id

    @property
    def hint_id(self) -> str:
        return f"{self.id}-hint" if self.hint or self.condition else ""

    @property
    def error_id(self) -> str:
        return f"{self.id}-error" if self.error else ""

    @property
    def other_id(self) -> str:
        return f"{self.id}-other"

    @property
    def describedby(self) -> str:
        return " ".join(part for part in (self.hint_id, self.error_id) if part)

    @property
    def is_group(self) -> bool:
        return self.widget in ("radio", "checkbox")

    @property
    def is_scale(self) -> bool:
        return self.question.type is QuestionType.SCALE

    @property
    def other_option(self) -> OptionField | None:
        return next((option for option in self.options if option.other), None)


def format_value(question: Question, value: Any, language: str) -> str:
    if value is None:
        return ""
    if question.type is QuestionType.DECIMAL and isinstance(value, int | float):
        text = f"{value:g}" if float(value) == round(float(value), 6) else str(value)
        return text.replace(".", ",") if language == "nl" else text
    return str(value)


def condition_text(question: Question, questionnaire: Questionnaire, language: str) -> str:
    condition = question.show_if
    if condition is None:
        return ""
    target = questionnaire.question(condition.question)
    labels = [target.option(code).label.get(language) for code in condition.any_of]
    return _("Only if you answered “%(answers)s” to “%(question)s”.") % {
        "answers": " / ".join(labels),
        "question": target.label.get(language),
    }


def build_fields(
    questionnaire: Questionnaire,
    page: Page,
    answers: dict[str, Any],
    errors: dict[str, str] | None = None,
    language: str = "nl",
) -> list[Field]:
    """The fields of ``page`` with ``answers`` (stored or as posted) and their errors.

    A question whose condition depends on an earlier page and does not hold is left out; one that
    depends on a question on the same page is shown with a hint (the form works without JS).
    """
    errors = errors or {}
    page_codes = {q.code for q in page.questions}
    fields = []
    for question in page.questions:
        same_page = question.show_if is not None and question.show_if.question in page_codes
        if question.show_if is not None and not same_page and not question.is_shown(answers):
            continue
        value = answers.get(question.code)
        chosen = {str(v) for v in value} if isinstance(value, list) else {str(value)}
        error = errors.get(question.code, "")
        fields.append(
            Field(
                question=question,
                code=question.code,
                widget=WIDGETS[question.type],
                label=question.label.get(language),
                hint=question.help.get(language) if question.help else "",
                required=question.required,
                value="" if question.type.has_options else format_value(question, value, language),
                options=[
                    OptionField(
                        code=option.code,
                        label=option.label.get(language),
                        id=f"q-{question.code}-{option.code}",
                        checked=value is not None and option.code in chosen,
                        other=option.other,
                    )
                    for option in question.options
                ],
                other_value=str(answers.get(other_key(question.code)) or ""),
                error=translate_error(error, question, language) if error else "",
                condition=condition_text(question, questionnaire, language) if same_page else "",
                inputmode=INPUTMODES.get(question.type, ""),
            )
        )
    return fields


def posted_answers(page: Page, data: QueryDict) -> dict[str, Any]:
    """The answers of ``page`` as posted (raw strings; the questionnaire cleans them)."""
    answers: dict[str, Any] = {}
    for question in page.questions:
        if question.type is QuestionType.MULTIPLE:
            answers[question.code] = data.getlist(question.code)
        else:
            answers[question.code] = data.get(question.code, "")
        if question.other_option is not None:
            answers[other_key(question.code)] = data.get(other_key(question.code), "")
    return answers


def page_keys(page: Page) -> set[str]:
    keys = {q.code for q in page.questions}
    return keys | {other_key(q.code) for q in page.questions if q.other_option}


def merge_page(stored: dict[str, Any], page: Page, posted: dict[str, Any]) -> dict[str, Any]:
    """The stored answers with ``page``'s answers replaced by the posted ones."""
    keys = page_keys(page)
    merged = {key: value for key, value in stored.items() if key not in keys}
    merged.update(posted)
    return merged
