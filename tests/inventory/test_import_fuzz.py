"""Fuzz the importer with Hypothesis: mutated example exports (byte flips, dropped and doubled
delimiters and quotes, cuts, swapped cells, random Unicode) of all four tools.

For every mutated file, whatever it holds:
- the importer returns a report (no uncaught exception);
- a refusal leaves the database exactly as it was;
- an accepted import stores only values that appear in that lab's row of the file, leaves
  answers its mapping does not cover alone, and marks a response submitted only when the row
  says it is complete.

Each example runs in a transaction that is rolled back afterwards, on top of the clean example
exports imported once, so mutated rows update existing responses. ``derandomize`` keeps CI
reproducible; 4 x 260 examples take well under a minute per database.
"""

from __future__ import annotations

import re
import unicodedata

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from datalab_monitor.inventory.imports import load_mapping, run_import
from datalab_monitor.inventory.imports.mapping import normalise
from datalab_monitor.inventory.imports.readers import ReadError, read_table
from datalab_monitor.inventory.models import Response, ResponseRevision
from datalab_monitor.questionnaire import QuestionType
from datalab_monitor.questionnaire.schema import other_key

from .helpers import open_wave
from .import_files import csv_bytes, xlsx_bytes
from .import_files.examples_2026 import (
    EXPORTS,
    Q2026,
    forms_table,
    kobo_table,
    limesurvey_table,
)

EXAMPLES_PER_TOOL = 260
TABLES = {
    "limesurvey": (limesurvey_table, "csv", ";"),
    "kobo": (kobo_table, "csv", ";"),
    "msforms": (lambda: forms_table("msforms"), "xlsx", None),
    "googleforms": (lambda: forms_table("googleforms"), "csv", ","),
}


class _Rollback(Exception):
    pass


# --- mutations ----------------------------------------------------------------------------------


@st.composite
def table_mutation(draw, table: list[list]):
    """Swap two cells, or put random Unicode (or a hostile value) into a cell."""
    table = [list(row) for row in table]
    r = draw(st.integers(1, len(table) - 1))
    c = draw(st.integers(0, len(table[0]) - 1))
    kind = draw(st.sampled_from(["swap_in_row", "swap_rows", "unicode", "hostile", "clear"]))
    if kind == "swap_in_row":
        c2 = draw(st.integers(0, len(table[0]) - 1))
        table[r][c], table[r][c2] = table[r][c2], table[r][c]
    elif kind == "swap_rows":
        r2 = draw(st.integers(1, len(table) - 1))
        table[r][c], table[r2][c] = table[r2][c], table[r][c]
    elif kind == "unicode":
        table[r][c] = draw(st.text(min_size=0, max_size=30))
    elif kind == "hostile":
        table[r][c] = draw(
            st.sampled_from(
                ["1e400", "NaN", "-inf", "1.000", "1,000", "\x00", "=1+1", "9" * 30, "Y", "-oth-"]
            )
        )
    else:
        table[r][c] = ""
    return table


@st.composite
def byte_mutation(draw, data: bytes, delimiter: str | None):
    """One byte-level change. Positions are drawn as fractions, so the draws do not depend on
    the bytes (XLSX archives carry a timestamp)."""
    kind = draw(st.sampled_from(["flip", "cut", "drop", "double", "insert", "quote"]))
    fraction = draw(st.integers(0, 10**6))
    if not data:
        return data
    position = fraction * (len(data) - 1) // 10**6
    if kind == "flip":
        return data[:position] + bytes([draw(st.integers(0, 255))]) + data[position + 1 :]
    if kind == "cut":
        return data[:position]
    if kind == "insert":
        text = draw(st.text(min_size=1, max_size=12)).encode("utf-8", "surrogatepass")
        return data[:position] + text + data[position:]
    marker = b'"' if kind == "quote" or delimiter is None else delimiter.encode()
    places = [m.start() for m in re.finditer(re.escape(marker), data)]
    if not places:
        return data
    at = places[fraction % len(places)]
    if kind == "drop":
        return data[:at] + data[at + 1 :]
    return data[:at] + marker + data[at:]  # doubled delimiter or quote


@st.composite
def mutated_export(draw, tool: str):
    build, fmt, delimiter = TABLES[tool]
    table = build()
    for _ in range(draw(st.integers(0, 2))):
        table = draw(table_mutation(table))
    if fmt == "xlsx":  # a workbook cannot hold control characters at all
        table = [
            [ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row]
            for row in table
        ]
        data = xlsx_bytes(table, sheet="Form1")
    else:
        data = csv_bytes(table, delimiter=delimiter, bom=tool == "limesurvey")
    for _ in range(draw(st.integers(0 if table != build() else 1, 3))):
        if fmt == "xlsx" and not draw(st.booleans()):
            break  # most XLSX byte mutations only damage the archive; keep some whole files
        data = draw(byte_mutation(data, delimiter))
    return data


# --- the checks ---------------------------------------------------------------------------------


