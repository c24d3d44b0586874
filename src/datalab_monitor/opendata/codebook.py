"""The codebook of questionnaire versions as open data (rows from ``questionnaire.codebook``):
every question and option code with its Dutch and English label."""

from __future__ import annotations

from dataclasses import asdict

from datalab_monitor.questionnaire import load_version
from datalab_monitor.questionnaire.codebook import codebook_rows

from .tables import Field, Table

CODEBOOK_FIELDS = [
    Field("questionnaire_version", "string", "Questionnaire version (e.g. 2019).", True),
    Field(
        "question_code",
        "string",
        "Question code (the key in the answers); '<question>.other' is the free text of an 'other' option.",
        True,
    ),
    Field("page", "string", "Code of the questionnaire page."),
    Field("type", "string", "single, multiple, integer, decimal, year, text, long_text or scale."),
    Field("required", "boolean", "Whether an answer is required."),
    Field("option_code", "string", "Option code; empty on the row of the question itself."),
    Field("label_nl", "string", "Question or option in Dutch."),
    Field("label_en", "string", "Question or option in English."),
    Field("condition", "string", "The question is asked only if this holds."),
    Field(
        "previous",
        "string",
        "Where the code comes from in the previous version: same, new, or the old code(s).",
    ),
]


def codebook_table(versions: list[str]) -> Table:
    rows = []
    for version in versions:
        questionnaire = load_version(version)
        for row in codebook_rows(questionnaire):
            rows.append({"questionnaire_version": questionnaire.version} | asdict(row))
    table = Table(
        name="codebook",
        title="Codebook of the inventory questionnaire",
        description=(
            "Every question and answer option of the questionnaire version(s) with their codes "
            "and Dutch and English labels: the key to the codes in the findings."
        ),
        fields=CODEBOOK_FIELDS,
        rows=rows,
    )
    table.check()
    return table
