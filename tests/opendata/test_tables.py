"""The open-data tables: codes and labels, the published (suppressed) findings, the codebook."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from datalab_monitor.inventory.models import Wave
from datalab_monitor.opendata.codebook import codebook_table
from datalab_monitor.opendata.findings import findings_table
from datalab_monitor.opendata.formats import serialise
from datalab_monitor.opendata.register import register_municipalities_table, register_table
from tests.reports.fixtures import RESPONDENTS

pytestmark = pytest.mark.django_db


def rows_of(table) -> dict:
    return {row["number"]: row for row in table.rows}


def test_register_has_codes_and_labels_for_every_coded_field(register):
    rows = rows_of(register_table())
    assert len(rows) == 38
    twente = rows[24]
    assert twente["name"] == "Twente"
    assert (twente["category_code"], twente["category_name_nl"], twente["category_name_en"]) == (
        "regional",
        "Regionale samenwerking",
        "Regional collaboration",
    )
    assert (twente["status_code"], twente["status_label_nl"], twente["status_label_en"]) == (
        "active",
        "actief",
        "active",
    )
    assert twente["municipality_count"] == 14
    assert "GM0153" in twente["municipality_codes"] and "Enschede" in twente["municipality_names"]
    assert twente["province_codes"] == "PV23" and twente["province_names"] == "Overijssel"
    alkmaar = rows[1]
    assert (alkmaar["lead_municipality_code"], alkmaar["lead_municipality_name"]) == (
        "GM0361",
        "Alkmaar",
    )
    assert (alkmaar["lead_province_code"], alkmaar["lead_province_name"]) == (
        "PV27",
        "Noord-Holland",
    )
    assert not {"contact_name", "contact_email"} & set(register_table().field_names)


def test_municipalities_per_lab_follow_mergers(register):
    rows = [r for r in register_municipalities_table().rows if r["municipality_code"] == "GM0398"]
    assert len(rows) == 1
    heerhugowaard = rows[0]
    assert heerhugowaard["lab_number"] == 8
    assert heerhugowaard["municipality_valid_to"] is not None
    assert heerhugowaard["current_municipality_codes"] not in ("", "GM0398")
    assert "Dijk en Waard" in heerhugowaard["current_municipality_names"]


def test_findings_are_the_published_suppressed_numbers(fixture_wave):
    table = findings_table([fixture_wave])
    partners = {r["category_code"]: r for r in table.rows if r["topic"] == "partners"}
    assert partners["cbs"]["count"] == 10 and partners["cbs"]["percent"] == 100.0
    assert partners["cbs"]["base_n"] == RESPONDENTS
    assert partners["universities"]["count"] == 6 and partners["universities"]["percent"] == 60.0
    companies = partners["companies"]
    assert companies["suppressed"] is True
    assert companies["count"] is None and companies["percent"] is None
    assert companies["count_display"] == "< 3"
    for row in table.rows:
        assert row["wave_slug"] == "test-2024" and row["wave_is_synthetic"] is False
        if row["count"] is not None:
            assert row["count"] == 0 or row["count"] >= row["min_cell"], row
    assert {r["topic"] for r in table.rows} == {
        "partners",
        "analysis_types",
        "domains",
        "improvements",
        "fte",
    }


def test_wave_without_stored_answers_has_no_findings_rows(register):
    assert findings_table([Wave.objects.get(slug="2019")]).rows == []


def test_codebook_lists_questions_and_options_in_both_languages(register):
    rows = codebook_table(["2019"]).rows
    partners = [r for r in rows if r["question_code"] == "partners"]
    assert (
        partners[0]["option_code"] == ""
        and partners[0]["label_nl"] == "Met wie werkt het datalab samen?"
    )
    cbs = next(r for r in partners if r["option_code"] == "cbs")
    assert (cbs["label_nl"], cbs["label_en"]) == ("CBS", "Statistics Netherlands (CBS)")
    assert all(r["questionnaire_version"] == "2019" for r in rows)


def test_every_format_holds_the_same_rows(register):
    table = register_table()
    as_csv = list(csv.DictReader(io.StringIO(serialise(table, "csv").decode("utf-8"))))
    assert len(as_csv) == 38 and as_csv[0]["category_name_nl"] == "Intern datalab"
    as_json = json.loads(serialise(table, "json"))
    assert len(as_json["data"]) == 38 and as_json["licenses"][0]["name"] == "CC-BY-4.0"
    assert as_json["schema"]["fields"][0]["name"] == "number"
    workbook = load_workbook(io.BytesIO(serialise(table, "xlsx")))
    sheet = workbook["register"]
    assert [c.value for c in sheet[1]] == table.field_names
    assert sheet.max_row == 39
    assert "CC-BY-4.0" in str([c.value for row in workbook["about"].iter_rows() for c in row])
