"""Storing: dry runs store nothing, re-imports change nothing, updates make a new revision;
the command (also as ``import-responses``) prints the report and fails on problems."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from datalab_monitor import cli
from datalab_monitor.inventory.imports import run_import
from datalab_monitor.inventory.models import Response, ResponseRevision, Wave

from .import_files import (
    HERE,
    csv_bytes,
    english,  # noqa: F401
    rows,
    wave_2019_open,  # noqa: F401
    xlsx_bytes,
)
from .test_import_formats import MSFORMS_TWENTE, msforms_header

pytestmark = pytest.mark.usefixtures("register", "english", "wave_2019_open")
GENERIC = HERE / "generic-small.yaml"
HEADER = ["CBS-code", "Datalab", "Startjaar", "FTE", "Domeinen", "Steun", "Tips"]
ALKMAAR = ["GM0361", "Alkmaar", "2017", "1,5", "Sociaal domein", "4", ""]
EINDHOVEN = ["", "Eindhoven", "2016", "2", "", "", "Klein beginnen"]


def counts() -> tuple[int, int]:
    return Response.objects.count(), ResponseRevision.objects.count()


def test_dry_run_stores_nothing_and_says_what_would_happen():
    before = counts()
    report = run_import(
        csv_bytes([HEADER, ALKMAAR, EINDHOVEN]), "x.csv", "2019", GENERIC, dry_run=True
    )
    assert report.ok and not report.stored
    assert counts() == before
    text = report.as_text()
    assert "row 2: lab 1 Alkmaar: would be created" in text
    assert "row 3: lab 30 Eindhoven: would be created" in text
    assert "Dry run, nothing was stored. 2 row(s): 2 new, 0 changed, 0 unchanged." in text


def test_reimport_changes_nothing_and_an_edit_makes_one_new_revision():
    data = csv_bytes([HEADER, ALKMAAR, EINDHOVEN])
    first = run_import(data, "labs.csv", "2019", GENERIC)
    assert first.stored and first.as_text().count(": created") == 2
    stored = {r.lab_id: (r.version, r.updated_at, r.answers) for r in Response.objects.all()}
    after_first = counts()

    again = run_import(data, "labs.csv", "2019", GENERIC)
    assert again.ok and [o.action for o in again.outcomes] == ["unchanged", "unchanged"]
    assert counts() == after_first
    assert {
        r.lab_id: (r.version, r.updated_at, r.answers) for r in Response.objects.all()
    } == stored

    edited = csv_bytes([HEADER, [*ALKMAAR[:3], "2,5", *ALKMAAR[4:]], EINDHOVEN])
    report = run_import(edited, "labs-v2.csv", "2019", GENERIC)
    assert [o.action for o in report.outcomes] == ["update", "unchanged"]
    assert report.outcomes[0].changed == ["fte_own"]
    alkmaar = Response.objects.get(lab__number=1)
    assert (alkmaar.version, alkmaar.answers["fte_own"]) == (2, 2.5)
    assert list(alkmaar.revisions.values_list("version", "changed_by")) == [
        (1, "import:labs.csv"),
        (2, "import:labs-v2.csv"),
    ]
    assert counts() == (after_first[0], after_first[1] + 1)


def test_wave_by_year_or_slug():
    Wave.objects.create(slug="inventarisatie-2026", year=2026, title_nl="2026", title_en="2026")
    data = csv_bytes([HEADER, ALKMAAR])
    assert run_import(data, "x.csv", "2026", GENERIC, dry_run=True).wave == "inventarisatie-2026"
    Wave.objects.create(slug="herhaling-2026", year=2026, title_nl="b", title_en="b")
    report = run_import(data, "x.csv", "2026", GENERIC, dry_run=True)
    assert "several waves have year 2026" in report.as_text()
    assert run_import(data, "x.csv", "herhaling-2026", GENERIC, dry_run=True).ok


def test_command_dry_run_then_store(tmp_path, capsys):
    path = tmp_path / "labs.csv"
    path.write_bytes(csv_bytes([HEADER, ALKMAAR]))
    call_command("import_responses", str(path), wave="2019", mapping=str(GENERIC), dry_run=True)
    assert "would be created" in capsys.readouterr().out
    assert not Response.objects.exists()
    call_command("import_responses", str(path), "--wave", "2019", "--mapping", str(GENERIC))
    assert "Stored. 1 row(s): 1 new" in capsys.readouterr().out
    assert Response.objects.get().lab.number == 1


def test_command_fails_with_the_whole_report_and_never_prints_e_mail(tmp_path, capsys):
    bad = {**MSFORMS_TWENTE, "Hoe heet het datalab?": "Jan Jansen <j.jansen@example.nl>"}
    path = tmp_path / "forms.xlsx"
    path.write_bytes(xlsx_bytes(rows(msforms_header(), [bad])))
    before = counts()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_responses", str(path), wave="2019", mapping="msforms-2019")
    out = capsys.readouterr().out
    assert "forms.xlsx, row 2, column 'Hoe heet het datalab?'" in out and "Unknown lab" in out
    assert "example.nl" not in out
    assert counts() == before


def test_cli_accepts_the_issues_spelling_import_responses(tmp_path, capsys):
    path = tmp_path / "labs.csv"
    path.write_bytes(csv_bytes([HEADER, ALKMAAR]))
    cli.main(
        [
            "datalab-monitor",
            "import-responses",
            str(path),
            "--wave",
            "2019",
            "--mapping",
            str(GENERIC),
            "--dry-run",
        ]
    )
    assert "would be created" in capsys.readouterr().out


def test_storing_is_one_transaction(monkeypatch):
    """If writing the second lab fails, the first lab's response is rolled back too."""
    real_create = ResponseRevision.objects.create
    calls = []

    def failing_create(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_create(**kwargs)

    monkeypatch.setattr(ResponseRevision.objects, "create", failing_create)
    before = counts()
    with pytest.raises(RuntimeError):
        run_import(csv_bytes([HEADER, ALKMAAR, EINDHOVEN]), "x.csv", "2019", GENERIC)
    assert len(calls) == 2
    assert counts() == before


def test_report_in_dutch(tmp_path, capsys):
    path = tmp_path / "labs.csv"
    path.write_bytes(csv_bytes([HEADER, ["GM0361", "", "1850", "", "", "", ""]]))
    with pytest.raises(CommandError):
        call_command(
            "import_responses", str(path), wave="2019", mapping=str(GENERIC), language="nl"
        )
    out = capsys.readouterr().out
    assert "labs.csv, rij 2, kolom 'Startjaar', vraag start_year" in out
    assert "2000" in out and "Enter a number" not in out  # the validation message, translated
    assert "er is niets opgeslagen" in out


def test_a_save_between_check_and_write_rolls_everything_back(monkeypatch):
    from django.db.models import F

    from datalab_monitor.inventory.imports import service

    run_import(csv_bytes([HEADER, ALKMAAR]), "first.csv", "2019", GENERIC)
    real_plan = service._plan

    def plan_then_someone_saves(rows_, wave, replace, report):
        real_plan(rows_, wave, replace, report)
        Response.objects.filter(lab__number=1).update(version=F("version") + 1)

    monkeypatch.setattr(service, "_plan", plan_then_someone_saves)
    before = counts()
    edited = [*ALKMAAR[:3], "3", *ALKMAAR[4:]]
    report = run_import(csv_bytes([HEADER, EINDHOVEN, edited]), "second.csv", "2019", GENERIC)
    assert not report.stored
    assert "saved by someone else during the import (lab 1. Alkmaar)" in report.as_text()
    assert counts() == before  # Eindhoven (row 2) was rolled back too
    assert not Response.objects.filter(lab__number=30).exists()
