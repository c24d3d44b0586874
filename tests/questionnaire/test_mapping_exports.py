"""Version 2026, the mapping between versions, the codebook and the XLSForm (no database)."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from pyxform.xls2xform import convert

from datalab_monitor.questionnaire import load_version
from datalab_monitor.questionnaire.codebook import COLUMNS, codebook_csv, codebook_rows
from datalab_monitor.questionnaire.mapping import (
    MappingError,
    map_answers,
    option_map,
    source_question,
    split_groups,
)
from datalab_monitor.questionnaire.xlsform import export_xlsform


@pytest.fixture(scope="module")
def q2019():
    return load_version("2019")


@pytest.fixture(scope="module")
def q2026():
    return load_version("2026")


def test_2026_descends_from_2019_and_every_previous_reference_exists(q2019, q2026):
    assert q2026.previous_version == "2019"
    assert q2026.questions_by_topic().keys() == q2019.questions_by_topic().keys()
    for question in q2026.questions:
        old = source_question(question, q2019)
        if question.previous_code:
            assert old is not None, question.code
        for new_code, old_codes in question.previous_options.items():
            assert question.option(new_code) is not None, (question.code, new_code)
            for old_code in old_codes:
                assert old.option(old_code) is not None, (question.code, old_code)


def test_option_maps_show_renames_merges_and_splits(q2019, q2026):
    domains = q2026.question("domains")
    assert option_map(domains, q2019.question("domains"))["spatial"] == [
        "spatial_planning",
        "housing",
    ]
    assert split_groups(domains, q2019.question("domains")) == [["spatial_planning", "housing"]]
    sources = option_map(q2026.question("data_sources"), q2019.question("data_sources"))
    assert sources["kadaster"] == sources["base_registries"] == ["base_registries"]
    assert option_map(q2026.question("partners"), q2019.question("partners"))["society"] == [
        "civil_society"
    ]


def test_map_answers_translates_2019_into_2026(q2026):
    old = {
        "fte_own": 0.4,
        "partners": ["society", "cbs", "other"],
        "partners.other": "Politie",
        "domains": ["spatial", "social"],
        "data_sources": ["kadaster", "base_registries"],
        "working_method": "agile",
        "method_known": "yes",
        "tips": "Begin klein",
    }
    mapped = map_answers(old, "2019", "2026")
    assert mapped.answers == {
        "fte_dedicated": 0.4,
        "partners": ["cbs", "civil_society", "other"],
        "partners.other": "Politie",
        "domains": ["social", "spatial_planning", "housing"],
        "data_sources": ["base_registries"],
        "working_method": "agile",
        "method_known": "yes",
        "tips": "Begin klein",
    }
    assert mapped.ambiguous == {"domains": ["spatial"]}
    _, errors = q2026.validate(mapped.answers, partial=True)
    assert errors == {}
    # For pre-filling, a split is left for the respondent to choose.
    assert map_answers(old, "2019", "2026", on_split="drop").answers["domains"] == ["social"]


def test_map_answers_within_one_version_only_cleans():
    assert map_answers({"fte_own": "0,5"}, "2019", "2019").answers == {"fte_own": 0.5}


def test_map_answers_refuses_versions_that_are_not_connected():
    with pytest.raises(MappingError, match="does not descend"):
        map_answers({}, "2026", "2019")


def test_codebook_has_every_question_and_option_with_labels_and_mapping(q2026):
    rows = codebook_rows(q2026)
    questions = {row.question_code for row in rows if row.is_question}
    assert {q.code for q in q2026.questions} <= questions
    option_rows = [row for row in rows if row.option_code]
    assert len(option_rows) == sum(len(q.options) for q in q2026.questions)
    by_key = {(row.question_code, row.option_code): row for row in rows}
    assert by_key[("domains", "housing")].previous == "spatial"
    assert by_key[("data_sources", "base_registries")].previous == "base_registries + kadaster"
    assert by_key[("partners", "residents")].previous == "new"
    assert by_key[("fte_dedicated", "")].previous == "fte_own"
    assert by_key[("ai_use", "")].previous == "new"
    assert by_key[("method_known", "")].condition == "working_method in [agile, fixed_steps, other]"
    assert by_key[("partners.other", "")].type == "text"


def test_codebook_csv(q2019):
    text = codebook_csv(q2019)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert tuple(rows[0].keys()) == COLUMNS
    social = next(
        r for r in rows if (r["question_code"], r["option_code"]) == ("domains", "social")
    )
    assert social["label_nl"] == "Sociaal domein" and social["label_en"] == "Social domain"
    assert social["required"] == "yes" and social["previous"] == ""


@pytest.mark.parametrize("version", ["2019", "2026"])
def test_xlsform_converts_with_pyxform(tmp_path, version):
    questionnaire = load_version(version)
    path = export_xlsform(questionnaire, tmp_path / f"q{version}.xlsx")
    warnings: list[str] = []
    result = convert(xlsform=str(path), warnings=warnings)
    xform = result.xform
    assert "<h:title>" in xform and "Inventarisatie datalabs" in xform
    for question in questionnaire.questions:
        assert f"/{question.code}" in xform, question.code
    assert 'lang="Nederlands (nl)"' in xform and 'lang="English (en)"' in xform
    assert not [w for w in warnings if "error" in w.lower()]


def test_xlsform_sheets_carry_types_conditions_constraints_and_other_text(tmp_path, q2019):
    book = load_workbook(export_xlsform(q2019, tmp_path / "q.xlsx"))
    assert book.sheetnames == ["survey", "choices", "settings"]
    survey = list(book["survey"].iter_rows(values_only=True))
    header = survey[0]
    rows = {row[header.index("name")]: dict(zip(header, row, strict=True)) for row in survey[1:]}
    assert rows["partners"]["type"] == "select_multiple partners"
    assert rows["driven_by"]["type"] == "select_one driven_by"
    assert rows["management_support"]["type"] == "select_one management_support"
    assert rows["projects"]["type"] == "integer" and rows["fte_own"]["type"] == "decimal"
    assert rows["tips"]["appearance"] == "multiline"
    assert rows["start_year"]["required"] == "yes"
    assert rows["start_year"]["constraint"] == ". >= 2000 and . <= 2030"
    assert rows["method_known"]["relevant"].startswith("selected(${working_method}, 'agile')")
    assert rows["partners_other"]["relevant"] == "selected(${partners}, 'other')"
    assert rows["partners"]["constraint"] == "not(selected(., 'none') and count-selected(.) > 1)"
    assert rows["partners"]["label::Nederlands (nl)"] == "Met wie werkt het datalab samen?"
    assert rows["partners"]["label::English (en)"] == "Who does the data lab work with?"
    choices = list(book["choices"].iter_rows(values_only=True))
    assert ("domains", "social", "Sociaal domein", "Social domain") in choices
