"""Run an import: read, match, convert and validate every row, then store all or nothing.

Nothing is written unless every row is right. Responses are created or updated in one
transaction (status submitted, source import, version + 1, a revision by ``import:<file>``);
rows whose answers equal the stored ones are left alone, so re-importing a file changes nothing.
A response the lab itself filled in through the web form is only overwritten with ``replace``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop as _noop

from datalab_monitor.inventory.models import Response, ResponseRevision, Wave

from .convert import convert_row
from .labs import LabMatcher
from .mapping import Mapping, MappingError, load_mapping, parse_mapping
from .readers import ReadError, Table, header_key, read_table
from .report import Action, ImportReport, LabOutcome


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


@dataclass
class _Row:
    number: int
    lab: Any
    answers: dict[str, Any]
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
) -> ImportReport:
    """Import ``data`` (the file's bytes); the report says what was (or would be) stored.

    ``mapping`` is a Mapping, a path or a shipped mapping's name; with ``mapping_text`` it is
    only the name shown in the report and the text is parsed instead.
    """
    report = ImportReport(file_name=Path(file_name).name, dry_run=dry_run)
    try:
        wave = find_wave(wave)
    except WaveNotFound as exc:
        report.add(_noop("Wave: {error}"), error=str(exc))
        return report
    report.wave = wave.slug
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
        table = read_table(data, report.file_name, sheet=sheet)
    except ReadError as exc:
        report.add(exc.message, row=exc.row, column=exc.column, **exc.params)
        return report
    report.file_format, report.encoding = table.file_format, table.encoding
    report.delimiter, report.sheet = table.delimiter, table.sheet
    report.rows_read = len(table.rows)
    for message, params in table.notes:
        report.note(message, **params)
    if not table.rows:
        report.add(_noop("The file has no data rows below the header."), row=2)

    columns = _check_columns(table, loaded, report)
    rows = _convert_rows(table, loaded, columns, questionnaire, report)
    _plan(rows, wave, replace, report)
    if report.problems or dry_run:
        return report
    _store(rows, wave, report)
    return report


def _check_columns(table: Table, mapping: Mapping, report: ImportReport) -> dict[str, str]:
    """Map each column the mapping names to the file's header; report the missing ones."""
    in_file = {header_key(name): name for name in table.header if name}
    columns: dict[str, str] = {}
    wanted = list(mapping.lab_columns)
    for question in mapping.questions:
        wanted += question.columns
    for name in wanted:
        if header_key(name) in in_file:
            columns[name] = in_file[header_key(name)]
        elif mapping.tool == "kobo" and "/" in name:
            # KoboToolbox can export headers without the group: 'staff/fte_own' -> 'fte_own'.
            ungrouped = header_key(name.split("/", 1)[1])
            if ungrouped in in_file:
                columns[name] = in_file[ungrouped]

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


def _convert_rows(table, mapping: Mapping, columns, questionnaire, report) -> list[_Row]:
    matcher = LabMatcher.from_database()
    code_column = columns.get(mapping.lab_code_column or "")
    name_column = columns.get(mapping.lab_name_column or "")
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
        converted = convert_row(row, mapping.questions, columns)
        for problem in converted.problems:
            report.add(
                problem.message,
                row=number,
                column=problem.column,
                question=problem.question,
                **problem.params,
            )
        cleaned, errors = questionnaire.validate(converted.answers, partial=mapping.partial)
        failed = {problem.question for problem in converted.problems}
        by_code = {m.question.code: m for m in mapping.questions}
        for code_, message in errors.items():
            if code_ in failed:
                continue
            question_mapping = by_code.get(code_)
            column = None
            if question_mapping is not None and question_mapping.columns:
                names = [columns.get(c, c) for c in question_mapping.columns]
                column = names[0] if len(names) == 1 else " / ".join(names[:3])
            value = converted.answers.get(code_)
            text = ", ".join(value) if isinstance(value, list) else str(value or "")
            report.add(
                _noop("{error} (value: '{value}')") if text else _noop("{error}"),
                row=number,
                column=column,
                question=code_,
                error=message,
                value=text,
            )
        if lab is not None:
            rows.append(_Row(number, lab, cleaned))
    return rows


def _plan(rows: list[_Row], wave: Wave, replace: bool, report: ImportReport) -> None:
    existing = {
        response.lab_id: response
        for response in Response.objects.filter(wave=wave, lab__in=[row.lab for row in rows])
    }
    for row in rows:
        response = existing.get(row.lab.pk)
        row.expected_version = response.version if response else 0
        if response is None:
            action, changed = Action.CREATE, sorted(row.answers)
        elif response.answers == row.answers and response.status == Response.Status.SUBMITTED:
            action, changed = Action.UNCHANGED, []
        else:
            keys = set(row.answers) | set(response.answers)
            changed = sorted(k for k in keys if row.answers.get(k) != response.answers.get(k))
            action = Action.UPDATE
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
            LabOutcome(row.number, row.lab.number, row.lab.name, action, changed)
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
    fields = {
        "answers": row.answers,
        "status": Response.Status.SUBMITTED,
        "source": Response.Source.IMPORT,
        "submitted_at": now,
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
        status=Response.Status.SUBMITTED,
        answers=row.answers,
        changed_by=changed_by,
    )
