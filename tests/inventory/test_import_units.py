"""The import's building blocks: choice splitting, lab names and codes, delimiters, mappings."""

from __future__ import annotations

import pytest

from datalab_monitor.inventory.imports import MappingError, parse_mapping, shipped_mappings
from datalab_monitor.inventory.imports.convert import split_choices
from datalab_monitor.inventory.imports.labs import municipality_code, name_key
from datalab_monitor.inventory.imports.mapping import load_mapping, normalise
from datalab_monitor.inventory.imports.readers import cell_text, sniff_delimiter
from datalab_monitor.questionnaire import load_version
from datalab_monitor.questionnaire.xlsform import survey_rows

Q2019 = load_version("2019")
DOMAIN_LABELS = [normalise(o.label.nl) for o in Q2019.question("domains").options] + [
    normalise(o.label.en) for o in Q2019.question("domains").options
]


@pytest.mark.parametrize(
    ("text", "separator", "expected"),
    [
        ("social care", " ", ["social", "care"]),
        ("Sociaal domein;Veiligheid;", ";", ["Sociaal domein", "Veiligheid"]),
        (
            "Duurzaamheid, energie en milieu, Sociaal domein",
            ",",
            ["Duurzaamheid, energie en milieu", "Sociaal domein"],
        ),
        (
            "sociaal  DOMEIN ,  duurzaamheid, energie en milieu",
            ",",
            ["sociaal  DOMEIN", "duurzaamheid, energie en milieu"],
        ),
        # Text that is no known label is kept whole and verbatim (an "other" answer).
        ("Veiligheid, Kunst, cultuur", ",", ["Veiligheid", "Kunst, cultuur"]),
        ("Kunst, cultuur, Veiligheid", ",", ["Kunst, cultuur", "Veiligheid"]),
        ("", ";", []),
    ],
)
def test_split_choices_matches_known_labels_first(text, separator, expected):
    assert split_choices(text, separator, DOMAIN_LABELS) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("GM0796", "GM0796"),
        ("0796", "GM0796"),
        ("796", "GM0796"),
        ("gm 796", "GM0796"),
        ("x", None),
    ],
)
def test_municipality_code(value, code):
    assert municipality_code(value) == code


def test_name_key_ignores_case_accents_punctuation_and_gemeente():
    assert name_key("Gemeente 's-Hertogenbosch") == name_key("s-Hertogenbosch") == "s hertogenbosch"
    assert name_key("  Súdwest-Fryslân ") == name_key("SUDWEST FRYSLAN")
    assert name_key("Gemeente") == "gemeente"


def test_sniff_delimiter_ignores_quoted_names():
    assert sniff_delimiter('"Met wie, en waarom?";"Jaar";"FTE"') == ";"
    assert sniff_delimiter("a,b;c,d") == ","
    assert sniff_delimiter("a\tb\tc") == "\t"
    assert sniff_delimiter("alleen") == ","


def test_cell_text():
    assert [cell_text(v) for v in (None, 4.0, 0.5, True, "  a  b ")] == ["", "4", "0.5", "1", "a b"]


@pytest.mark.parametrize(
    "name", ["limesurvey-2019", "kobo-2019", "msforms-2019", "googleforms-2019"]
)
def test_shipped_mappings_load_and_cover_every_question(name):
    assert name in shipped_mappings()
    mapping = load_mapping(name, Q2019)
    assert {m.question.code for m in mapping.questions} == {q.code for q in Q2019.questions}
    for question_mapping in mapping.questions:
        question = question_mapping.question
        if question_mapping.option_columns:
            others = {o.code for o in question.options if o.other}
            mapped = set(question_mapping.option_columns.values())
            assert mapped | others == set(question.option_codes), question.code


def test_kobo_mapping_uses_the_xlsform_names():
    """The KoboToolbox mapping reads exactly the fields of our XLSForm (group/name)."""
    fields, group = set(), None
    for row in survey_rows(Q2019):
        if row["type"] == "begin group":
            group = row["name"]
        elif row["type"] != "end group":
            fields.add(f"{group}/{row['name']}")
    mapping = load_mapping("kobo-2019", Q2019)
    for question_mapping in mapping.questions:
        assert question_mapping.column in fields
        if question_mapping.other_column:
            assert question_mapping.other_column in fields
        for column, code in question_mapping.option_columns.items():
            assert column == f"{question_mapping.column}/{code}"


def test_mapping_errors_name_every_fault():
    text = """
tool: surveymonkey
colour: blue
lab: {}
questions:
  start_year: {column: Jaar, values: {a: b}}
  partners: {options: {"P[1]": aliens}, separator: 7}
  driven_by: {column: X, other: Y}
  tips: {}
"""
    with pytest.raises(MappingError) as caught:
        parse_mapping(text, Q2019, source="bad.yaml")
    problems = "\n".join(caught.value.problems)
    for fragment in (
        "unknown key 'colour'",
        "tool: must be one of",
        "lab: needs",
        "questions.start_year.values: a year question has no options",
        "questions.partners.options.P[1]: 'aliens' is not an option",
        "questions.partners.separator",
        "questions.driven_by.other: the question has no 'other, namely' option",
        "questions.tips: needs 'column' or 'options'",
    ):
        assert fragment in problems
    assert str(caught.value).startswith("bad.yaml: ")


def test_mapping_for_another_questionnaire_version_is_refused():
    with pytest.raises(MappingError, match="written for version 2026"):
        parse_mapping('tool: generic\nquestionnaire: "2026"\nlab: x\nquestions: {tips: T}', Q2019)


def test_every_example_in_the_documentation_is_a_valid_mapping():
    from pathlib import Path

    docs = Path(__file__).resolve().parents[2] / "docs" / "imports.md"
    blocks = docs.read_text(encoding="utf-8").split("```yaml\n")[1:]
    assert len(blocks) >= 6
    for block in blocks:
        parse_mapping(block.split("```", 1)[0], Q2019, source="docs/imports.md")


def test_every_import_message_has_a_dutch_translation():
    """The report's messages (gettext_noop), the page and the form are all in the .po file."""
    import ast
    from pathlib import Path

    import polib

    from datalab_monitor.core.i18n import po_files

    from ..web.msgids import msgids_in_python, msgids_in_template

    package = Path(__file__).resolve().parents[2] / "src" / "datalab_monitor" / "inventory"
    msgids = {m.msgid for m in msgids_in_python(package / "import_admin.py")}
    for template in (package / "templates" / "inventory" / "import").glob("*.html"):
        msgids |= {m.msgid for m in msgids_in_template(template)}
    for module in (package / "imports").glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            name = getattr(getattr(node, "func", None), "id", None)
            if name in ("_noop", "gettext") and isinstance(node.args[0], ast.Constant):
                msgids.add(node.args[0].value)
    translated = {
        entry.msgid
        for path in po_files()
        for entry in polib.pofile(str(path))
        if entry.translated()
    }
    # Identical msgids the Django admin already translates, and a bare placeholder.
    missing = msgids - translated - {"Home", "Django site admin", "{error}"}
    assert len(msgids) > 60
    assert not missing, sorted(missing)


def test_full_validation_needs_every_required_question_mapped():
    with pytest.raises(MappingError, match="required question 'fte_own' is not mapped"):
        parse_mapping("tool: generic\nlab: x\nquestions: {tips: T}", Q2019)
