"""The import report: every problem (file, row, column, field) and what happened per lab.

Messages are English msgids with ``{placeholders}``; they are translated when rendered, so the
command prints English (or Dutch with ``--language nl``) and the admin shows the user's language.
Values quoted from the file pass through :func:`safe_value`, which hides e-mail addresses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from django.utils.translation import get_language, gettext, pgettext
from django.utils.translation import gettext_noop as _noop

_EMAIL = re.compile(r"[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
MAX_PROBLEMS = 200  # a hostile file must not produce a report of a million lines


def safe_value(value: Any, limit: int = 60) -> str:
    """A value from the file, fit to quote in a report: no e-mail addresses or control
    characters (shown as U+XXXX), not too long."""
    text = _EMAIL.sub("<e-mail>", str(value)).strip()
    text = _CONTROL.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shown_answer(value: Any) -> str:
    """A stored or imported answer as the dry run shows it."""
    if value is None:
        return ""
    if isinstance(value, list):
        return safe_value(", ".join(map(str, value)), 80)
    return safe_value(value, 80)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input. ``row`` is the row number as a spreadsheet shows it."""

    message: str
    params: dict[str, Any] = field(default_factory=dict)
    row: int | None = None
    column: str | None = None
    question: str | None = None

    def text(self) -> str:
        from datalab_monitor.inventory.messages import translate_error

        params = {
            key: translate_error(value, language=get_language() or "en")
            if key == "error" and value
            else value
            for key, value in self.params.items()
        }
        return gettext(self.message).format(**{"row": self.row, **params})

    def location(self, file_name: str) -> str:
        parts = [file_name]
        if self.row is not None:
            parts.append(gettext("row {row}").format(row=self.row))
        if self.column:
            parts.append(gettext("column '{column}'").format(column=self.column))
        if self.question:
            parts.append(gettext("question {question}").format(question=self.question))
        return ", ".join(parts)


class Action(StrEnum):
    CREATE = "create"
    UPDATE = "update"
    UNCHANGED = "unchanged"

    def label(self, stored: bool) -> str:
        labels = {
            (Action.CREATE, False): _noop("would be created"),
            (Action.CREATE, True): _noop("created"),
            (Action.UPDATE, False): _noop("would be updated"),
            (Action.UPDATE, True): _noop("updated"),
            (Action.UNCHANGED, False): _noop("unchanged"),
            (Action.UNCHANGED, True): _noop("unchanged"),
        }
        return gettext(labels[(self, stored)])


@dataclass(frozen=True)
class Change:
    """One answer the import adds, changes or clears (``key`` is a question or "other" key)."""

    question: str
    kind: str  # added | changed | cleared
    old: Any
    new: Any

    @property
    def label(self) -> str:
        return pgettext("import change", self.kind)

    def text(self) -> str:
        return f"{self.question}: {shown_answer(self.old) or '–'} → {shown_answer(self.new) or '–'}"

    def as_dict(self) -> dict[str, Any]:
        return {"question": self.question, "kind": self.kind, "old": self.old, "new": self.new}


@dataclass
class LabOutcome:
    """What the import does with one row: the lab it matched and the response it writes."""

    row: int
    lab_number: int
    lab_name: str
    action: Action
    changed: list[str] = field(default_factory=list)  # question codes whose answer changes
    stored: bool = False
    status: str = "submitted"  # the status the response gets: submitted | draft
    changes: list[Change] = field(default_factory=list)

    @property
    def action_label(self) -> str:
        return self.action.label(self.stored)

    def as_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "lab_number": self.lab_number,
            "lab_name": self.lab_name,
            "action": self.action.value,
            "status": self.status,
            "stored": self.stored,
            "changes": [change.as_dict() for change in self.changes],
        }


