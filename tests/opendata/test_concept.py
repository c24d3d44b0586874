"""Exports of a wave that is not published carry "concept — niet gepubliceerd" in their metadata
(XLSX properties and printed header, JSON, datapackage.json), never as an extra CSV column; the
command suggests a file name that says so. Published waves are not marked."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import call_command
from frictionless import validate
from openpyxl import load_workbook

from datalab_monitor.inventory.models import Wave
from datalab_monitor.opendata.findings import FINDINGS_FIELDS
from datalab_monitor.opendata.tables import CONCEPT_NOTE

pytestmark = pytest.mark.django_db


@pytest.fixture
def concept_wave(fixture_wave) -> Wave:
    fixture_wave.status = Wave.Status.CLOSED
    fixture_wave.save(update_fields=["status"])
    return fixture_wave


def export(tmp_path, name: str, **options) -> tuple[bytes, str]:
    target = tmp_path / name
    stderr = io.StringIO()
    call_command("export", output=str(target), stderr=stderr, **options)
    return (target.read_bytes() if target.is_file() else b""), stderr.getvalue()


def test_concept_xlsx_says_so_in_properties_about_sheet_and_printed_header(concept_wave, tmp_path):
    data, note = export(tmp_path, "f.xlsx", what="findings", wave=concept_wave.slug, format="xlsx")
    book = load_workbook(io.BytesIO(data))
    assert CONCEPT_NOTE in book.properties.keywords and CONCEPT_NOTE in book.properties.subject
    assert CONCEPT_NOTE in book.properties.title
    assert CONCEPT_NOTE in book["findings"].oddHeader.center.text
    assert book["about"]["A1"].value == "status" and CONCEPT_NOTE in book["about"]["B1"].value
    assert "Suggested file name: f-concept.xlsx" in note


def test_concept_csv_has_no_extra_column_and_the_command_suggests_a_name(concept_wave, tmp_path):
    data, note = export(tmp_path, "findings.csv", what="findings", wave=concept_wave.slug)
    header = next(csv.reader(io.StringIO(data.decode())))
    assert header == [field.name for field in FINDINGS_FIELDS]
    assert "concept" not in data.decode().lower()
    assert "not published" in note and "findings-concept.csv" in note


def test_concept_json_has_a_publication_status(concept_wave, tmp_path):
    data, _note = export(tmp_path, "f.json", what="findings", wave=concept_wave.slug, format="json")
    document = json.loads(data)
    assert document["publication_status"] == f"{CONCEPT_NOTE}: {concept_wave.slug}"


def test_concept_data_package_validates_and_is_marked(concept_wave, tmp_path):
    _data, note = export(tmp_path, "package", what="datapackage", wave=concept_wave.slug)
    path = tmp_path / "package" / "datapackage.json"
    report = validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads(path.read_text())
    assert descriptor["publication_status"] == f"{CONCEPT_NOTE}: {concept_wave.slug}"
    assert CONCEPT_NOTE in descriptor["title"] and "NOT PUBLISHED" in descriptor["description"]
    findings = next(r for r in descriptor["resources"] if r["name"] == "findings")
    assert CONCEPT_NOTE in findings["publication_status"]
    assert "not published" in note


def test_published_exports_are_not_marked(fixture_wave, tmp_path):
    data, note = export(tmp_path, "f.xlsx", what="findings", wave=fixture_wave.slug, format="xlsx")
    book = load_workbook(io.BytesIO(data))
    assert not book.properties.keywords and note == ""
    assert book["about"]["A1"].value == "title"
    export(tmp_path, "package", what="datapackage")
    descriptor = json.loads((tmp_path / "package" / "datapackage.json").read_text())
    assert "publication_status" not in descriptor and CONCEPT_NOTE not in json.dumps(descriptor)


def test_public_open_data_never_shows_an_unpublished_wave(concept_wave, client):
    assert client.get(f"/open-data/waves/{concept_wave.slug}/findings.csv").status_code == 404
    page = client.get("/open-data/").content.decode()
    assert concept_wave.slug not in page
    assert concept_wave.slug not in client.get("/open-data/datapackage.json").content.decode()
