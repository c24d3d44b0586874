"""Choosing a wave by slug or year, and the `report` command."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from datalab_monitor.inventory.models import Wave
from datalab_monitor.reports.waves import WaveNotFound, resolve_wave

from .fixtures import make_wave
from .pdf import pdf_text

pytestmark = pytest.mark.django_db


def test_wave_by_slug_or_by_a_year_with_one_wave(register):
    wave = make_wave("test-2024", year=2024)
    assert resolve_wave("test-2024") == wave
    assert resolve_wave("2024") == wave
    assert resolve_wave("2019").slug == "2019"  # a slug wins over a year


def test_year_with_several_waves_names_their_slugs(register):
    make_wave("first-2024", year=2024)
    Wave.objects.create(slug="second-2024", year=2024, title_nl="Tweede", title_en="Second")
    with pytest.raises(WaveNotFound) as error:
        resolve_wave("2024")
    assert "first-2024" in str(error.value) and "second-2024" in str(error.value)


def test_unknown_wave_lists_the_known_ones(register):
    with pytest.raises(WaveNotFound, match="Known waves: 2019"):
        resolve_wave("1999")
    with pytest.raises(WaveNotFound, match="No wave with slug 'nope'"):
        resolve_wave("nope")


def test_report_command_writes_pdf_and_html(fixture_wave, tmp_path):
    pdf = tmp_path / "rapport.pdf"
    call_command("report", wave="test-2024", format="pdf", lang="nl", output=str(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Bevindingen in beeld" in pdf_text(pdf.read_bytes())
    html = tmp_path / "report.html"
    call_command("report", "--wave", "2024", "--format", "html", "--lang", "en", "-o", str(html))
    assert "Findings at a glance" in html.read_text()


def test_report_command_errors_are_clear(register, tmp_path):
    make_wave("first-2024", year=2024)
    make_wave("second-2024", year=2024)
    with pytest.raises(CommandError, match="first-2024, second-2024"):
        call_command("report", wave="2024", format="html", output=str(tmp_path / "x.html"))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("report", wave="first-2024", output=str(tmp_path / "no" / "x.pdf"))


def test_a_slug_that_is_also_a_shared_year_gets_a_note(register, tmp_path, capsys):
    make_wave("demo-like-2019", year=2019)
    call_command("report", wave="2019", format="html", output=str(tmp_path / "r.html"))
    assert "other waves of 2019: demo-like-2019" in capsys.readouterr().err
