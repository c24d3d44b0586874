"""Build survey-tool exports for the import tests: CSV bytes (any delimiter and encoding) and XLSX.

Rows are written by hand in the tests as {column: value}; the header lists the columns an export
of that tool has (the shipped mapping's columns plus the tool's own meta columns).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.utils import translation
from openpyxl import Workbook

from datalab_monitor.inventory.imports import load_mapping
from datalab_monitor.questionnaire import load_version

HERE = Path(__file__).resolve().parent


def mapping_columns(name: str, *, joined: bool = True, per_option: bool = True) -> list[str]:
    """The columns a shipped mapping reads, in order (lab columns first, no duplicates)."""
    mapping = load_mapping(name, load_version("2019"))
    columns = list(mapping.lab_columns)
    for question in mapping.questions:
        if question.column and (joined or not question.option_columns):
            columns.append(question.column)
        if question.option_columns and per_option:
            columns += list(question.option_columns)
        if question.other_column:
            columns.append(question.other_column)
    return list(dict.fromkeys(columns))


def rows(header: list[str], records: list[dict], default="") -> list[list]:
    unknown = {key for record in records for key in record} - set(header)
    assert not unknown, f"records use columns not in the header: {unknown}"
    return [header] + [[record.get(column, default) for column in header] for record in records]


def csv_bytes(
    table: list[list], *, delimiter: str = ",", encoding: str = "utf-8", bom: bool = False
) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(table)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(table: list[list], sheet: str = "Sheet1") -> bytes:
    workbook = Workbook()
    worksheet = workbook.active
    worksheet.title = sheet
    for row in table:
        worksheet.append([None if value == "" else value for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def english():
    """Reports in English, whatever LANGUAGE_CODE is (the tests check English wording)."""
    with translation.override("en"):
        yield


@pytest.fixture
def wave_2019_open(register):
    """The 2019 wave is published; these tests import into it as into an open wave (importing
    into a closed or published wave needs ``allow_closed``, tested on its own)."""
    from datalab_monitor.inventory.models import Wave

    Wave.objects.filter(slug="2019").update(status=Wave.Status.OPEN)
