"""Broken files: every problem is reported with its row and column, and NOTHING is stored."""

from __future__ import annotations

import pytest

from datalab_monitor.inventory.imports import run_import
from datalab_monitor.inventory.models import Response, ResponseRevision
from datalab_monitor.registry.models import Datalab

from .import_files import (
    HERE,
    csv_bytes,
    english,  # noqa: F401
    mapping_columns,
    rows,
    wave_2019_open,  # noqa: F401
    xlsx_bytes,
)
from .test_import_formats import GOOGLE_DEN_HAAG, MSFORMS_TWENTE, google_header, msforms_header

pytestmark = pytest.mark.usefixtures("register", "english", "wave_2019_open")
GENERIC = HERE / "generic-small.yaml"
HEADER = ["CBS-code", "Datalab", "Startjaar", "FTE", "Domeinen", "Steun", "Tips"]
GOOD_ROW = ["GM0361", "Alkmaar", "2017", "1,5", "Sociaal domein", "4", ""]


def counts() -> tuple[int, int]:
    return Response.objects.count(), ResponseRevision.objects.count()


def failed(data: bytes, name: str, mapping=GENERIC, **options):
    """Import ``data``; assert it failed and stored nothing; return the report."""
    before = counts()
    report = run_import(data, name, "2019", mapping, **options)
    assert not report.ok, report.as_text()
    assert not report.stored
    assert counts() == before
    return report


def problem_at(report, row, column=None, *, text: str = ""):
    for problem in report.problems:
        if problem.row == row and (column is None or problem.column == column):
            if text.lower() in problem.text().lower():
                return problem
    raise AssertionError(
        f"no problem at row {row}, column {column!r} ({text}):\n{report.as_text()}"
    )


def generic_csv(*data_rows: list[str], **options) -> bytes:
    return csv_bytes([HEADER, *data_rows], **options)


def test_bytes_that_are_neither_utf8_nor_windows_1252():
    data = generic_csv(GOOD_ROW, ["GM0363", "Amsterdam", "2016", "3", "", "", "tip"])
    data = data.replace(b"tip", b"t\x81p")  # 0x81: invalid in UTF-8 and undefined in cp1252
    report = failed(data, "broken-encoding.csv")
    problem = problem_at(report, 3, "Tips", text="neither UTF-8 nor Windows-1252")
    assert "0x81" in problem.text()
    assert "broken-encoding.csv, row 3, column 'Tips'" in report.as_text()


def test_unknown_lab():
    report = failed(
        generic_csv(GOOD_ROW, ["", "Datalab Atlantis", "2016", "", "", "", ""]), "a.csv"
    )
    problem_at(report, 3, "Datalab", text="Unknown lab: 'Datalab Atlantis'")


def test_unknown_cbs_code_names_the_municipality():
    report = failed(
        generic_csv(["GM0014x", "", "", "", "", "", ""], ["0344", "", "", "", "", "", ""]), "c.csv"
    )
    problem_at(report, 2, "CBS-code", text="not a CBS municipality code")
    problem_at(report, 3, "CBS-code", text="GM0344 (Utrecht)")


def test_ambiguous_lab():
    Datalab.objects.filter(number=2).update(aliases="Datalab Noord")
    Datalab.objects.filter(number=3).update(aliases="Datalab  noord")
    report = failed(generic_csv(GOOD_ROW, ["", "DATALAB NOORD", "", "", "", "", ""]), "b.csv")
    problem = problem_at(report, 3, "Datalab", text="Ambiguous lab")
    assert "2. Amersfoort" in problem.text() and "3. Amsterdam" in problem.text()


def test_code_and_name_of_different_labs():
    report = failed(generic_csv(["GM0361", "Enschede", "", "", "", "", ""]), "d.csv")
    problem_at(report, 2, "CBS-code", text="Ambiguous lab")


def test_unknown_option_value():
    record = {**GOOGLE_DEN_HAAG, "Wat voor analyses doet het datalab?": "Beschrijvend, Toverkunst"}
    data = csv_bytes(rows(google_header(), [record]))
    report = failed(data, "google.csv", "googleforms-2019")
    problem = problem_at(report, 2, "Wat voor analyses doet het datalab?", text="Toverkunst")
    assert problem.question == "analysis_types"


def test_value_out_of_range_and_not_a_number():
    report = failed(generic_csv(GOOD_ROW, ["GM0363", "", "1850", "veel", "", "7", ""]), "range.csv")
    problem_at(report, 3, "Startjaar", text="at least 2000")
    problem_at(report, 3, "FTE", text="Enter a number")
    problem_at(report, 3, "Steun", text="'7'")


