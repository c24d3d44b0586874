"""Issue 11: imports never lose or invent an answer; hostile files are refused early and clearly.

One test (or more) per case of the issue: update semantics, structure errors, resource limits,
values, encoding, free text, completeness, messages, closed waves; and the web form shares the
value checks (no 500 on either database).
"""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from datalab_monitor.inventory.imports import run_import
from datalab_monitor.inventory.imports.readers import XLSX_MAX_MEMBER_BYTES
from datalab_monitor.inventory.models import Response, ResponseRevision, Wave
from datalab_monitor.registry.models import Datalab

from .helpers import COMPLETE_2019, open_wave, token_for
from .import_files import HERE, csv_bytes, english, wave_2019_open, xlsx_bytes  # noqa: F401
from .import_files.examples_2026 import ANSWERS, googleforms_export, limesurvey_table

pytestmark = pytest.mark.usefixtures("register", "english", "wave_2019_open")
GENERIC = HERE / "generic-small.yaml"
HEADER = ["CBS-code", "Datalab", "Startjaar", "FTE", "Domeinen", "Steun", "Tips"]
ROW = ["GM0361", "Alkmaar", "2017", "1,5", "Sociaal domein", "4", "Begin klein"]
PARTIAL = """tool: generic
validation: partial
lab: {code: CBS-code}
questions:
  start_year: Startjaar
  partners: Partners
"""


def snapshot() -> tuple:
    return (
        sorted(Response.objects.values_list("lab_id", "status", "version", "answers")),
        ResponseRevision.objects.count(),
    )


def refused(data: bytes, name: str, mapping=GENERIC, **options):
    before = snapshot()
    report = run_import(data, name, "2019", mapping, **options)
    assert not report.ok, report.as_text()
    assert snapshot() == before
    return report


def one_problem(report, *, row=None, column=None, text: str):
    found = [
        p
        for p in report.problems
        if (row is None or p.row == row)
        and (column is None or p.column == column)
        and text.lower() in p.text().lower()
    ]
    assert found, report.as_text()
    return found[0]


def generic(*rows: list[str]) -> bytes:
    return csv_bytes([HEADER, *rows])


# --- 1. Update semantics ------------------------------------------------------------------------


@pytest.fixture
def complete_response():
    """Alkmaar's complete, earlier imported response in the 2019 wave (many answers)."""
    wave = Wave.objects.get(slug="2019")
    lab = Datalab.objects.get(number=1)
    answers, errors = wave.questionnaire().validate(
        {
            **COMPLETE_2019,
            "lab_name": "Datalab Alkmaar",
            "projects": "12",
            "contributors": "5",
            "tips": "Begin klein",
            "partners": ["cbs", "other"],
            "partners.other": "Politie",
        }
    )
    assert not errors
    return Response.objects.create(
        wave=wave, lab=lab, answers=answers, status="submitted", source="import", version=1
    )


def test_a_partial_mapping_changes_only_its_questions(complete_response):
    before = dict(complete_response.answers)
    assert len(before) >= 10
    data = csv_bytes([["CBS-code", "Startjaar", "Partners"], ["GM0361", "2018", "universities"]])
    dry = run_import(data, "partial.csv", "2019", "p.yaml", mapping_text=PARTIAL, dry_run=True)
    assert dry.ok, dry.as_text()
    changes = {c.question: (c.kind, c.old, c.new) for c in dry.outcomes[0].changes}
    assert changes == {
        "start_year": ("changed", 2017, 2018),
        "partners": ("changed", ["cbs", "other"], ["universities"]),
        "partners.other": ("cleared", "Politie", None),
    }
    text = dry.as_text()
    assert "start_year: 2017 → 2018" in text and "partners.other: Politie → –" in text
    report = run_import(data, "partial.csv", "2019", "p.yaml", mapping_text=PARTIAL)
    assert report.ok
    after = Response.objects.get(pk=complete_response.pk).answers
    unmapped = {
        k: v for k, v in before.items() if k not in ("start_year", "partners", "partners.other")
    }
    assert {k: after[k] for k in unmapped} == unmapped
    assert after["start_year"] == 2018 and after["partners"] == ["universities"]


