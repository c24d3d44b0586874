"""Run an import: read, match, convert and validate every row, then store all or nothing.

Nothing is written unless every row is right. An import changes only the answers its mapping
covers; the lab's other stored answers stay, unless ``replace`` asks for the file's answers to
replace the whole response. Responses are created or updated in one transaction (source import,
version + 1, a revision by ``import:<file>``): *submitted* when the row is a complete response
by the mapping's ``complete`` rule, else a *draft* (or refused). Rows whose result equals the
stored response are left alone, so re-importing a file changes nothing. A response the lab
filled in through the web form is only overwritten with ``replace``; a closed or published wave
only with ``allow_closed``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as _noop

from datalab_monitor.inventory.models import Response, ResponseRevision, Wave
from datalab_monitor.questionnaire.validation import validate_answers
from datalab_monitor.registry.models import Datalab

from .convert import convert_row
from .labs import LabMatcher
from .mapping import Mapping, MappingError, load_mapping, parse_mapping
from .readers import ReadError, Table, header_key, read_table
from .report import Action, Change, ImportReport, LabOutcome

ROWS_PER_LAB = 5  # an export may hold test rows and incomplete tries, not many more
MIN_ROWS = 100
CLOSED_STATUSES = (Wave.Status.CLOSED, Wave.Status.PUBLISHED)


class WaveNotFound(LookupError):
    pass


def find_wave(reference: str | int | Wave) -> Wave:
    """A wave by slug, or by year when exactly one wave has that year."""
    if isinstance(reference, Wave):
        return reference
    text = str(reference).strip()
    wave = Wave.objects.filter(slug=text).first()
    if wave is not None:
        return wave
    if text.isdigit():
        waves = list(Wave.objects.filter(year=int(text)))
        if len(waves) == 1:
            return waves[0]
        if len(waves) > 1:
            slugs = ", ".join(w.slug for w in waves)
            raise WaveNotFound(f"several waves have year {text}; give the slug: {slugs}")
    known = ", ".join(Wave.objects.values_list("slug", flat=True)) or "none"
    raise WaveNotFound(f"no wave with slug or year '{text}' (known: {known})")


def row_limit() -> int:
    """The most data rows an export may have: a multiple of the labs in the register."""
    return max(MIN_ROWS, ROWS_PER_LAB * Datalab.objects.count())


@dataclass
class _Row:
    number: int
    lab: Any
    answers: dict[str, Any]  # the whole response as it will be stored
    status: str = Response.Status.SUBMITTED
    expected_version: int = 0  # the stored version when the row was checked (0: none)


def run_import(
    data: bytes,
    file_name: str,
    wave: str | int | Wave,
    mapping: str | Path | Mapping,
    *,
    mapping_text: str | None = None,
    dry_run: bool = False,
    replace: bool = False,
    sheet: str | None = None,
    allow_closed: bool = False,
) -> ImportReport:
    """Import ``data`` (the file's bytes); the report says what was (or would be) stored.

    ``mapping`` is a Mapping, a path or a shipped mapping's name; with ``mapping_text`` it is
    only the name shown in the report and the text is parsed instead. ``replace``: the file's
    answers replace whole responses (unmapped answers are cleared, web-form responses
    overwritten). ``allow_closed``: confirm an import into a closed or published wave.
    """
    report = ImportReport(file_name=Path(file_name).name, dry_run=dry_run, replace=replace)
    try:
        wave = find_wave(wave)
    except WaveNotFound as exc:
        report.add(_noop("Wave: {error}"), error=str(exc))
        return report
    report.wave = wave.slug
    if wave.status in CLOSED_STATUSES and not allow_closed:
        report.add(
            _noop(
                "Wave {wave} is {status}: an import changes its responses and findings. "
                "Confirm that you want to import into it (--allow-closed, or tick the box)."
            ),
            wave=wave.slug,
            status=wave.status,
        )
    questionnaire = wave.questionnaire()
    try:
        if isinstance(mapping, Mapping):
            loaded = mapping
        elif mapping_text is not None:
            loaded = parse_mapping(mapping_text, questionnaire, source=Path(str(mapping)).name)
        else:
            loaded = load_mapping(mapping, questionnaire)
    except MappingError as exc:
        report.mapping = exc.source
        for problem in exc.problems:
            report.add(_noop("Mapping {mapping}: {error}"), mapping=exc.source, error=problem)
        return report
    report.mapping, report.tool = loaded.name, loaded.tool

    try:
        table = read_table(data, report.file_name, sheet=sheet, max_rows=row_limit())
    except ReadError as exc:
        report.add(exc.message, row=exc.row, column=exc.column, **exc.params)
        return report
    report.file_format, report.encoding = table.file_format, table.encoding
    report.delimiter, report.sheet = table.delimiter, table.sheet
    report.rows_read = len(table.rows)
    for message, params in table.notes:
        report.note(message, **params)
    columns = _check_columns(table, loaded, report)
    if any(problem.row == 1 for problem in report.problems):
        return report  # without its columns, every row would only repeat the same problem
    if not table.rows:
        report.add(_noop("The file has no data rows below the header."), row=2)
    rows = _convert_rows(table, loaded, columns, wave, replace, report)
    _plan(rows, wave, replace, report)
    if report.problems or dry_run:
        return report
    _store(rows, wave, report)
    return report


def _check_columns(table: Table, mapping: Mapping, report: ImportReport) -> dict[str, str]:
    """Map each column the mapping names to the file's header; report the missing ones."""
    columns = _find_columns(table.header, mapping)
    missing_names = [
        name for name in _wanted(mapping) if name not in columns and not _optional(mapping, name)
    ]
    if missing_names and table.other_sheets:
        best = max(
            table.other_sheets,
            key=lambda name: len(_find_columns(table.other_sheets[name], mapping)),
        )
        found_there = _find_columns(table.other_sheets[best], mapping)
        if len(found_there) > len(columns) and all(c in found_there for c in mapping.lab_columns):
            report.add(
                _noop(
                    "The mapping's columns are not on sheet '{sheet}' but on sheet '{other}'; "
                    'choose that sheet (--sheet "{other}", or the Sheet field).'
                ),
                row=1,
                sheet=table.sheet,
                other=best,
            )
            return columns

    def missing(name: str, question: str | None) -> None:
        report.add(
            _noop("Missing column: the mapping names column '{name}' but the file has none."),
            row=1,
            column=name,
            question=question,
            name=name,
        )

    for name in mapping.lab_columns:
        if name not in columns:
            missing(name, None)
    if mapping.complete_columns and not any(c in columns for c in mapping.complete_columns):
        missing(mapping.complete_columns[0], None)
    for question in mapping.questions:
        code = question.question.code
        joined_present = question.column is not None and question.column in columns
        if question.column and not joined_present and not question.option_columns:
            missing(question.column, code)
        if question.option_columns and not joined_present:
            absent = [c for c in question.option_columns if c not in columns]
            if question.column and len(absent) == len(question.option_columns):
                missing(question.column, code)
            else:
                for name in absent:
                    missing(name, code)
        if question.other_column and question.other_column not in columns:
            missing(question.other_column, code)
    return columns


def _wanted(mapping: Mapping) -> list[str]:
    wanted = list(mapping.lab_columns)
    wanted += mapping.complete_columns
    for question in mapping.questions:
        wanted += question.columns
    return wanted


def _optional(mapping: Mapping, name: str) -> bool:
    """A question's joined column and its per-option columns stand in for each other."""
    return any(
        question.column and question.option_columns
        for question in mapping.questions
        if name == question.column or name in question.option_columns
    )


def _find_columns(header: list[str], mapping: Mapping) -> dict[str, str]:
    in_file = {header_key(name): name for name in header if name}
    columns: dict[str, str] = {}
    for name in _wanted(mapping):
        if header_key(name) in in_file:
            columns[name] = in_file[header_key(name)]
        elif mapping.tool == "kobo" and "/" in name:
            # KoboToolbox can export headers without the group: 'staff/fte_own' -> 'fte_own'.
            ungrouped = header_key(name.split("/", 1)[1])
            if ungrouped in in_file:
                columns[name] = in_file[ungrouped]
    return columns


def _convert_rows(
    table, mapping: Mapping, columns, wave: Wave, replace: bool, report: ImportReport
) -> list[_Row]:
    questionnaire = wave.questionnaire()
    matcher = LabMatcher.from_database()
    stored = {response.lab_id: response for response in Response.objects.filter(wave=wave)}
    code_column = columns.get(mapping.lab_code_column or "")
    name_column = columns.get(mapping.lab_name_column or "")
    complete_column = next((columns[c] for c in mapping.complete_columns if c in columns), None)
    covered = mapping.covered
    by_code = {m.question.code: m for m in mapping.questions}
    seen: dict[int, int] = {}
    rows: list[_Row] = []
    for number, row in table.rows:
        code = row.get(code_column, "") if code_column else ""
        name = row.get(name_column, "") if name_column else ""
        match = matcher.match(code, name)
        lab = match.lab
        column = (code_column if match.by == "code" else name_column) or code_column
        if lab is None:
            report.add(match.message, row=number, column=column, **match.params)
        elif lab.pk in seen:
            report.add(
                _noop("Duplicate lab: lab {lab} is also in row {other}; give each lab one row."),
                row=number,
                column=column,
                lab=f"{lab.number}. {lab.name}",
                other=seen[lab.pk],
            )
            lab = None
        else:
            seen[lab.pk] = number
        complete = mapping.is_complete(row.get(complete_column) if complete_column else None)
        if not complete and mapping.incomplete == "refuse":
            report.add(
                _noop(
                    "Row {row} is an incomplete response (column '{column_name}' does not mark it "
                    "complete); this mapping refuses incomplete responses."
                ),
                row=number,
                column=complete_column,
                column_name=complete_column,
            )
        converted = convert_row(row, mapping.questions, columns)
        for problem in converted.problems:
            report.add(
                problem.message,
                row=number,
                column=problem.column,
                question=problem.question,
                **problem.params,
            )
        response = stored.get(lab.pk) if lab is not None else None
        answers = dict(converted.answers)
        if response is not None and not replace:
            kept = {k: v for k, v in response.answers.items() if k not in covered}
            answers = {**kept, **answers}
        cleaned, errors = validate_answers(
            questionnaire,
            answers,
            partial=mapping.partial or not complete,
            number_format=mapping.number_format,
        )
        failed = {problem.question for problem in converted.problems}
        for code_, message in errors.items():
            if code_ in failed:
                continue
            question_mapping = by_code.get(code_)
            column = None
            if question_mapping is not None and question_mapping.columns:
                names = [columns.get(c, c) for c in question_mapping.columns]
                column = names[0] if len(names) == 1 else " / ".join(names[:3])
            value = answers.get(code_)
            text = ", ".join(map(str, value)) if isinstance(value, list) else str(value or "")
            report.add(
                _noop("{error} (value: '{value}')") if text else _noop("{error}"),
                row=number,
                column=column,
                question=code_,
                error=message,
                value=text,
            )
        if lab is not None:
            status = Response.Status.SUBMITTED if complete else Response.Status.DRAFT
            rows.append(_Row(number, lab, cleaned, status))
    return rows


def _changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    changes = []
    for key in sorted(set(old) | set(new)):
        if key not in old:
            changes.append(Change(key, "added", None, new[key]))
        elif key not in new:
            changes.append(Change(key, "cleared", old[key], None))
        elif old[key] != new[key]:
            changes.append(Change(key, "changed", old[key], new[key]))
    return changes


def _plan(rows: list[_Row], wave: Wave, replace: bool, report: ImportReport) -> None:
    existing = {
        response.lab_id: response
        for response in Response.objects.filter(wave=wave, lab__in=[row.lab for row in rows])
    }
    for row in rows:
        response = existing.get(row.lab.pk)
        row.expected_version = response.version if response else 0
        if response is None:
            action, changes = Action.CREATE, _changes({}, row.answers)
        elif response.answers == row.answers and response.status == row.status:
            action, changes = Action.UNCHANGED, []
        else:
            action, changes = Action.UPDATE, _changes(response.answers, row.answers)
            if response.source == Response.Source.WEB and not replace:
                report.add(
                    _noop(
                        "Lab {lab} already has a {status} response from the web form; it is "
                        "not overwritten unless you choose to replace it (--replace)."
                    ),
                    row=row.number,
                    lab=f"{row.lab.number}. {row.lab.name}",
                    status=response.get_status_display(),
                )
        report.outcomes.append(
            LabOutcome(
                row.number,
                row.lab.number,
                row.lab.name,
                action,
                [change.question for change in changes],
                status=row.status,
                changes=changes,
            )
        )


class _ChangedMeanwhile(Exception):
    """A response was saved by someone else between the check and the write."""


def _store(rows: list[_Row], wave: Wave, report: ImportReport) -> None:
    """Write every changed response in one transaction, each as its next version.

    The versions seen while checking are the expected ones: if a lab saved its response in the
    meantime (web form, another import), the whole import is rolled back and reported.
    """
    changed_by = f"import:{report.file_name}"[:200]
    actions = {outcome.row: outcome.action for outcome in report.outcomes}
    try:
        with transaction.atomic():
            for row in rows:
                if actions[row.number] is not Action.UNCHANGED:
                    _write(row, wave, changed_by)
    except (_ChangedMeanwhile, IntegrityError) as exc:
        row = exc.args[0] if isinstance(exc, _ChangedMeanwhile) else None
        report.add(
            _noop(
                "A response was saved by someone else during the import (lab {lab}); "
                "nothing was stored. Run the import again."
            ),
            row=row.number if row else None,
            lab=f"{row.lab.number}. {row.lab.name}" if row else "?",
        )
        return
    report.stored = True
    for outcome in report.outcomes:
        outcome.stored = True


def _write(row: _Row, wave: Wave, changed_by: str) -> None:
    now = timezone.now()
    version = row.expected_version + 1
    submitted = row.status == Response.Status.SUBMITTED
    fields = {
        "answers": row.answers,
        "status": row.status,
        "source": Response.Source.IMPORT,
        "submitted_at": now if submitted else None,
        "version": version,
    }
    if row.expected_version == 0:
        response = Response.objects.create(wave=wave, lab=row.lab, **fields)
    else:
        updated = Response.objects.filter(
            wave=wave, lab=row.lab, version=row.expected_version
        ).update(updated_at=now, **fields)
        if updated != 1:
            raise _ChangedMeanwhile(row)
        response = Response.objects.get(wave=wave, lab=row.lab)
    ResponseRevision.objects.create(
        response=response,
        version=version,
        status=row.status,
        answers=row.answers,
        changed_by=changed_by,
    )