def snapshot(wave) -> tuple:
    return (
        sorted(
            Response.objects.filter(wave=wave).values_list(
                "lab_id", "status", "version", "answers", "source"
            ),
            key=repr,
        ),
        ResponseRevision.objects.filter(response__wave=wave).count(),
    )


def _numbers_in(text: str) -> set[float]:
    found = set()
    compact = re.sub(r"\s", "", text)
    for candidate in (
        compact,
        compact.replace(",", "."),
        compact.replace(".", "").replace(",", "."),
        compact.replace(",", ""),
    ):
        try:
            found.add(float(candidate))
        except ValueError:
            pass
    return found


def _evidence(question, code: str, cells: dict[str, str], mapping) -> bool:
    """Whether the row's cells for ``question`` show option ``code`` chosen."""
    spec = next(m for m in mapping.questions if m.question.code == question.code)
    option = question.option(code)
    names = {normalise(code), normalise(option.label.nl), normalise(option.label.en)}
    names |= {value for value, target in spec.values.items() if target == code}
    for column, option_code in spec.option_columns.items():
        if option_code == code and _cell(cells, column, mapping).strip():
            return True
    text = normalise(_cell(cells, spec.column, mapping))
    if any(name and name in text for name in names):
        return True
    if option.other:  # chosen by a typed text: in the other column or among the labels
        return bool(_cell(cells, spec.other_column, mapping).strip() or text)
    return False


def _cell(cells: dict[str, str], name: str | None, mapping) -> str:
    if not name:
        return ""
    keys = {normalise(k): v for k, v in cells.items()}
    if normalise(name) in keys:
        return keys[normalise(name)]
    if mapping.tool == "kobo" and "/" in name:
        return keys.get(normalise(name.split("/", 1)[1]), "")
    return ""


def check_stored_values(report, data: bytes, file_name: str, wave, before, mapping) -> None:
    table = read_table(data, file_name, max_rows=1000)
    rows = dict(table.rows)
    stored = {r.lab.number: r for r in Response.objects.filter(wave=wave).select_related("lab")}
    previous = {entry[0]: entry for entry in before[0]}
    covered = mapping.covered
    for outcome in report.outcomes:
        cells = rows[outcome.row]
        response = stored[outcome.lab_number]
        answers = response.answers
        if outcome.action == "unchanged":
            continue
        if response.status == "submitted":
            assert any(_cell(cells, c, mapping).strip() for c in mapping.complete_columns)
        old = previous.get(response.lab_id)
        old_answers = old[3] if old else {}
        for key in set(old_answers) - covered:  # never touched by this mapping
            assert answers.get(key) == old_answers[key], key
        for key, value in answers.items():
            if key not in covered or (key in old_answers and old_answers[key] == value):
                continue
            texts = " ".join(cells.values())
            if "." in key:  # an "other" text: verbatim in the row
                assert value in texts, (key, value)
                continue
            question = Q2026.question(key)
            if question.type.has_options:
                for code in value if isinstance(value, list) else [value]:
                    assert _evidence(question, str(code), cells, mapping), (key, code, cells)
            elif question.type in (QuestionType.TEXT, QuestionType.LONG_TEXT):
                assert (
                    unicodedata.normalize("NFC", value) in unicodedata.normalize("NFC", texts)
                    or value in texts
                ), (key, value)
            else:
                assert any(float(value) in _numbers_in(cell) for cell in cells.values()), (
                    key,
                    value,
                )
        assert set(answers) <= set(covered) | set(old_answers) | {
            other_key(q.code) for q in Q2026.questions
        }


@pytest.fixture
def seeded_wave(register):
    """A 2026 wave with the clean example exports of every tool imported (all four agree)."""
    wave = open_wave(slug="fuzz-2026", version="2026", labs=[])
    mapping, name, export = EXPORTS["limesurvey"]
    assert run_import(export(), name, wave, mapping).stored
    return wave


@pytest.mark.parametrize("tool", list(EXPORTS))
def test_mutated_exports_never_lose_or_invent_an_answer(seeded_wave, tool):
    mapping_name, file_name, _export = EXPORTS[tool]
    mapping = load_mapping(mapping_name, Q2026)
    outcomes = {"accepted": 0, "refused": 0}

    @settings(
        max_examples=EXAMPLES_PER_TOOL,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(data=mutated_export(tool))
    def run(data: bytes) -> None:
        try:
            with transaction.atomic():
                before = snapshot(seeded_wave)
                report = run_import(data, file_name, seeded_wave, mapping)
                if report.ok:
                    assert report.stored
                    outcomes["accepted"] += 1
                    check_stored_values(report, data, file_name, seeded_wave, before, mapping)
                else:
                    outcomes["refused"] += 1
                    assert not report.stored
                    assert snapshot(seeded_wave) == before
                    assert report.as_text() and report.as_dict()
                raise _Rollback
        except _Rollback:
            pass
        except ReadError as exc:  # pragma: no cover - must never escape run_import
            raise AssertionError(f"uncaught ReadError: {exc}") from exc

    run()
    assert outcomes["accepted"] > 0 and outcomes["refused"] > 0, outcomes