def test_replace_clears_the_unmapped_answers_and_says_so(complete_response):
    data = csv_bytes([["CBS-code", "Startjaar", "Partners"], ["GM0361", "2017", "cbs"]])
    dry = run_import(
        data, "p.csv", "2019", "p.yaml", mapping_text=PARTIAL, dry_run=True, replace=True
    )
    cleared = {c.question for c in dry.outcomes[0].changes if c.kind == "cleared"}
    assert {"tips", "projects", "lab_name", "fte_own"} <= cleared
    assert dry.as_dict()["replace"] is True
    report = run_import(data, "p.csv", "2019", "p.yaml", mapping_text=PARTIAL, replace=True)
    assert report.ok
    answers = Response.objects.get(pk=complete_response.pk).answers
    assert answers == {"start_year": 2017, "partners": ["cbs"]}


def test_the_report_is_json_serialisable(complete_response):
    import json

    data = csv_bytes([["CBS-code", "Startjaar", "Partners"], ["GM0361", "2018", ""]])
    report = run_import(data, "p.csv", "2019", "p.yaml", mapping_text=PARTIAL, dry_run=True)
    document = json.loads(json.dumps(report.as_dict()))
    assert document["ok"]
    changes = document["outcomes"][0]["changes"]
    assert {"question": "start_year", "kind": "changed", "old": 2017, "new": 2018} in changes
    # The mapping covers partners: its empty cell clears the stored answer (and "other" text).
    assert {"question": "partners", "kind": "cleared", "old": ["cbs", "other"], "new": None} in (
        changes
    )