def test_duplicate_lab():
    data = generic_csv(GOOD_ROW, ["", " Gemeente Alkmaar ", "2018", "", "", "", ""])
    report = failed(data, "dup.csv")
    problem_at(report, 3, "Datalab", text="also in row 2")


def test_truncated_xlsx():
    whole = xlsx_bytes(rows(msforms_header(), [MSFORMS_TWENTE]))
    report = failed(whole[: len(whole) // 2], "Inventarisatie.xlsx", "msforms-2019")
    assert len(report.problems) == 1
    assert "not a readable XLSX workbook" in report.problems[0].text()
    assert report.as_text().count("Inventarisatie.xlsx") >= 2  # title and problem line


def test_missing_mapped_column():
    header = [column for column in HEADER if column != "FTE"]
    report = failed(csv_bytes([header, [c for i, c in enumerate(GOOD_ROW) if i != 3]]), "m.csv")
    problem_at(report, 1, "FTE", text="Missing column")


def test_missing_required_answer():
    record = {**GOOGLE_DEN_HAAG, "Wat kan er beter?": ""}
    report = failed(csv_bytes(rows(google_header(), [record])), "g.csv", "googleforms-2019")
    problem = problem_at(report, 2, "Wat kan er beter?", text="required")
    assert problem.question == "improvements"


def test_exclusive_option_combined():
    record = {
        **MSFORMS_TWENTE,
        "Hoe wordt het datalab gefinancierd?": "Op projectbasis;Geen eigen financiering;",
    }
    data = xlsx_bytes(rows(msforms_header(), [record]))
    report = failed(data, "forms.xlsx", "msforms-2019")
    problem_at(report, 2, "Hoe wordt het datalab gefinancierd?", text="cannot be combined")


def test_every_problem_is_collected_and_good_rows_are_not_stored():
    data = generic_csv(
        GOOD_ROW,
        ["", "Nergenshuizen", "2016", "", "", "", ""],
        ["GM0363", "", "2016", "1,2,3", "Sport", "", ""],
        ["GM0772", "Eindhoven", "2017", "0,5", "", "", ""],
    )
    report = failed(data, "many.csv")
    problem_at(report, 3, "Datalab", text="Unknown lab")
    problem_at(report, 4, "FTE", text="number")
    problem_at(report, 4, "Domeinen", text="Sport")
    assert len(report.problems) == 3
    assert "3 problem(s) found; nothing was stored" in report.as_text()


def test_lab_submitted_through_the_web_form_is_not_overwritten_without_replace():
    lab = Datalab.objects.get(number=1)
    wave_responses = Response.objects.filter(wave__slug="2019")
    web = Response.objects.create(
        wave_id=wave_responses.model.wave.field.related_model.objects.get(slug="2019").pk,
        lab=lab,
        status="submitted",
        source="web",
        answers={"start_year": 2010},
    )
    report = failed(generic_csv(GOOD_ROW), "web.csv")
    problem_at(report, 2, text="web form")
    report = run_import(generic_csv(GOOD_ROW), "web.csv", "2019", GENERIC, replace=True)
    assert report.ok and report.stored
    web.refresh_from_db()
    assert (web.source, web.version, web.answers["start_year"]) == ("import", 2, 2017)


def test_bad_mapping_is_reported_with_its_path(tmp_path):
    mapping = tmp_path / "mine.yaml"
    mapping.write_text(
        "tool: kobo\nlab: {name: naam}\nquestions:\n  colour: kleur\n"
        "  driven_by: {column: x, values: {A9: sideways}}\n",
        encoding="utf-8",
    )
    report = failed(generic_csv(GOOD_ROW), "x.csv", mapping)
    text = report.as_text()
    assert (
        "mine.yaml" in text
        and "questions.colour" in text
        and "questions.driven_by.values.A9" in text
    )


def test_wave_must_exist():
    report = run_import(generic_csv(GOOD_ROW), "x.csv", "1999", GENERIC)
    assert not report.ok and "no wave" in report.as_text()


def test_kobo_partial_option_columns_are_missing_columns():
    header = [
        c
        for c in mapping_columns("kobo-2019", joined=False)
        if c != "work/analysis_types/diagnostic"
    ]
    report = failed(csv_bytes([header]), "k.csv", "kobo-2019")
    problem_at(report, 1, "work/analysis_types/diagnostic", text="Missing column")


def test_old_excel_files_are_refused():
    report = failed(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "export.xls")
    assert ".xls" in report.problems[0].text()


def test_header_only_file_is_a_problem():
    report = failed(csv_bytes([HEADER]), "empty.csv")
    problem_at(report, 2, text="no data rows")
