"""Export a questionnaire version as an XLSForm (KoboToolbox, ODK), so a wave can run there too.

Sheets: ``survey`` (one group per page, one row per question), ``choices`` and ``settings``,
with Dutch and English labels (``label::Nederlands (nl)``, ``label::English (en)``). Mapping:

- single/scale -> ``select_one``, multiple -> ``select_multiple`` (an exclusive option such as
  "none" gets a constraint), integer/year -> ``integer``, decimal -> ``decimal``,
  text -> ``text``, long text -> ``text`` with ``appearance=multiline``;
- ``required``; ``min``/``max`` and ``max_length`` -> ``constraint`` with a message;
- ``show_if`` -> ``relevant`` with ``selected(${question}, 'code')``;
- an "other, namely" option -> a text question ``<question>_other`` shown when it is selected.

The column names (question codes) and choice names (option codes) are the questionnaire's own,
so a KoboToolbox/ODK export maps back onto our codes (see ``inventory.imports``).
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from datalab_monitor.inert import inert_row

from .schema import Question, Questionnaire, QuestionType, Text

LANGUAGES = (("nl", "Nederlands (nl)"), ("en", "English (en)"))
DEFAULT_LANGUAGE = "Nederlands (nl)"
TYPES = {
    QuestionType.INTEGER: "integer",
    QuestionType.YEAR: "integer",
    QuestionType.DECIMAL: "decimal",
    QuestionType.TEXT: "text",
    QuestionType.LONG_TEXT: "text",
}
SURVEY_COLUMNS = [
    "type",
    "name",
    *[f"label::{name}" for _, name in LANGUAGES],
    *[f"hint::{name}" for _, name in LANGUAGES],
    "required",
    "relevant",
    "constraint",
    *[f"constraint_message::{name}" for _, name in LANGUAGES],
    "appearance",
]
CHOICE_COLUMNS = ["list_name", "name", *[f"label::{name}" for _, name in LANGUAGES]]


def other_field_name(question: Question) -> str:
    return f"{question.code}_other"


def _labels(prefix: str, text: Text | None) -> dict[str, str]:
    if text is None:
        return {}
    return {f"{prefix}::{name}": text.get(code) for code, name in LANGUAGES}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _relevant(question: Question) -> str:
    if question.show_if is None:
        return ""
    parts = [
        f"selected(${{{question.show_if.question}}}, '{code}')" for code in question.show_if.any_of
    ]
    return " or ".join(parts)


def _constraint(question: Question) -> tuple[str, Text | None]:
    if question.type.is_number:
        parts, nl, en = [], [], []
        if question.minimum is not None:
            parts.append(f". >= {_number(question.minimum)}")
            nl.append(f"minimaal {_number(question.minimum)}")
            en.append(f"at least {_number(question.minimum)}")
        if question.maximum is not None:
            parts.append(f". <= {_number(question.maximum)}")
            nl.append(f"maximaal {_number(question.maximum)}")
            en.append(f"at most {_number(question.maximum)}")
        if parts:
            return " and ".join(parts), Text(
                nl="Vul een getal in van " + " en ".join(nl) + ".",
                en="Enter a number of " + " and ".join(en) + ".",
            )
    if question.max_length:
        return f"string-length(.) <= {question.max_length}", Text(
            nl=f"Gebruik hoogstens {question.max_length} tekens.",
            en=f"Use at most {question.max_length} characters.",
        )
    exclusive = [option for option in question.options if option.exclusive]
    if question.type is QuestionType.MULTIPLE and exclusive:
        option = exclusive[0]
        return f"not(selected(., '{option.code}') and count-selected(.) > 1)", Text(
            nl=f"'{option.label.nl}' kan niet samen met andere antwoorden.",
            en=f"'{option.label.en}' cannot be combined with other options.",
        )
    return "", None


def survey_rows(questionnaire: Questionnaire) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for page in questionnaire.pages:
        rows.append({"type": "begin group", "name": page.code, **_labels("label", page.title)})
        for question in page.questions:
            if question.type.has_options:
                kind = "select_multiple" if question.type is QuestionType.MULTIPLE else "select_one"
                kind = f"{kind} {question.code}"
            else:
                kind = TYPES[question.type]
            constraint, message = _constraint(question)
            rows.append(
                {
                    "type": kind,
                    "name": question.code,
                    **_labels("label", question.label),
                    **_labels("hint", question.help),
                    "required": "yes" if question.required else "",
                    "relevant": _relevant(question),
                    "constraint": constraint,
                    **_labels("constraint_message", message),
                    "appearance": "multiline" if question.type is QuestionType.LONG_TEXT else "",
                }
            )
            other = question.other_option
            if other is not None:
                rows.append(
                    {
                        "type": "text",
                        "name": other_field_name(question),
                        **_labels("label", other.label),
                        "relevant": f"selected(${{{question.code}}}, '{other.code}')",
                    }
                )
        rows.append({"type": "end group", "name": page.code})
    return rows


def choice_rows(questionnaire: Questionnaire) -> list[dict[str, str]]:
    return [
        {"list_name": question.code, "name": option.code, **_labels("label", option.label)}
        for question in questionnaire.questions
        if question.type.has_options
        for option in question.options
    ]


def build_workbook(questionnaire: Questionnaire) -> Workbook:
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    survey.append(SURVEY_COLUMNS)
    for row in survey_rows(questionnaire):
        survey.append(inert_row(row.get(column, "") for column in SURVEY_COLUMNS))
    choices = workbook.create_sheet("choices")
    choices.append(CHOICE_COLUMNS)
    for row in choice_rows(questionnaire):
        choices.append(inert_row(row.get(column, "") for column in CHOICE_COLUMNS))
    settings = workbook.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append(
        inert_row(
            [
                questionnaire.title.nl,
                f"datalab_inventory_{questionnaire.version}",
                questionnaire.version,
                DEFAULT_LANGUAGE,
            ]
        )
    )
    return workbook


def export_xlsform(questionnaire: Questionnaire, path: Path | str) -> Path:
    """Write the XLSForm of ``questionnaire`` to ``path`` (.xlsx)."""
    path = Path(path)
    build_workbook(questionnaire).save(path)
    return path
