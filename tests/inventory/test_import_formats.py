"""Each survey tool's export imports into exactly the answers written out by hand here."""

from __future__ import annotations

import pytest

from datalab_monitor.inventory.imports import run_import
from datalab_monitor.inventory.models import Response, ResponseRevision

from .import_files import (
    csv_bytes,
    english,  # noqa: F401
    mapping_columns,
    rows,
    wave_2019_open,  # noqa: F401
    xlsx_bytes,
)

pytestmark = pytest.mark.usefixtures("register", "english", "wave_2019_open")


def imported(data: bytes, name: str, mapping: str, **options):
    report = run_import(data, name, "2019", mapping, **options)
    assert report.ok, report.as_text()
    assert report.stored
    return report


def answers_of(number: int) -> dict:
    return Response.objects.get(wave__slug="2019", lab__number=number).answers


# --- LimeSurvey: question-code columns, one Y/empty column per option, QUESTION[other] ---------

LIMESURVEY_ALKMAAR = {
    "id": "7",
    "submitdate": "2019-01-15 10:02:11",
    "cbscode": "GM0361",
    "labname": "Datalab Alkmaar",
    "startyear": "2017",
    "drivenby": "A1",
    "projects": "12",
    "partners[SQ004]": "Y",
    "partners[SQ005]": "Y",
    "partners[other]": "Veiligheidsregio",
    "analysistypes[SQ001]": "Y",
    "analysistypes[SQ002]": "Y",
    "domains[SQ001]": "Y",
    "domains[SQ006]": "Y",
    "fteown": "1,5",
    "contributors": "6",
    "roles[SQ001]": "Y",
    "roles[SQ004]": "Y",
    "funding[SQ002]": "Y",
    "datasources[SQ001]": "Y",
    "datasources[SQ003]": "Y",
    "datasources[SQ005]": "Y",
    "workingmethod": "-oth-",
    "workingmethod[other]": "Scrum-achtig",
    "methodknown": "A2",
    "privacymeasures[SQ001]": "Y",
    "privacymeasures[SQ003]": "Y",
    "managementsupport": "4",
    "improvements[SQ001]": "Y",
    "improvements[SQ003]": "Y",
    "tips": "Begin klein, met één vraag.",
    "lessons": "Betrek de privacy officer vroeg.",
}
LIMESURVEY_DEN_BOSCH = {
    "id": "9",
    "submitdate": "2019-01-20 16:40:00",
    "cbscode": "796",
    "labname": "Gemeente 's-Hertogenbosch",
    "startyear": "2016",
    "drivenby": "A3",
    "partners[SQ011]": "Y",
    "analysistypes[SQ001]": "Y",
    "analysistypes[SQ002]": "Y",
    "analysistypes[SQ003]": "Y",
    "domains[SQ002]": "Y",
    "domains[other]": "Cultuur",
    "fteown": "0",
    "funding[SQ005]": "Y",
    "workingmethod": "A1",
    "methodknown": "A1",
    "improvements[SQ002]": "Y",
}


def test_limesurvey_csv():
    header = ["id", "submitdate", "lastpage", *mapping_columns("limesurvey-2019")]
    data = csv_bytes(rows(header, [LIMESURVEY_ALKMAAR, LIMESURVEY_DEN_BOSCH]))
    report = imported(data, "limesurvey-export.csv", "limesurvey-2019")
    assert report.encoding == "UTF-8" and report.delimiter == ","
    assert answers_of(1) == {
        "lab_name": "Datalab Alkmaar",
        "start_year": 2017,
        "driven_by": "demand",
        "projects": 12,
        "partners": ["cbs", "universities", "other"],
        "partners.other": "Veiligheidsregio",
        "analysis_types": ["descriptive", "diagnostic"],
        "domains": ["social", "sustainability"],
        "fte_own": 1.5,
        "contributors": 6,
        "roles": ["project_lead", "data_analyst"],
        "funding": ["project_basis"],
        "data_sources": ["base_registries", "cbs", "internal"],
        "working_method": "other",
        "working_method.other": "Scrum-achtig",
        "method_known": "partly",
        "privacy_measures": ["dpia", "pseudonymisation"],
        "management_support": 4,
        "improvements": ["knowledge", "staff"],
        "tips": "Begin klein, met één vraag.",
        "lessons": "Betrek de privacy officer vroeg.",
    }
    assert answers_of(28) == {
        "lab_name": "Gemeente 's-Hertogenbosch",
        "start_year": 2016,
        "driven_by": "both",
        "partners": ["none"],
        "analysis_types": ["descriptive", "diagnostic", "predictive"],
        "domains": ["safety", "other"],
        "domains.other": "Cultuur",
        "fte_own": 0,
        "funding": ["none"],
        "working_method": "agile",
        "method_known": "yes",
        "improvements": ["money"],
    }
    response = Response.objects.get(wave__slug="2019", lab__number=1)
    assert (response.status, response.source, response.version) == ("submitted", "import", 1)
    revision = ResponseRevision.objects.get(response=response)
    assert revision.changed_by == "import:limesurvey-export.csv"
    assert revision.answers == response.answers