@dataclass
class ImportReport:
    """Everything an import found and did; rendered as text (command) or HTML (admin)."""

    file_name: str
    wave: str = ""
    mapping: str = ""
    tool: str = ""
    dry_run: bool = False
    file_format: str = ""
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    rows_read: int = 0
    notes: list[Problem] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    outcomes: list[LabOutcome] = field(default_factory=list)
    stored: bool = False
    replace: bool = False
    problems_left_out: int = 0  # beyond MAX_PROBLEMS

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, message: str, *, row=None, column=None, question=None, **params) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.problems_left_out += 1
            return
        params = {
            key: _EMAIL.sub("<e-mail>", value) if isinstance(value, str) else value
            for key, value in params.items()
        }
        for key in ("value", "name", "sheet", "other"):
            if key in params and isinstance(params[key], str):
                params[key] = safe_value(params[key], 60 if key == "value" else 120)
        if isinstance(column, str):
            column = safe_value(column, 120)
        self.problems.append(Problem(message, params, row, column, question))

    def note(self, message: str, **params) -> None:
        self.notes.append(Problem(message, params))

    def count(self, action: Action) -> int:
        return sum(1 for outcome in self.outcomes if outcome.action is action)

    def summary(self) -> str:
        if self.problems:
            return gettext("Import aborted: {count} problem(s) found; nothing was stored.").format(
                count=len(self.problems) + self.problems_left_out
            )
        text = gettext(
            "{rows} row(s): {create} new, {update} changed, {unchanged} unchanged."
        ).format(
            rows=len(self.outcomes),
            create=self.count(Action.CREATE),
            update=self.count(Action.UPDATE),
            unchanged=self.count(Action.UNCHANGED),
        )
        if self.stored:
            return gettext("Stored. {counts}").format(counts=text)
        return gettext("Dry run, nothing was stored. {counts}").format(counts=text)

    def described_format(self) -> str:
        if self.file_format == "xlsx":
            return gettext("XLSX, sheet '{sheet}'").format(sheet=self.sheet)
        if self.file_format == "csv":
            delimiter = {"\t": "tab"}.get(self.delimiter, self.delimiter)
            return gettext("CSV, encoding {encoding}, delimiter '{delimiter}'").format(
                encoding=self.encoding, delimiter=delimiter
            )
        return ""

    def as_text(self) -> str:
        lines = [
            gettext("Import of {file} into wave {wave} with mapping {mapping} ({tool})").format(
                file=self.file_name, wave=self.wave, mapping=self.mapping, tool=self.tool
            )
        ]
        if self.file_format:
            lines.append(
                gettext("File: {format}; {rows} data row(s).").format(
                    format=self.described_format(), rows=self.rows_read
                )
            )
        lines += [gettext("Note: {note}").format(note=note.text()) for note in self.notes]
        if self.problems:
            lines.append(gettext("Problems:"))
            lines += [
                f"- {problem.location(self.file_name)}: {problem.text()}"
                for problem in self.problems
            ]
            if self.problems_left_out:
                lines.append(
                    gettext("- … and {count} more problem(s), not listed.").format(
                        count=self.problems_left_out
                    )
                )
        else:
            for outcome in self.outcomes:
                line = gettext("row {row}: lab {number} {name}: {action}").format(
                    row=outcome.row,
                    number=outcome.lab_number,
                    name=outcome.lab_name,
                    action=outcome.action_label,
                )
                if outcome.status != "submitted":
                    line += " " + gettext("(as a draft: the response is incomplete)")
                lines.append(line)
                if outcome.action is Action.UPDATE:
                    lines += [f"    {change.label} {change.text()}" for change in outcome.changes]
        lines.append(self.summary())
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON-serialisable data (for the API); texts in the active language."""
        return {
            "file_name": self.file_name,
            "wave": self.wave,
            "mapping": self.mapping,
            "tool": self.tool,
            "dry_run": self.dry_run,
            "replace": self.replace,
            "file_format": self.file_format,
            "encoding": self.encoding,
            "delimiter": self.delimiter,
            "sheet": self.sheet,
            "rows_read": self.rows_read,
            "ok": self.ok,
            "stored": self.stored,
            "summary": self.summary(),
            "notes": [note.text() for note in self.notes],
            "problems": [
                {
                    "row": problem.row,
                    "column": problem.column,
                    "question": problem.question,
                    "message": problem.text(),
                }
                for problem in self.problems
            ],
            "problems_left_out": self.problems_left_out,
            "outcomes": [outcome.as_dict() for outcome in self.outcomes],
        }