def test_the_admin_dry_run_lists_old_and_new_values(complete_response, admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    data = csv_bytes([["CBS-code", "Startjaar", "Partners"], ["GM0361", "2019", "cbs"]])
    response = admin_client.post(
        reverse("inventory:import-responses"),
        {
            "action": "dry_run",
            "wave": "2019",
            "file": SimpleUploadedFile("p.csv", data),
            "mapping_file": SimpleUploadedFile("p.yaml", PARTIAL.encode()),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "start_year: 2017 → 2019" in html
    assert "partners.other: Politie → –" in html


# --- 2. Structure ---------------------------------------------------------------------------


def test_a_short_row_is_refused_naming_it():
    data = generic(ROW, ["GM0363", "Amsterdam", "2016"])
    report = refused(data, "short.csv")
    one_problem(report, row=3, text="has 3 fields but the header has 7")


def test_a_long_row_is_refused_naming_it():
    data = generic(ROW, [*ROW[:6], "tip", "extra"])
    data = data.replace(b"GM0361,Alkmaar", b"GM0363,Amsterdam", 1)
    one_problem(refused(data, "long.csv"), row=3, text="has 8 fields")


def test_a_file_cut_inside_a_quoted_field_is_refused_as_truncated():
    rows = [ROW, ["GM0363", "Amsterdam", "2016", "3", "", "", "Regel een\nregel twee\nregel drie"]]
    whole = generic(*rows)
    cut = whole[: whole.index(b"regel twee")]
    report = refused(cut, "cut.csv")
    problem = one_problem(report, row=3, text="truncated")
    assert "starts on line 3" in problem.text()
    assert len(report.problems) == 1


# --- 3. Resource limits -----------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_an_xlsx_zip_bomb_is_refused_before_parsing():
    bomb = _zip({"xl/worksheets/sheet1.xml": b"<row/>" * (XLSX_MAX_MEMBER_BYTES // 6 + 10)})
    start = time.process_time()
    report = refused(bomb, "bomb.xlsx")
    assert time.process_time() - start < 2
    one_problem(report, text="inflates")
    assert "sheet1.xml" in report.as_text()


def test_an_xlsx_part_with_an_absurd_compression_ratio_is_refused():
    bomb = _zip({"xl/sharedStrings.xml": b" " * (3 * 1024 * 1024)})
    one_problem(refused(bomb, "ratio.xlsx"), text="times its packed size")


def test_a_100000_row_file_is_refused_with_one_line():
    rows = [ROW] * 100_000
    data = generic(*rows)
    start = time.process_time()
    report = refused(data, "many.csv")
    assert time.process_time() - start < 2
    assert len(report.problems) == 1
    assert "more than" in report.problems[0].text() and "data rows" in report.problems[0].text()


def test_an_xlsx_with_too_many_rows_is_refused():
    table = [HEADER] + [ROW] * (5 * Datalab.objects.count() + 101)
    report = refused(xlsx_bytes(table), "many.xlsx")
    assert len(report.problems) == 1 and "data rows" in report.problems[0].text()


@pytest.fixture(scope="module")
def rows_100000_xlsx() -> bytes:
    """A workbook with 100,000 data rows, written as openpyxl's write-only mode does (the sheet
    does not state its size)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sheet1")
    sheet.append(HEADER)
    for _ in range(100_000):
        sheet.append(ROW)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _with_dimension(data: bytes) -> bytes:
    """The same workbook with a <dimension> element, as Excel writes it."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(
        b"<sheetData>", b'<dimension ref="A1:G100001"/><sheetData>', 1
    )
    return _zip(parts)


@pytest.mark.parametrize("dimension", [False, True])
def test_a_100000_row_xlsx_is_refused_quickly_with_one_line(rows_100000_xlsx, dimension):
    data = _with_dimension(rows_100000_xlsx) if dimension else rows_100000_xlsx
    start = time.process_time()
    report = refused(data, "many.xlsx")
    assert time.process_time() - start < 2
    assert len(report.problems) == 1, report.as_text()
    assert re.search(r"rows|inflates", report.problems[0].text())


def test_a_huge_csv_is_refused_by_size():
    data = generic(ROW) + b"#" * (11 * 1024 * 1024)
    one_problem(refused(data, "huge.csv"), text="at most 10 MB")


def test_the_command_refuses_a_bomb_with_a_clear_line(tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(_zip({"xl/worksheets/sheet1.xml": b"<c/>" * (8 * 1024 * 1024)}))
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_responses", str(path), wave="2019", mapping=str(GENERIC), stdout=out)
    assert "inflates" in out.getvalue()


# --- 4. Values --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "text"),
    [
        ("Startjaar", "1e400", "at most"),
        ("FTE", "1e400", "at most"),
        ("FTE", "NaN", "Enter a number"),
        ("FTE", "inf", "Enter a number"),
        ("FTE", "-Infinity", "Enter a number"),
        ("Startjaar", "2.017", "ambiguous"),
        ("Tips", "Begin\x00klein", "control character U+0000"),
        ("Tips", "Begin\x07klein", "control character U+0007"),
    ],
)
def test_bad_values_are_refused_with_row_and_column(column, value, text):
    row = dict(zip(HEADER, ROW, strict=True))
    row[column] = value
    report = refused(generic(list(row.values())), "values.csv")
    one_problem(report, row=2, column=column, text=text)


@pytest.mark.parametrize("value", ["1.000", "1,000"])
def test_thousands_are_not_read_as_decimals(value):
    mapping = """tool: generic
validation: partial
lab: {code: CBS-code}
questions: {projects: Projecten}
"""
    data = csv_bytes([["CBS-code", "Projecten"], ["GM0361", value]])
    report = refused(data, "p.csv", mapping="m.yaml", mapping_text=mapping)
    one_problem(report, row=2, column="Projecten", text="ambiguous")
    declared = mapping + 'numbers: {decimal: ",", thousands: "."}\n'
    report = run_import(data, "p.csv", "2019", "m.yaml", mapping_text=declared)
    expected = 1000 if value == "1.000" else None
    if expected:
        assert report.ok, report.as_text()
        assert Response.objects.get(lab__number=1, wave__slug="2019").answers["projects"] == 1000
    else:  # "1,000" is 1.0 with a decimal comma: not a whole number of projects ... but 1
        assert report.ok, report.as_text()
        assert Response.objects.get(lab__number=1, wave__slug="2019").answers["projects"] == 1


def test_a_tab_and_newline_are_fine_in_long_text():
    data = generic([*ROW[:6], "Regel een\n\tregel twee"])
    report = run_import(data, "t.csv", "2019", GENERIC)
    assert report.ok, report.as_text()
    assert Response.objects.get(lab__number=1).answers["tips"] == "Regel een\n\tregel twee"


# --- the web form shares these checks: an error on the page, never a 500 ----------------------


@pytest.fixture
def form_token():
    lab = Datalab.objects.order_by("number").first()
    wave = open_wave(slug="form-values", labs=[lab])
    return token_for(wave, lab), wave, lab


def _post(client, token, page, data):
    url = reverse("inventory:form-page", args=[token, page])
    html = client.get(url).content.decode()
    version = int(re.search(r'name="version" value="(\d+)"', html).group(1))
    return client.post(url, {**data, "version": version, "action": "next"})


@pytest.mark.parametrize(
    ("page", "data", "message"),
    [
        ("lab", {"projects": "1e400"}, "Vul een getal in van hoogstens"),
        ("lab", {"projects": "1.000"}, "dubbelzinnig"),
        ("lab", {"projects": "1,000"}, "dubbelzinnig"),
        ("staff", {"fte_own": "NaN"}, "Vul een getal in."),
        ("lab", {"lab_name": "Lab\x00naam"}, "stuurteken U+0000"),
        ("collaboration", {"partners": ["other"], "partners.other": "A\x00B"}, "stuurteken"),
    ],
)
def test_the_web_form_refuses_the_same_values_without_a_500(
    client, form_token, page, data, message
):
    token, wave, lab = form_token
    response = _post(client, token, page, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Response.objects.filter(wave=wave, lab=lab).exists()


# --- 5. Encoding --------------------------------------------------------------------------------


def test_one_latin1_row_in_a_utf8_file_is_refused_naming_row_and_column():
    rows = [
        ["GM0363", "Amsterdam", "2016", "3", "", "", "Eén tip, met\nmeer regels"],
        [*ROW[:6], "Één, twee"],
    ]
    data = generic(*rows).replace("Één, twee".encode(), "Één, twee".encode("cp1252"))
    report = refused(data, "mixed.csv")
    problem = one_problem(report, row=3, column="Tips", text="not valid UTF-8")
    assert "0xC9" in problem.text() and "column 7" in problem.text()


def test_a_whole_windows_1252_file_is_read_as_such():
    data = generic([*ROW[:6], "Één café"]).decode().encode("cp1252")
    report = run_import(data, "ansi.csv", "2019", GENERIC)
    assert report.ok, report.as_text()
    assert report.encoding == "Windows-1252" and report.notes
    assert Response.objects.get(lab__number=1).answers["tips"] == "Één café"


# --- 6. Free text -------------------------------------------------------------------------------


def test_google_forms_other_text_with_commas_is_kept_verbatim():
    wave = open_wave(slug="g-2026", version="2026", labs=[])
    report = run_import(googleforms_export(), "g.csv", wave, "googleforms-2026")
    assert report.ok, report.as_text()
    answers = Response.objects.get(wave=wave, lab__number=1).answers
    assert answers["partners.other"] == ANSWERS[1]["partners.other"]
    assert ", " in answers["partners.other"]


def test_a_too_long_other_text_is_refused_not_cut():
    wave = open_wave(slug="l-2026", version="2026", labs=[])
    table = limesurvey_table()
    column = table[0].index("partners[other]")
    table[1][column] = "x" * 501
    report = run_import(csv_bytes(table), "long.csv", wave, "limesurvey-2026")
    one_problem(report, row=2, text="at most 500 characters")
    assert not Response.objects.filter(wave=wave).exists()


# --- 7. Completeness ----------------------------------------------------------------------------


def test_an_incomplete_row_is_refused_when_the_mapping_says_so():
    wave = open_wave(slug="c-2026", version="2026", labs=[])
    table = limesurvey_table(incomplete=frozenset({12}))
    mapping = (
        (HERE.parents[2] / "src/datalab_monitor/inventory/imports/mappings")
        .joinpath("limesurvey-2026.yaml")
        .read_text()
        .replace("incomplete: draft", "incomplete: refuse")
    )
    report = run_import(csv_bytes(table), "c.csv", wave, "ls.yaml", mapping_text=mapping)
    one_problem(report, row=4, text="incomplete response")
    assert not Response.objects.filter(wave=wave).exists()


def test_a_partial_mapping_with_an_empty_submitdate_stores_a_draft_not_submitted():
    mapping = """tool: limesurvey
validation: partial
complete: {column: submitdate}
lab: {code: cbscode}
questions: {start_year: startyear}
"""
    data = csv_bytes([["submitdate", "cbscode", "startyear"], ["", "GM0361", "2017"]])
    report = run_import(data, "ls.csv", "2019", "ls.yaml", mapping_text=mapping)
    assert report.ok, report.as_text()
    assert Response.objects.get(lab__number=1, wave__slug="2019").status == "draft"


# --- 9. Messages --------------------------------------------------------------------------------


def test_an_encrypted_xlsx_is_called_password_protected():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500
    ole += "EncryptedPackage".encode("utf-16-le") + b"\0" * 500
    report = refused(ole, "beveiligd.xlsx")
    one_problem(report, text="password-protected")
    assert ".xls)" not in report.as_text()


def test_data_on_another_sheet_names_that_sheet_and_the_option():
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Uitleg"
    workbook.active.append(["Deze export is fictief."])
    data_sheet = workbook.create_sheet("Antwoorden")
    for row in (HEADER, ROW):
        data_sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    report = refused(buffer.getvalue(), "sheets.xlsx")
    assert len(report.problems) == 1
    text = report.problems[0].text()
    assert "'Antwoorden'" in text and "--sheet" in text
    ok = run_import(buffer.getvalue(), "sheets.xlsx", "2019", GENERIC, sheet="Antwoorden")
    assert ok.ok, ok.as_text()


def test_a_truncated_xlsx_is_reported_as_truncated_or_damaged():
    whole = xlsx_bytes([HEADER, ROW])
    report = refused(whole[: len(whole) // 2], "cut.xlsx")
    one_problem(report, text="truncated or damaged")


def test_importing_into_a_closed_wave_needs_confirmation(tmp_path):
    Wave.objects.filter(slug="2019").update(status=Wave.Status.CLOSED)
    data = generic(ROW)
    report = refused(data, "closed.csv", dry_run=True)
    one_problem(report, text="is closed")
    assert "--allow-closed" in report.as_text()
    path = tmp_path / "closed.csv"
    path.write_bytes(data)
    with pytest.raises(CommandError):
        call_command(
            "import_responses", str(path), wave="2019", mapping=str(GENERIC), stdout=io.StringIO()
        )
    call_command(
        "import_responses",
        str(path),
        wave="2019",
        mapping=str(GENERIC),
        allow_closed=True,
        stdout=io.StringIO(),
    )
    assert Response.objects.filter(wave__slug="2019", lab__number=1).exists()


def test_the_admin_needs_the_closed_wave_box(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    Wave.objects.filter(slug="2019").update(status=Wave.Status.PUBLISHED)
    url = reverse("inventory:import-responses")

    def post(**extra):
        return admin_client.post(
            url,
            {
                "action": "dry_run",
                "wave": "2019",
                "file": SimpleUploadedFile("a.csv", generic(ROW)),
                "mapping_file": SimpleUploadedFile("g.yaml", GENERIC.read_bytes()),
                **extra,
            },
        ).content.decode()

    assert "is published" in post() or "is gepubliceerd" in post()
    assert 'name="token"' in post(allow_closed="on")
