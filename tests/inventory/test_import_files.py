"""Encodings, delimiters, decimal commas and stray spaces in CSV files (generic mapping)."""

from __future__ import annotations

import pytest

from datalab_monitor.inventory.imports import run_import
from datalab_monitor.inventory.models import Response

from .import_files import (
    HERE,
    csv_bytes,
    english,  # noqa: F401
    wave_2019_open,  # noqa: F401
)

pytestmark = pytest.mark.usefixtures("register", "english", "wave_2019_open")
MAPPING = HERE / "generic-small.yaml"
HEADER = ["CBS-code", "Datalab", "Startjaar", "FTE", "Domeinen", "Steun", "Tips"]


def answers_of(number: int) -> dict:
    return Response.objects.get(wave__slug="2019", lab__number=number).answers


def run(data: bytes, name: str = "labs.csv", **options):
    report = run_import(data, name, "2019", MAPPING, **options)
    assert report.ok, report.as_text()
    return report


def test_utf8_with_bom():
    table = [HEADER, ["GM0363", "Amsterdam", "2016", "3", "Sociaal domein", "", "Één tip"]]
    report = run(csv_bytes(table, bom=True))
    assert report.encoding == "UTF-8" and not report.notes
    assert answers_of(3) == {
        "start_year": 2016,
        "fte_own": 3,
        "domains": ["social"],
        "tips": "Één tip",
    }


def test_windows_1252_with_accents_is_detected_and_reported():
    table = [
        HEADER,
        ["", "Urban Data Center Fryslân", "2018", "1,5", "", "", "Súdwest-Fryslân doet mee"],
    ]
    data = csv_bytes(table, delimiter=";", encoding="cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    report = run(data)
    assert report.encoding == "Windows-1252"
    assert "Windows-1252" in report.as_text()
    assert answers_of(31) == {
        "start_year": 2018,
        "fte_own": 1.5,
        "tips": "Súdwest-Fryslân doet mee",
    }


def test_semicolon_quoted_fields_decimal_commas_and_stray_spaces():
    text = (
        " CBS-code ; Datalab ;Startjaar; FTE ;Domeinen;Steun;Tips\r\n"
        '  0361 ;  Gemeente   Alkmaar ; 2017 ;" 12,5 ";" Duurzaamheid, energie en milieu ,'
        ' Veiligheid ";  4 ;"Eerste regel; met puntkomma"\r\n'
        "\r\n"
        ";gemeente LEIDEN;2019;0,25;;;\r\n"
    )
    report = run(text.encode("utf-8"))
    assert report.delimiter == ";" and report.rows_read == 2
    assert answers_of(1) == {
        "start_year": 2017,
        "fte_own": 12.5,
        "domains": ["safety", "sustainability"],
        "management_support": 4,
        "tips": "Eerste regel; met puntkomma",
    }
    assert answers_of(35) == {"start_year": 2019, "fte_own": 0.25}


def test_tab_delimiter():
    table = [HEADER, ["GM0772", "Eindhoven", "2017", "0,5", "", "", ""]]
    report = run(csv_bytes(table, delimiter="\t"))
    assert report.delimiter == "\t"
    assert answers_of(30) == {"start_year": 2017, "fte_own": 0.5}


def test_excel_unicode_text_utf16_tab_separated():
    table = [HEADER, ["", "Gemeente Groningen", "2018", "1,25", "", "", "Één"]]
    report = run(csv_bytes(table, delimiter="\t", encoding="utf-16"))
    assert (report.encoding, report.delimiter) == ("UTF-16", "\t")
    assert answers_of(32) == {"start_year": 2018, "fte_own": 1.25, "tips": "Één"}


def test_xlsx_sheet_can_be_chosen_and_an_unknown_sheet_is_named():
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Toelichting"
    workbook.active.append(["Deze export bevat de antwoorden op het tweede blad."])
    answers = workbook.create_sheet("Antwoorden")
    answers.append(HEADER)
    answers.append(["GM0014", "Groningen", 2017, 0.5, None, 3, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()

    wrong = run_import(data, "two.xlsx", "2019", MAPPING, sheet="Blad1")
    assert "has no sheet 'Blad1'; it has: Toelichting, Antwoorden" in wrong.as_text()
    report = run(data, "two.xlsx", sheet="Antwoorden")
    assert report.sheet == "Antwoorden"
    assert answers_of(32) == {"start_year": 2017, "fte_own": 0.5, "management_support": 3}


def test_a_municipality_merged_since_finds_the_lab_of_its_predecessor():
    """Heerhugowaard (GM0398, lab 8) merged into Dijk en Waard (GM1980) in 2022."""
    table = [
        HEADER,
        ["GM1980", "", "2017", "", "", "", ""],
    ]
    run(csv_bytes(table))
    assert answers_of(8) == {"start_year": 2017}
    Response.objects.all().delete()
    run(csv_bytes([HEADER, ["", "Gemeente Dijk en Waard", "2018", "", "", "", ""]]))
    assert answers_of(8) == {"start_year": 2018}
