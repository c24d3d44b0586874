"""The shipped 2026 mappings import each tool's example export (fictional) exactly."""

from __future__ import annotations

import pytest

from datalab_monitor.inventory.imports import run_import
from datalab_monitor.inventory.models import Response, Wave

from .helpers import open_wave
from .import_files import english  # noqa: F401
from .import_files.examples_2026 import ANSWERS, EXPORTS, expected, kobo_export, limesurvey_export

pytestmark = pytest.mark.usefixtures("register", "english")


@pytest.fixture
def wave_2026() -> Wave:
    return open_wave(slug="test-2026", version="2026", labs=[])


def stored(wave: Wave) -> dict[int, tuple[str, dict]]:
    return {
        r.lab.number: (r.status, r.answers)
        for r in Response.objects.filter(wave=wave).select_related("lab")
    }


@pytest.mark.parametrize("tool", list(EXPORTS))
def test_example_export_imports_exactly_and_again_changes_nothing(wave_2026, tool):
    mapping, name, export = EXPORTS[tool]
    data = export()
    dry = run_import(data, name, wave_2026, mapping, dry_run=True)
    assert dry.ok, dry.as_text()
    assert not Response.objects.filter(wave=wave_2026).exists()
    report = run_import(data, name, wave_2026, mapping)
    assert report.ok and report.stored, report.as_text()
    assert stored(wave_2026) == {n: ("submitted", expected(n)) for n in ANSWERS}
    again = run_import(data, name, wave_2026, mapping)
    assert again.ok and [o.action for o in again.outcomes] == ["unchanged"] * len(ANSWERS)


@pytest.mark.parametrize(
    ("tool", "export"), [("limesurvey", limesurvey_export), ("kobo", kobo_export)]
)
def test_xlsx_exports_of_the_same_answers(wave_2026, tool, export):
    mapping = EXPORTS[tool][0]
    report = run_import(export("xlsx"), f"{tool}.xlsx", wave_2026, mapping)
    assert report.ok, report.as_text()
    assert stored(wave_2026) == {n: ("submitted", expected(n)) for n in ANSWERS}


def test_limesurvey_row_without_submitdate_becomes_a_draft(wave_2026):
    data = limesurvey_export(incomplete=frozenset({6}))
    report = run_import(data, "ls.csv", wave_2026, "limesurvey-2026")
    assert report.ok, report.as_text()
    statuses = {n: status for n, (status, _) in stored(wave_2026).items()}
    assert statuses == {1: "submitted", 6: "draft", 12: "submitted"}
    assert "as a draft" in report.as_text()
    response = Response.objects.get(wave=wave_2026, lab__number=6)
    assert response.submitted_at is None
