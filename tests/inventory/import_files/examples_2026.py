"""Example exports of questionnaire 2026 for the four survey tools, FICTIONAL data.

The answers below are invented for the tests (no real lab answered them). Each ``*_export``
function writes them the way that tool exports responses, following the conventions its
shipped mapping documents (``src/datalab_monitor/inventory/imports/mappings/*-2026.yaml``):

- LimeSurvey: question codes without underscores, ``Q[SQ001]`` = ``Y`` per option, answer
  codes ``A1``.., ``-oth-`` with ``Q[other]``, a ``submitdate`` (empty: not finished), CSV with
  ``;`` and a BOM or XLSX;
- KoboToolbox: ``group/question`` headers, our codes, space-separated multiple choices,
  ``question_other`` texts, ``_submission_time``;
- Microsoft Forms: the Dutch question texts as headers, labels joined by ``;`` with a trailing
  ``;``, the "Other" text among the labels, ``Completion time``; XLSX;
- Google Forms: the Dutch question texts, labels joined by ``, `` with the "Other" text among
  them, ``Tijdstempel``; CSV.

``EXPECTED`` holds the answers as they must be stored. The fuzz test mutates these exports.
"""

from __future__ import annotations

from typing import Any

from datalab_monitor.questionnaire import QuestionType, load_version
from datalab_monitor.questionnaire.schema import other_key

from . import csv_bytes, xlsx_bytes

Q2026 = load_version("2026")
TOOLS = ("limesurvey", "kobo", "msforms", "googleforms")

# Fictional answers of three labs (register numbers 1 Alkmaar, 6 Enschede, 12 Lelystad).
ANSWERS: dict[int, dict[str, Any]] = {
    1: {
        "lab_name": "Gemeente Alkmaar",
        "start_year": 2017,
        "driven_by": "demand",
        "projects": 14,
        "partners": ["cbs", "universities", "residents", "other"],
        "partners.other": "Veiligheidsregio, afdeling Noord",
        "analysis_types": ["descriptive", "diagnostic"],
        "domains": ["social", "housing", "sustainability"],
        "fte_dedicated": 1.5,
        "contributors": 6,
        "roles": ["project_lead", "data_analyst"],
        "funding": ["project_basis"],
        "data_sources": ["base_registries", "cbs", "internal"],
        "working_method": "other",
        "working_method.other": "Scrum-achtig, met sprints van twee weken",
        "method_known": "partly",
        "privacy_measures": ["dpia", "pseudonymisation"],
        "ai_use": 2,
        "management_support": 4,
        "improvements": ["knowledge", "staff"],
        "tips": 'Begin klein, met één vraag.\nEn betrek "de business" vroeg; echt.',
        "lessons": "Fictief antwoord: privacy officer vroeg betrekken.",
    },
    6: {
        "lab_name": "Enschede",
        "start_year": 2019,
        "driven_by": "both",
        "partners": ["none"],
        "analysis_types": ["predictive"],
        "domains": ["mobility", "other"],
        "domains.other": "Cultuur",
        "fte_dedicated": 0.8,
        "funding": ["external_subsidy", "other"],
        "funding.other": "Bijdrage van de provincie",
        "working_method": "agile",
        "method_known": "yes",
        "ai_use": 5,
        "improvements": ["money"],
        "obstacles": "Fictief: toegang tot data; 40% van de tijd gaat op aan afspraken.",
    },
    12: {
        "lab_name": "Lelystad",
        "start_year": 2021,
        "partners": ["municipalities", "province"],
        "analysis_types": ["descriptive"],
        "domains": ["safety"],
        "fte_dedicated": 0,
        "funding": ["none"],
        "improvements": ["tools", "other"],
        "improvements.other": "Meer tijd, minder vergaderen",
    },
}
CODES = {1: "GM0361", 6: "GM0153", 12: "GM0995"}
SUBMITTED = {1: "2026-02-03 10:02:11", 6: "2026-02-04 16:40:00", 12: "2026-02-05 09:15:42"}


def _nl_decimal(value: Any) -> str:
    return str(value).replace(".", ",")


def _questions():
    return Q2026.questions


def limesurvey_table(incomplete: frozenset[int] = frozenset()) -> list[list[str]]:
    header = ["id", "submitdate", "lastpage", "startlanguage", "cbscode"]
    columns: dict[str, tuple] = {}
    for question in _questions():
        col = question.code.replace("_", "")
        if question.type is QuestionType.MULTIPLE:
            number = 0
            for option in question.options:
                if option.other:
                    continue
                number += 1
                columns[f"{col}[SQ{number:03d}]"] = ("option", question, option.code)
            if question.other_option:
                columns[f"{col}[other]"] = ("other", question)
        else:
            columns[col] = ("value", question)
            if question.type is QuestionType.SINGLE and question.other_option:
                columns[f"{col}[other]"] = ("other", question)
    table = [header + list(columns)]
    for index, (number, answers) in enumerate(ANSWERS.items(), start=1):
        row = [str(index), "" if number in incomplete else SUBMITTED[number], "5", "nl"]
        row.append(CODES[number])
        for spec in columns.values():
            kind, question = spec[0], spec[1]
            value = answers.get(question.code)
            if kind == "option":
                row.append("Y" if value and spec[2] in value else "")
            elif kind == "other":
                row.append(answers.get(other_key(question.code), ""))
            elif value is None:
                row.append("")
            elif question.type is QuestionType.SINGLE:
                plain = [o.code for o in question.options if not o.other]
                row.append("-oth-" if value == "other" else f"A{plain.index(value) + 1}")
            elif question.type is QuestionType.DECIMAL:
                row.append(_nl_decimal(value))
            else:
                row.append(str(value))
        table.append(row)
    return table


