"""The Frictionless Data Package validates, with a Table Schema per resource and CC BY 4.0."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from frictionless import validate

pytestmark = pytest.mark.django_db


def test_exported_data_package_validates(fixture_wave, synthetic_wave, tmp_path):
    call_command("export", what="datapackage", output=str(tmp_path / "package"))
    descriptor_path = tmp_path / "package" / "datapackage.json"
    report = validate(str(descriptor_path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads(descriptor_path.read_text())
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["sources"]
    names = [r["name"] for r in descriptor["resources"]]
    assert names == [
        "register",
        "register-municipalities",
        "findings",
        "codebook",
        "projects",
        "lab-profiles",
    ]
    for resource in descriptor["resources"]:
        assert resource["schema"]["fields"]
    assert "synthetic-2024" in descriptor["description"]  # fictional data is labelled
    findings = (tmp_path / "package" / "findings.csv").read_text()
    assert "test-2024" in findings and "synthetic-2024" in findings


def test_zipped_data_package_validates(fixture_wave, tmp_path):
    target = tmp_path / "package.zip"
    call_command("export", what="datapackage", wave="test-2024", output=str(target))
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as archive:
        archive.extractall(tmp_path / "unzipped")
    report = validate(str(tmp_path / "unzipped" / "datalab-monitor" / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
