"""Mapping files: how a survey tool's columns and values become our question and option codes.

A mapping is YAML (see docs/imports.md)::

    tool: limesurvey            # limesurvey | kobo | msforms | googleforms | generic
    questionnaire: "2019"       # optional: the questionnaire version it was written for
    validation: full            # full (required answers checked, the default) | partial
    complete: {column: submitdate}             # the column that marks a complete response
    incomplete: draft           # an incomplete row becomes a draft (default) | refuse
    numbers: {decimal: ",", thousands: "."}    # optional; default: both, ambiguity refused
    lab: {code: gemeentecode, name: datalab}   # column(s) that identify the lab
    questions:
      start_year: Q02                          # shorthand for {column: Q02}
      driven_by: {column: Q03, values: {A1: demand, A2: supply, A3: both}}
      partners:
        options: {"Q05[SQ001]": municipalities, "Q05[SQ002]": province}
        other: "Q05[other]"

Every problem is reported with the mapping file and the path inside it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from datalab_monitor.questionnaire import Question, Questionnaire, QuestionType
from datalab_monitor.questionnaire.schema import other_key
from datalab_monitor.questionnaire.validation import ANY_FORMAT, NumberFormat
from datalab_monitor.yamlerrors import describe_yaml_error

MAPPINGS_DIR = Path(__file__).resolve().parent / "mappings"
TOOLS = ("limesurvey", "kobo", "msforms", "googleforms", "generic")
# How a tool joins the choices of a multiple-choice question in one column.
DEFAULT_SEPARATORS = {
    "limesurvey": ";",
    "kobo": " ",
    "msforms": ";",
    "googleforms": ",",
    "generic": ";",
}
QUESTION_KEYS = {"column", "options", "values", "separator", "other", "unmatched"}
TOP_KEYS = {
    "tool",
    "questionnaire",
    "validation",
    "lab",
    "questions",
    "description",
    "complete",
    "incomplete",
    "numbers",
}
INCOMPLETE = ("draft", "refuse")
_SPACES = re.compile(r"\s+")


class MappingError(ValueError):
    """A mapping file is invalid; ``problems`` lists every fault with its place in the file."""

    def __init__(self, source: str, problems: list[str]) -> None:
        super().__init__(f"{source}: " + "; ".join(problems))
        self.source = source
        self.problems = problems


def normalise(value: str) -> str:
    """How values are compared with codes and labels: case- and space-insensitive."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", str(value))).strip().casefold()


@dataclass(frozen=True)
class QuestionMapping:
    """Where one question's answer is in the file and how its values become option codes."""

    question: Question
    column: str | None = None
    option_columns: dict[str, str] = field(default_factory=dict)  # column -> option code
    values: dict[str, str] = field(default_factory=dict)  # normalised tool value -> code
    separator: str = ";"
    other_column: str | None = None
    unmatched_is_other: bool = False

    @property
    def columns(self) -> list[str]:
        found = [self.column] if self.column else []
        found += list(self.option_columns)
        if self.other_column:
            found.append(self.other_column)
        return found

    def lookup(self) -> dict[str, str]:
        """Known values -> option code: the mapping's own values, then codes and labels."""
        table: dict[str, str] = {}
        for option in self.question.options:
            for text in (option.label.en, option.label.nl, option.code):
                if text:
                    table[normalise(text)] = option.code
        table.update(self.values)
        return table


@dataclass(frozen=True)
class Mapping:
    name: str
    tool: str
    questions: tuple[QuestionMapping, ...]
    lab_code_column: str | None = None
    lab_name_column: str | None = None
    questionnaire_version: str | None = None
    partial: bool = False
    complete_columns: tuple[str, ...] = ()  # the column marking a complete response (or
    # alternatives: the first the file has counts, e.g. "Timestamp" / "Tijdstempel")
    complete_values: tuple[str, ...] = ()  # normalised; empty: any non-empty cell is complete
    incomplete: str = "draft"  # what an incomplete row becomes: draft | refuse
    number_format: NumberFormat = ANY_FORMAT

    @property
    def lab_columns(self) -> list[str]:
        return [c for c in (self.lab_code_column, self.lab_name_column) if c]

    @property
    def covered(self) -> set[str]:
        """The answer keys this mapping fills (question codes and their "other" texts)."""
        keys = {m.question.code for m in self.questions}
        keys |= {other_key(m.question.code) for m in self.questions if m.question.other_option}
        return keys

    def is_complete(self, cell: str | None) -> bool:
        """Whether a row whose completeness cell is ``cell`` is a complete response."""
        if not self.complete_columns:
            return True
        text = normalise(cell or "")
        return text in self.complete_values if self.complete_values else bool(text)