def limesurvey_export(fmt: str = "csv", incomplete: frozenset[int] = frozenset()) -> bytes:
    table = limesurvey_table(incomplete)
    if fmt == "xlsx":
        return xlsx_bytes(table, sheet="results-survey123456")
    return csv_bytes(table, delimiter=";", bom=True)


def _page(question) -> str:
    return next(p.code for p in Q2026.pages if question in p.questions)


def kobo_table() -> list[list[str]]:
    header = ["start", "end", "_id", "_uuid", "_submission_time", "_status"]
    names = []
    for question in _questions():
        names.append((f"{_page(question)}/{question.code}", question, "value"))
        if question.other_option:
            names.append((f"{_page(question)}/{question.code}_other", question, "other"))
    table = [header + [name for name, _, _ in names]]
    for index, (number, answers) in enumerate(ANSWERS.items(), start=1):
        row = [
            "2026-02-01T09:00:00.000+01:00",
            "2026-02-01T09:20:00.000+01:00",
            str(100 + index),
            f"00000000-0000-4000-8000-{index:012d}",
            SUBMITTED[number].replace(" ", "T"),
            "submitted_via_web",
        ]
        for _name, question, kind in names:
            value = answers.get(question.code)
            if kind == "other":
                row.append(answers.get(other_key(question.code), ""))
            elif value is None:
                row.append("")
            elif isinstance(value, list):
                row.append(" ".join(value))
            else:
                row.append(str(value))
        table.append(row)
    return table


def kobo_export(fmt: str = "csv") -> bytes:
    table = kobo_table()
    if fmt == "xlsx":
        return xlsx_bytes(table, sheet="Inventarisatie datalabs")
    return csv_bytes(table, delimiter=";")


def _labels(question, value, answers, separator: str) -> str:
    """Labels as Microsoft/Google Forms write them, the "Other" text in the other's place."""
    if value is None:
        return ""
    codes = value if isinstance(value, list) else [value]
    parts = []
    for code in codes:
        option = question.option(str(code))
        if option.other:
            parts.append(answers[other_key(question.code)])
        elif question.type is QuestionType.SCALE:
            parts.append(str(code))
        else:
            parts.append(option.label.nl)
    return separator.join(parts)


def forms_table(tool: str) -> list[list]:
    meta = (
        ["ID", "Start time", "Completion time", "Email", "Name"]
        if tool == "msforms"
        else ["Tijdstempel", "E-mailadres"]
    )
    questions = list(_questions())
    table: list[list] = [meta + [q.label.nl for q in questions]]
    for index, (number, answers) in enumerate(ANSWERS.items(), start=1):
        if tool == "msforms":
            row: list = [index, "2026-02-01 09:00:00", SUBMITTED[number], "anoniem", ""]
        else:
            row = [SUBMITTED[number].replace("-", "/"), f"respondent{index}@example.org"]
        for question in questions:
            value = answers.get(question.code)
            if question.type is QuestionType.MULTIPLE:
                text = _labels(question, value, answers, ";" if tool == "msforms" else ", ")
                row.append(text + (";" if tool == "msforms" and text else ""))
            elif question.type.has_options:
                row.append(_labels(question, value, answers, ""))
            elif value is None:
                row.append("")
            elif question.type is QuestionType.DECIMAL and tool == "googleforms":
                row.append(_nl_decimal(value))
            else:
                row.append(value if tool == "msforms" else str(value))
        table.append(row)
    return table


def msforms_export() -> bytes:
    return xlsx_bytes(forms_table("msforms"), sheet="Form1")


def googleforms_export() -> bytes:
    return csv_bytes(forms_table("googleforms"))


EXPORTS = {
    "limesurvey": ("limesurvey-2026", "export-limesurvey.csv", limesurvey_export),
    "kobo": ("kobo-2026", "export-kobo.csv", kobo_export),
    "msforms": ("msforms-2026", "Inventarisatie datalabs 2026(1-3).xlsx", msforms_export),
    "googleforms": (
        "googleforms-2026",
        "Inventarisatie datalabs (antwoorden).csv",
        googleforms_export,
    ),
}


def expected(number: int) -> dict[str, Any]:
    """The answers of lab ``number`` as they must be stored (lists in the codebook's order)."""
    answers = dict(ANSWERS[number])
    for question in _questions():
        value = answers.get(question.code)
        if isinstance(value, list):
            answers[question.code] = [c for c in question.option_codes if c in value]
        elif question.type is QuestionType.DECIMAL and value is not None:
            answers[question.code] = float(value)
    return answers
