"""Read a survey tool's export (CSV or XLSX) into a header and rows of trimmed strings.

CSV: UTF-8 with or without BOM, else Windows-1252 (noted in the report); delimiter ``,``,
``;`` or tab, detected from the header line. XLSX: the first sheet or a named one, read-only.
Row numbers are those a spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext_noop as _noop

DELIMITERS = (",", ";", "\t")
_QUOTED = re.compile(r'"[^"]*"')
_SPACES = re.compile(r"\s+")


class ReadError(ValueError):
    """The file cannot be read at all; ``message``/``params`` say why (msgid + placeholders)."""

    def __init__(
        self, message: str, row: int | None = None, column: str | None = None, **params: Any
    ) -> None:
        super().__init__(message.format(**params))
        self.message = message
        self.params = params
        self.row = row
        self.column = column


@dataclass
class Table:
    """The header (trimmed) and the data rows keyed by header, with their row numbers."""

    header: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    file_format: str = ""
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    notes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)


def header_key(name: str) -> str:
    """How column names are compared: case- and space-insensitive."""
    return _SPACES.sub(" ", name).strip().casefold()


def read_table(data: bytes, file_name: str, sheet: str | None = None) -> Table:
    """Read CSV or XLSX (recognised by content: an XLSX file is a ZIP archive)."""
    if data[:4] == b"\xd0\xcf\x11\xe0" or file_name.lower().endswith(".xls"):
        raise ReadError(
            _noop("This is an old Excel (.xls) file; save it as .xlsx or as CSV UTF-8.")
        )
    if file_name.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        return read_xlsx(data, sheet)
    if sheet:
        raise ReadError(_noop("A sheet can only be chosen in an XLSX file; this is a CSV file."))
    return read_csv(data)


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding): UTF-8 (BOM stripped) or else Windows-1252.

    Excel's "Unicode text" (UTF-16 with a byte order mark) is recognised as well.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError as cp1252_error:
            position = cp1252_error.start
            line_start = data.rfind(b"\n", 0, position) + 1
            header = data.split(b"\n", 1)[0].decode("cp1252", errors="replace")
            delimiter = sniff_delimiter(header)
            names = next(csv.reader([header.strip()], delimiter=delimiter), [])
            before = data[line_start:position].decode("cp1252", errors="replace")
            index = _QUOTED.sub("", before).count(delimiter)
            raise ReadError(
                _noop(
                    "The file is neither UTF-8 nor Windows-1252: byte 0x{byte} cannot be "
                    "decoded. Save the file as CSV UTF-8 and try again."
                ),
                row=data[:position].count(b"\n") + 1,
                column=names[index].strip() if index < len(names) else None,
                byte=f"{data[position]:02X}",
            ) from utf8_error


def sniff_delimiter(header_line: str) -> str:
    """The delimiter that occurs most often in the header line outside quoted names."""
    unquoted = _QUOTED.sub("", header_line)
    counts = {delimiter: unquoted.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _clean_header(header: list[str]) -> list[str]:
    cleaned = [_SPACES.sub(" ", name).strip() for name in header]
    seen: dict[str, int] = {}
    for index, name in enumerate(cleaned):
        if not name:
            continue
        key = header_key(name)
        if key in seen:
            raise ReadError(
                _noop("Column name '{name}' occurs twice in the header (columns {a} and {b})."),
                row=1,
                column=name,
                name=name,
                a=seen[key] + 1,
                b=index + 1,
            )
        seen[key] = index
    return cleaned


def read_csv(data: bytes) -> Table:
    text, encoding = decode(data)
    table = Table(header=[], file_format="csv", encoding=encoding)
    if encoding == "Windows-1252":
        table.notes.append(
            (_noop("The file is not UTF-8; it was read as {encoding}."), {"encoding": encoding})
        )
    first_line = text.split("\n", 1)[0]
    table.delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=table.delimiter)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise ReadError(
            _noop("The CSV file is malformed at row {line}: {error}"),
            row=reader.line_num,
            line=reader.line_num,
            error=str(exc),
        ) from exc
    if not records or not any(cell.strip() for cell in records[0]):
        raise ReadError(_noop("The file has no header row."), row=1)
    table.header = _clean_header(records[0])
    for number, record in enumerate(records[1:], start=2):
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        if len(cells) > len(table.header) and any(cells[len(table.header) :]):
            raise ReadError(
                _noop("Row {line} has {found} fields but the header has {expected}."),
                row=number,
                line=number,
                found=len(cells),
                expected=len(table.header),
            )
        table.rows.append((number, _row(table.header, cells)))
    return table


def _row(header: list[str], cells: list[str]) -> dict[str, str]:
    return {
        name: (cells[index] if index < len(cells) else "")
        for index, name in enumerate(header)
        if name
    }


def cell_text(value: Any) -> str:
    """A spreadsheet cell as trimmed text: whole floats without '.0', dates in ISO format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    return _SPACES.sub(" ", str(value)).strip() if "\n" not in str(value) else str(value).strip()


def read_xlsx(data: bytes, sheet: str | None = None) -> Table:
    from openpyxl import load_workbook

    damaged = _noop(
        "The file is not a readable XLSX workbook (truncated or damaged: {error}). "
        "Export it again from the survey tool."
    )
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, ValueError) as exc:
        raise ReadError(damaged, error=_short(exc)) from exc
    except Exception as exc:  # openpyxl raises many kinds of errors for damaged files
        raise ReadError(damaged, error=_short(exc)) from exc
    try:
        if sheet:
            if sheet not in workbook.sheetnames:
                raise ReadError(
                    _noop("The workbook has no sheet '{sheet}'; it has: {sheets}."),
                    sheet=sheet,
                    sheets=", ".join(workbook.sheetnames),
                )
            worksheet = workbook[sheet]
        else:
            worksheet = workbook.worksheets[0]
        table = Table(header=[], file_format="xlsx", sheet=worksheet.title)
        try:
            worksheet.reset_dimensions()
            rows = [
                [cell_text(value) for value in row] for row in worksheet.iter_rows(values_only=True)
            ]
        except ReadError:
            raise
        except Exception as exc:
            raise ReadError(damaged, error=_short(exc)) from exc
    finally:
        workbook.close()
    if not rows or not any(rows[0]):
        raise ReadError(_noop("The sheet has no header row."), row=1)
    table.header = _clean_header(rows[0])
    for number, cells in enumerate(rows[1:], start=2):
        if any(cells):
            table.rows.append((number, _row(table.header, cells)))
    return table


def _short(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 120 else text[:117] + "..."