# --- KoboToolbox / ODK: XML values; multiple choice space-separated and/or 0/1 per option ------

KOBO_ENSCHEDE = {
    "start": "2019-01-10T09:00:00.000+01:00",
    "_id": "101",
    "_submission_time": "2019-01-10T09:30:12",
    "lab/lab_name": "Gemeente Enschede",
    "lab/start_year": "2018",
    "lab/driven_by": "both",
    "lab/projects": "3",
    "collaboration/partners": "municipalities universities_applied other",
    "collaboration/partners_other": "Saxion lectoraat",
    "work/analysis_types": "descriptive",
    "work/domains": "social care",
    "staff/fte_own": "0.8",
    "staff/contributors": "4",
    "staff/roles": "data_analyst domain_experts",
    "resources/funding": "general_funds",
    "resources/data_sources": "open_data internal",
    "method/working_method": "fixed_steps",
    "method/method_known": "no",
    "method/privacy_measures": "agreements",
    "method/management_support": "3",
    "improvement/improvements": "money staff tools",
}
KOBO_ENSCHEDE_ANSWERS = {
    "lab_name": "Gemeente Enschede",
    "start_year": 2018,
    "driven_by": "both",
    "projects": 3,
    "partners": ["municipalities", "universities_applied", "other"],
    "partners.other": "Saxion lectoraat",
    "analysis_types": ["descriptive"],
    "domains": ["social", "care"],
    "fte_own": 0.8,
    "contributors": 4,
    "roles": ["data_analyst", "domain_experts"],
    "funding": ["general_funds"],
    "data_sources": ["open_data", "internal"],
    "working_method": "fixed_steps",
    "method_known": "no",
    "privacy_measures": ["agreements"],
    "management_support": 3,
    "improvements": ["money", "staff", "tools"],
}
KOBO_FRIESLAND = {
    "_id": "102",
    "_submission_time": "2019-01-11T14:02:55",
    "lab/lab_name": "Urban Data Center Fryslân",
    "lab/start_year": "2019",
    "collaboration/partners": "cbs province",
    "work/analysis_types": "descriptive predictive",
    "work/domains": "other",
    "work/domains_other": "Leefbaarheid op het platteland",
    "staff/fte_own": "2",
    "resources/funding": "none",
    "improvement/improvements": "data_access",
}
KOBO_FRIESLAND_ANSWERS = {
    "lab_name": "Urban Data Center Fryslân",
    "start_year": 2019,
    "partners": ["province", "cbs"],
    "analysis_types": ["descriptive", "predictive"],
    "domains": ["other"],
    "domains.other": "Leefbaarheid op het platteland",
    "fte_own": 2,
    "funding": ["none"],
    "improvements": ["data_access"],
}
KOBO_META = ["start", "end", "_id", "_uuid", "_submission_time"]


def test_kobo_csv_with_space_separated_codes():
    header = KOBO_META + mapping_columns("kobo-2019", per_option=False)
    assert "collaboration/partners/cbs" not in header
    data = csv_bytes(rows(header, [KOBO_ENSCHEDE, KOBO_FRIESLAND]), delimiter=";")
    report = imported(data, "kobo.csv", "kobo-2019")
    assert report.delimiter == ";"
    assert answers_of(6) == KOBO_ENSCHEDE_ANSWERS
    assert answers_of(31) == KOBO_FRIESLAND_ANSWERS


def as_option_columns(record: dict) -> dict:
    """The same Kobo record with one 0/1 column per option instead of the joined codes."""
    columns = mapping_columns("kobo-2019", joined=False)
    converted = {column: "0" for column in columns if column.count("/") == 2}
    for column, value in record.items():
        if column in columns or "/" not in column:  # mapped or the tool's meta column
            converted[column] = value
        else:  # a joined select_multiple column
            for code in value.split():
                converted[f"{column}/{code}"] = "1"
    return converted


def test_kobo_csv_with_one_column_per_option():
    header = KOBO_META + mapping_columns("kobo-2019", joined=False)
    assert "collaboration/partners" not in header and "collaboration/partners/cbs" in header
    records = [as_option_columns(KOBO_ENSCHEDE), as_option_columns(KOBO_FRIESLAND)]
    imported(csv_bytes(rows(header, records)), "kobo-per-option.csv", "kobo-2019")
    assert answers_of(6) == KOBO_ENSCHEDE_ANSWERS
    assert answers_of(31) == KOBO_FRIESLAND_ANSWERS


def test_kobo_xlsx_with_both_and_headers_without_groups():
    grouped = mapping_columns("kobo-2019")
    header = KOBO_META + [column.split("/", 1)[1] for column in grouped]
    record = {**as_option_columns(KOBO_ENSCHEDE), **KOBO_ENSCHEDE}  # joined and per option
    # XLSX cells are numbers where the tool writes numbers.
    record.update({"lab/start_year": 2018, "lab/projects": 3, "staff/fte_own": 0.8})
    record = {
        (key.split("/", 1)[1] if "/" in key else key): (
            int(value) if key.count("/") == 2 else value
        )
        for key, value in record.items()
    }
    data = xlsx_bytes(rows(header, [record]), sheet="Kobo export")
    report = imported(data, "kobo.xlsx", "kobo-2019")
    assert report.file_format == "xlsx" and report.sheet == "Kobo export"
    assert answers_of(6) == KOBO_ENSCHEDE_ANSWERS


