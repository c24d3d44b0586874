"""`datalab-monitor export`: every table in every format, and clear errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("what", ["register", "register-municipalities", "findings", "codebook"])
@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_export_every_table_in_every_format(fixture_wave, tmp_path, what, fmt):
    target = tmp_path / f"{what}.{fmt}"
    call_command("export", what=what, wave="test-2024", format=fmt, output=str(target))
    content = target.read_bytes()
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(content.decode("utf-8"))))
    elif fmt == "json":
        rows = json.loads(content)["data"]
    else:
        sheet = load_workbook(io.BytesIO(content)).worksheets[0]
        rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows


def test_findings_need_a_wave_and_a_known_one(register, tmp_path):
    with pytest.raises(CommandError, match="--wave is required"):
        call_command("export", what="findings", output=str(tmp_path / "f.csv"))
    with pytest.raises(CommandError, match="No wave for year 1999"):
        call_command("export", what="findings", wave="1999", output=str(tmp_path / "f.csv"))