def shipped_mappings() -> list[str]:
    """The example mappings that come with the package (names without '.yaml')."""
    return sorted(path.stem for path in MAPPINGS_DIR.glob("*.yaml"))


def resolve_path(reference: str | Path) -> Path:
    """A mapping file path, or the name of a shipped mapping such as 'limesurvey-2019'."""
    path = Path(reference)
    if path.is_file():
        return path
    shipped = MAPPINGS_DIR / f"{Path(str(reference)).stem}.yaml"
    if shipped.is_file() and not path.parent.parts:
        return shipped
    raise MappingError(
        str(reference),
        [f"file not found (shipped mappings: {', '.join(shipped_mappings())})"],
    )


def load_mapping(reference: str | Path, questionnaire: Questionnaire) -> Mapping:
    path = resolve_path(reference)
    return parse_mapping(path.read_text(encoding="utf-8-sig"), questionnaire, source=path.name)


def parse_mapping(text: str, questionnaire: Questionnaire, source: str = "mapping") -> Mapping:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise MappingError(source, [describe_yaml_error(exc)]) from exc
    if not isinstance(data, dict):
        raise MappingError(source, ["expected a mapping with 'tool', 'lab' and 'questions'"])
    problems: list[str] = []
    for key in sorted(set(data) - TOP_KEYS):
        problems.append(f"unknown key '{key}' (known: {', '.join(sorted(TOP_KEYS))})")
    tool = str(data.get("tool") or "")
    if tool not in TOOLS:
        problems.append(f"tool: must be one of {', '.join(TOOLS)}")
    version = data.get("questionnaire")
    if version is not None and str(version) != questionnaire.version:
        problems.append(
            f"questionnaire: written for version {version}, "
            f"but the wave uses version {questionnaire.version}"
        )
    validation = data.get("validation", "full")
    if validation not in ("full", "partial"):
        problems.append("validation: must be 'full' or 'partial'")
    lab = data.get("lab")
    code_column = name_column = None
    if isinstance(lab, str):
        name_column = lab.strip()
    elif (
        isinstance(lab, dict)
        and set(lab) <= {"code", "name"}
        and (lab.get("code") or lab.get("name"))
    ):
        code_column = _column(lab.get("code"))
        name_column = _column(lab.get("name"))
    else:
        problems.append("lab: needs 'code' (CBS code column) and/or 'name' (lab name column)")
    questions_data = data.get("questions")
    mappings: list[QuestionMapping] = []
    if not isinstance(questions_data, dict) or not questions_data:
        problems.append("questions: needs at least one question code with its column(s)")
        questions_data = {}
    for code, spec in questions_data.items():
        try:
            question = questionnaire.question(str(code))
        except KeyError:
            problems.append(
                f"questions.{code}: questionnaire {questionnaire.version} has no such question"
            )
            continue
        mapping = _question_mapping(question, spec, tool, f"questions.{code}", problems)
        if mapping is not None:
            mappings.append(mapping)
    complete_columns, complete_values = _complete(data.get("complete"), tool, problems)
    incomplete = data.get("incomplete", "draft")
    if incomplete not in INCOMPLETE:
        problems.append(f"incomplete: must be one of {', '.join(INCOMPLETE)}")
    number_format = _number_format(data.get("numbers"), problems)
    mapped = {mapping.question.code for mapping in mappings}
    if validation == "full":
        for question in questionnaire.questions:
            if question.required and question.code not in mapped:
                problems.append(
                    f"questions: required question '{question.code}' is not mapped "
                    "(map it, or use 'validation: partial')"
                )
    if problems:
        raise MappingError(source, problems)
    return Mapping(
        name=source,
        tool=tool,
        questions=tuple(mappings),
        lab_code_column=code_column,
        lab_name_column=name_column,
        questionnaire_version=str(version) if version is not None else None,
        partial=validation == "partial",
        complete_columns=complete_columns,
        complete_values=complete_values,
        incomplete=incomplete,
        number_format=number_format,
    )