# --- Microsoft Forms: labels joined with ";" and a trailing ";", "Other" text among them -------

MSFORMS_META = ["ID", "Start time", "Completion time", "Email", "Name"]


def msforms_header() -> list[str]:
    return MSFORMS_META + mapping_columns("msforms-2019")


MSFORMS_TWENTE = {
    "ID": 1,
    "Completion time": "2019-02-03 10:15:00",
    "Email": "j.jansen@example.nl",
    "Name": "Jan Jansen",
    "Hoe heet het datalab?": "Datalab Twente",
    "In welk jaar is het datalab gestart?": 2019,
    "Werkt het datalab vooral vraaggestuurd of aanbodgestuurd?": "Vooral vraaggestuurd",
    "Met wie werkt het datalab samen?": "Andere gemeenten;Universiteiten;Provinciale staten;",
    "Wat voor analyses doet het datalab?": "Beschrijvend;Voorspellend;",
    "In welk domein werkt het datalab?": "Sociaal domein;Duurzaamheid, energie en milieu;",
    "Hoeveel eigen (vaste) FTE heeft het datalab?": "2,5",
    "Hoe wordt het datalab gefinancierd?": "Externe subsidie;",
    "Hoe werkt het datalab?": "Agile",
    "Is deze werkwijze in de hele organisatie bekend?": "Gedeeltelijk",
    "Welke privacymaatregelen neemt het datalab?": "Geen specifieke maatregelen;",
    "In hoeverre steunt de directie het datalab?": 5,
    "Wat kan er beter?": "Geld;Samenwerking;",
}


def test_msforms_xlsx():
    data = xlsx_bytes(rows(msforms_header(), [MSFORMS_TWENTE]), sheet="Form1")
    report = imported(data, "Inventarisatie datalabs(1-1).xlsx", "msforms-2019")
    assert answers_of(24) == {
        "lab_name": "Datalab Twente",
        "start_year": 2019,
        "driven_by": "demand",
        "partners": ["municipalities", "universities", "other"],
        "partners.other": "Provinciale staten",
        "analysis_types": ["descriptive", "predictive"],
        "domains": ["social", "sustainability"],
        "fte_own": 2.5,
        "funding": ["external_subsidy"],
        "working_method": "agile",
        "method_known": "partly",
        "privacy_measures": ["none"],
        "management_support": 5,
        "improvements": ["money", "collaboration"],
    }
    text = report.as_text()
    assert "example.nl" not in text and "Jansen" not in text


# --- Google Forms: labels joined with ", " (labels may contain commas) --------------------------

GOOGLE_META = ["Tijdstempel", "E-mailadres"]


def google_header() -> list[str]:
    return GOOGLE_META + mapping_columns("googleforms-2019")


GOOGLE_DEN_HAAG = {
    "Tijdstempel": "2019/02/01 11:12:13",
    "E-mailadres": "data@denhaag.example",
    "Hoe heet het datalab?": "Gemeente Den Haag",
    "In welk jaar is het datalab gestart?": "2015",
    "Met wie werkt het datalab samen?": "CBS, Hogescholen",
    "Wat voor analyses doet het datalab?": "Beschrijvend, Diagnostisch",
    "In welk domein werkt het datalab?": "Duurzaamheid, energie en milieu, Sociaal domein, Cultuur en erfgoed",
    "Hoeveel eigen (vaste) FTE heeft het datalab?": "0,5",
    "Hoe wordt het datalab gefinancierd?": "Uit de algemene middelen, Op projectbasis",
    "Welke rollen zijn in het datalab aanwezig?": "Data scientist, Data-analist of -adviseur",
    "Wat kan er beter?": "Toegang tot en kwaliteit van data, Duidelijkheid over privacy en juridische kaders",
    "In hoeverre steunt de directie het datalab?": "4",
    "Welke tips heeft u voor andere datalabs?": "Deel code, ook als die nog niet af is.",
}


def test_google_forms_csv():
    data = csv_bytes(rows(google_header(), [GOOGLE_DEN_HAAG]))
    imported(data, "Inventarisatie datalabs (antwoorden).csv", "googleforms-2019")
    assert answers_of(29) == {
        "lab_name": "Gemeente Den Haag",
        "start_year": 2015,
        "partners": ["cbs", "universities_applied"],
        "analysis_types": ["descriptive", "diagnostic"],
        "domains": ["social", "sustainability", "other"],
        "domains.other": "Cultuur en erfgoed",
        "fte_own": 0.5,
        "funding": ["general_funds", "project_basis"],
        "roles": ["data_scientist", "data_analyst"],
        "improvements": ["data_access", "privacy_legal"],
        "management_support": 4,
        "tips": "Deel code, ook als die nog niet af is.",
    }
