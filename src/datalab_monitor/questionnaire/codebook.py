"""The codebook of a questionnaire version: every question and option code with its labels.

One row per question, followed by one row per option and, for questions with an "other, namely"
option, a row for the free-text key ``<question>.other``. The ``previous`` column says where a
code comes from in the previous version (see ``mapping``): ``same``, ``new``, or the old code(s).
"""

from __future__ import annotations

import csv
import io
from dataclasses import astuple, dataclass, fields

from datalab_monitor.inert import inert_row

from .loader import load_version
from .mapping import source_question
from .schema import Question, Questionnaire, other_key

COLUMNS = (
    "question_code",
    "page",
    "type",
    "required",
    "option_code",
    "label_nl",
    "label_en",
    "condition",
    "previous",
)


@dataclass(frozen=True)
class CodebookRow:
    question_code: str
    page: str
    type: str
    required: bool
    option_code: str
    label_nl: str
    label_en: str
    condition: str
    previous: str

    @property
    def is_question(self) -> bool:
        return not self.option_code


def _condition(question: Question) -> str:
    if question.show_if is None:
        return ""
    return f"{question.show_if.question} in [{', '.join(question.show_if.any_of)}]"


def _previous_question(question: Question, older: Questionnaire | None) -> str:
    if older is None:
        return ""
    source = source_question(question, older)
    if source is None:
        return "new"
    return "same" if source.code == question.code else source.code


def _previous_option(question: Question, code: str, older: Questionnaire | None) -> str:
    if older is None:
        return ""
    source = source_question(question, older)
    if source is None:
        return "new"
    olds = question.previous_options.get(code)
    if olds is not None:
        return " + ".join(olds)
    return "same" if source.option(code) is not None else "new"


def codebook_rows(questionnaire: Questionnaire) -> list[CodebookRow]:
    older = load_version(questionnaire.previous_version) if questionnaire.previous_version else None
    rows = []
    for page in questionnaire.pages:
        for question in page.questions:
            common = {
                "question_code": question.code,
                "page": page.code,
                "type": question.type.value,
                "required": question.required,
                "condition": _condition(question),
            }
            rows.append(
                CodebookRow(
                    **common,
                    option_code="",
                    label_nl=question.label.nl,
                    label_en=question.label.en,
                    previous=_previous_question(question, older),
                )
            )
            for option in question.options:
                rows.append(
                    CodebookRow(
                        **common,
                        option_code=option.code,
                        label_nl=option.label.nl,
                        label_en=option.label.en,
                        previous=_previous_option(question, option.code, older),
                    )
                )
            other = question.other_option
            if other is not None:
                rows.append(
                    CodebookRow(
                        question_code=other_key(question.code),
                        page=page.code,
                        type="text",
                        required=False,
                        option_code="",
                        label_nl=f"{other.label.nl} (toelichting)",
                        label_en=f"{other.label.en} (text)",
                        condition=f"{question.code} includes {other.code}",
                        previous=_previous_question(question, older),
                    )
                )
    return rows


def codebook_csv(questionnaire: Questionnaire) -> str:
    """The codebook as CSV text (UTF-8, comma-separated, header row)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(inert_row(f.name for f in fields(CodebookRow)))
    for row in codebook_rows(questionnaire):
        values = list(astuple(row))
        values[3] = "yes" if row.required else "no"
        writer.writerow(inert_row(values))
    return buffer.getvalue()