def _complete(spec: Any, tool: str, problems: list[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``complete: {column: submitdate}``, ``{column: [Timestamp, Tijdstempel]}`` or
    ``{column: _status, values: [submitted]}``."""
    if spec is None:
        if tool != "generic":
            problems.append(
                f"complete: a {tool} mapping must say which column marks a complete response "
                "(e.g. complete: {column: submitdate})"
            )
        return (), ()
    if isinstance(spec, str | list):
        spec = {"column": spec}
    if not isinstance(spec, dict) or set(spec) - {"column", "values"} or not spec.get("column"):
        problems.append("complete: needs 'column' and optionally 'values' (the complete ones)")
        return (), ()
    values = spec.get("values") or []
    if not isinstance(values, list) or not all(isinstance(v, str | int) for v in values):
        problems.append("complete.values: must be a list of values")
        values = []
    names = spec["column"] if isinstance(spec["column"], list) else [spec["column"]]
    columns = tuple(c for c in (_column(name) for name in names) if c)
    return columns, tuple(normalise(str(v)) for v in values)


def _number_format(spec: Any, problems: list[str]) -> NumberFormat:
    """``numbers: {decimal: ",", thousands: "."}``; without it both conventions are read."""
    if spec is None:
        return ANY_FORMAT
    if not isinstance(spec, dict) or set(spec) - {"decimal", "thousands"}:
        problems.append("numbers: needs 'decimal' (',' or '.') and optionally 'thousands'")
        return ANY_FORMAT
    decimal, thousands = spec.get("decimal"), spec.get("thousands")
    if decimal not in (",", "."):
        problems.append("numbers.decimal: must be ',' or '.'")
        return ANY_FORMAT
    if thousands not in (None, "", ".", ",", " ") or thousands == decimal:
        problems.append("numbers.thousands: must be '.', ',' or ' ', and not the decimal one")
        return ANY_FORMAT
    return NumberFormat(decimal, thousands or None)


def _column(value: Any) -> str | None:
    if value is None:
        return None
    text = _SPACES.sub(" ", str(value)).strip()
    return text or None


def _question_mapping(
    question: Question, spec: Any, tool: str, where: str, problems: list[str]
) -> QuestionMapping | None:
    if isinstance(spec, str | int):
        spec = {"column": str(spec)}
    if not isinstance(spec, dict):
        problems.append(f"{where}: give a column name or a mapping with 'column'/'options'")
        return None
    count = len(problems)
    for key in sorted(set(spec) - QUESTION_KEYS):
        problems.append(f"{where}: unknown key '{key}' (known: {', '.join(sorted(QUESTION_KEYS))})")
    column = _column(spec.get("column"))
    options_spec = spec.get("options") or {}
    option_columns: dict[str, str] = {}
    if options_spec and question.type is not QuestionType.MULTIPLE:
        problems.append(f"{where}.options: one column per option only fits a multiple choice")
    elif not isinstance(options_spec, dict):
        problems.append(f"{where}.options: must map each column to an option code")
    else:
        for source_column, code in options_spec.items():
            if question.option(str(code)) is None:
                problems.append(f"{where}.options.{source_column}: '{code}' is not an option")
            option_columns[_column(source_column) or ""] = str(code)
    if not column and not option_columns:
        problems.append(f"{where}: needs 'column' or 'options'")
    values: dict[str, str] = {}
    values_spec = spec.get("values") or {}
    if values_spec and not question.type.has_options:
        problems.append(f"{where}.values: a {question.type.value} question has no options")
    elif not isinstance(values_spec, dict):
        problems.append(f"{where}.values: must map each value of the tool to an option code")
    else:
        for value, code in values_spec.items():
            if question.option(str(code)) is None:
                problems.append(f"{where}.values.{value}: '{code}' is not an option")
            values[normalise(str(value))] = str(code)
    other_column = _column(spec.get("other"))
    if other_column and question.other_option is None:
        problems.append(f"{where}.other: the question has no 'other, namely' option")
    unmatched = spec.get("unmatched", "error")
    if unmatched not in ("error", "other"):
        problems.append(f"{where}.unmatched: must be 'error' or 'other'")
    elif unmatched == "other" and question.other_option is None:
        problems.append(f"{where}.unmatched: the question has no 'other, namely' option")
    separator = spec.get("separator", DEFAULT_SEPARATORS.get(tool, ";"))
    if "separator" in spec and question.type is not QuestionType.MULTIPLE:
        problems.append(f"{where}.separator: only a multiple choice has a separator")
    if not isinstance(separator, str) or not separator:
        problems.append(f"{where}.separator: must be a character such as ';', ',' or ' '")
        separator = ";"
    if len(problems) > count:
        return None
    return QuestionMapping(
        question=question,
        column=column,
        option_columns=option_columns,
        values=values,
        separator=separator,
        other_column=other_column,
        unmatched_is_other=unmatched == "other",
    )
