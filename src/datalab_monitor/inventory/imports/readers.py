"""Read a survey tool's export (CSV or XLSX) into a header and rows of trimmed strings.

CSV: UTF-8 with or without BOM, else Windows-1252 when the whole file decodes that way and no
part of it is UTF-8 (noted in the report); delimiter ``,``, ``;`` or tab, detected from the
header line. Every record must have exactly as many fields as the header; a file that ends
inside a quoted field is truncated. XLSX: the first sheet or a named one, streamed read-only
after the archive's sizes and compression ratios are checked. Limits on size and rows are
checked before (or while) parsing, so hostile files are refused early.
Row numbers are those a spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.utils.translation import gettext_noop as _noop

DELIMITERS = (",", ";", "\t")
_QUOTED = re.compile(r'"[^"]*"')
_SPACES = re.compile(r"\s+")
_SURROGATE = re.compile("[\udc80-\udcff]")

MAX_CSV_BYTES = 10 * 1024 * 1024  # a survey export of a few hundred labs is well under 1 MB
MAX_COLUMNS = 2000
MAX_ROWS = 1000  # the default; the service passes a multiple of the labs in the register
XLSX_MAX_MEMBER_BYTES = 25 * 1024 * 1024  # uncompressed size of one sheet or string table
XLSX_MAX_OTHER_BYTES = 5 * 1024 * 1024  # any other part (styles, theme, properties ...)
XLSX_MAX_TOTAL_BYTES = 60 * 1024 * 1024  # uncompressed size of the whole workbook
XLSX_MAX_RATIO = 150  # uncompressed / compressed, for parts larger than XLSX_RATIO_FROM
XLSX_RATIO_FROM = 1024 * 1024
XLSX_MAX_MEMBERS = 500
# openpyxl reads a whole sheet to learn its size when the sheet does not state it (<dimension>):
# such sheets are kept small enough for that to be quick.
XLSX_MAX_UNSIZED_SHEET_BYTES = 4 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")


class ReadError(ValueError):
    """The file cannot be read at all; ``message``/``params`` say why (msgid + placeholders)."""

    def __init__(
        self, message: str, row: int | None = None, column: str | None = None, **params: Any
    ) -> None:
        super().__init__(message.format(**{"row": row, **params}))
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
    other_sheets: dict[str, list[str]] = field(default_factory=dict)  # XLSX: name -> header


def header_key(name: str) -> str:
    """How column names are compared: case- and space-insensitive."""
    return _SPACES.sub(" ", name).strip().casefold()


def read_table(
    data: bytes, file_name: str, sheet: str | None = None, max_rows: int = MAX_ROWS
) -> Table:
    """Read CSV or XLSX (recognised by content: an XLSX file is a ZIP archive)."""
    if data[:8] == _OLE_MAGIC:
        if _ENCRYPTED in data[:1_000_000] or file_name.lower().endswith((".xlsx", ".xlsm")):
            raise ReadError(
                _noop(
                    "The workbook is password-protected (encrypted); remove the password in "
                    "Excel (File > Info > Protect Workbook) or export it again without one."
                )
            )
        raise ReadError(
            _noop("This is an old Excel (.xls) file; save it as .xlsx or as CSV UTF-8.")
        )
    if file_name.lower().endswith(".xls"):
        raise ReadError(
            _noop("This is an old Excel (.xls) file; save it as .xlsx or as CSV UTF-8.")
        )
    if file_name.lower().endswith((".xlsx", ".xlsm")) or data[:4] == b"PK\x03\x04":
        return read_xlsx(data, sheet, max_rows=max_rows)
    if sheet:
        raise ReadError(_noop("A sheet can only be chosen in an XLSX file; this is a CSV file."))
    return read_csv(data, max_rows=max_rows)


# --- CSV --------------------------------------------------------------------------------------


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding): UTF-8 (BOM stripped), UTF-16 with BOM, or else Windows-1252.

    Undecodable bytes become lone surrogates (``surrogateescape``); :func:`read_csv` refuses
    the first record that holds one, naming its row and column. Windows-1252 is chosen only
    when the file is not UTF-8 and holds no UTF-8 characters at all (a UTF-8 file with one
    Latin-1 row is refused, not turned into mojibake).
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    if data[:3] == b"\xef\xbb\xbf":
        return data[3:].decode("utf-8", errors="surrogateescape"), "UTF-8"
    text = data.decode("utf-8", errors="surrogateescape")
    if not _SURROGATE.search(text):
        return text, "UTF-8"
    has_utf8 = any(ord(char) > 0x7F and not 0xDC80 <= ord(char) <= 0xDCFF for char in text)
    if has_utf8:
        return text, "UTF-8"
    return data.decode("cp1252", errors="surrogateescape"), "Windows-1252"


def sniff_delimiter(header_line: str) -> str:
    """The delimiter that occurs most often in the header line outside quoted names."""
    unquoted = _QUOTED.sub("", header_line)
    counts = {delimiter: unquoted.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _clean_header(header: list[str]) -> list[str]:
    if len(header) > MAX_COLUMNS:
        raise ReadError(
            _noop("The header has {count} columns; at most {limit} are accepted."),
            row=1,
            count=len(header),
            limit=MAX_COLUMNS,
        )
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


def _too_many_rows(limit: int) -> ReadError:
    return ReadError(
        _noop(
            "The file has more than {limit} data rows, more than this register can have "
            "respondents; check that this is the right export (or remove test and duplicate "
            "rows)."
        ),
        limit=limit,
    )


def _bad_bytes_error(record: list[str], header: list[str], row: int, encoding: str) -> ReadError:
    """The first undecodable byte in ``record``, with its row and column."""
    for index, cell in enumerate(record):
        found = _SURROGATE.search(cell)
        if found is None:
            continue
        byte = ord(found.group()) - 0xDC00
        column = header[index] if index < len(header) and header[index] else None
        if encoding == "UTF-8":
            return ReadError(
                _noop(
                    "Row {row} is not valid UTF-8 (byte 0x{byte} in column {number}), while "
                    "the rest of the file is UTF-8; the row was probably pasted from another "
                    "file. Correct it and save the file as CSV UTF-8."
                ),
                row=row,
                column=column,
                byte=f"{byte:02X}",
                number=index + 1,
            )
        return ReadError(
            _noop(
                "The file is neither UTF-8 nor Windows-1252: byte 0x{byte} cannot be "
                "decoded. Save the file as CSV UTF-8 and try again."
            ),
            row=row,
            column=column,
            byte=f"{byte:02X}",
        )
    raise AssertionError("no undecodable byte in the record")


def read_csv(data: bytes, max_rows: int = MAX_ROWS) -> Table:
    if len(data) > MAX_CSV_BYTES:
        raise ReadError(
            _noop("The file is {size} MB; at most {limit} MB is accepted."),
            size=round(len(data) / 1024 / 1024, 1),
            limit=MAX_CSV_BYTES // 1024 // 1024,
        )
    text, encoding = decode(data)
    table = Table(header=[], file_format="csv", encoding=encoding)
    if encoding == "Windows-1252":
        table.notes.append(
            (_noop("The file is not UTF-8; it was read as {encoding}."), {"encoding": encoding})
        )
    first_line = text.split("\n", 1)[0]
    table.delimiter = sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=table.delimiter, strict=True)
    number = 0  # the record's row number as a spreadsheet shows it (header: 1)
    while True:
        number += 1
        start_line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise _csv_error(exc, number, start_line, reader.line_num) from exc
        if number == 1:
            if not any(cell.strip() for cell in record):
                raise ReadError(_noop("The file has no header row."), row=1)
            if _SURROGATE.search("".join(record)):
                raise _bad_bytes_error(record, record, 1, encoding)
            table.header = _clean_header(record)
            continue
        if not record or not any(cell.strip() for cell in record) and len(record) <= 1:
            continue  # an empty line
        if _SURROGATE.search("".join(record)):
            raise _bad_bytes_error(record, table.header, number, encoding)
        if len(record) != len(table.header):
            raise ReadError(
                _noop(
                    "Row {row} has {found} fields but the header has {expected}; a delimiter "
                    "or quote is missing or extra in that row."
                ),
                row=number,
                found=len(record),
                expected=len(table.header),
            )
        cells = [cell.strip() for cell in record]
        if not any(cells):
            continue
        if len(table.rows) >= max_rows:
            raise _too_many_rows(max_rows)
        table.rows.append((number, _row(table.header, cells)))
    if not table.header:
        raise ReadError(_noop("The file has no header row."), row=1)
    return table


def _csv_error(exc: csv.Error, row: int, start_line: int, line: int) -> ReadError:
    if "unexpected end of data" in str(exc):
        return ReadError(
            _noop(
                "The file is truncated: it ends inside a quoted field of row {row} (which "
                "starts on line {line}). Export the file again."
            ),
            row=row,
            line=start_line,
        )
    return ReadError(
        _noop("The CSV file is malformed at row {row} (line {line}): {error}"),
        row=row,
        line=line,
        error=str(exc),
    )


def _row(header: list[str], cells: list[str]) -> dict[str, str]:
    return {
        name: (cells[index] if index < len(cells) else "")
        for index, name in enumerate(header)
        if name
    }


# --- XLSX -------------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """A spreadsheet cell as trimmed text: whole floats without '.0', dates in ISO format."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return _SPACES.sub(" ", str(value)).strip() if "\n" not in str(value) else str(value).strip()


def check_archive(data: bytes) -> None:
    """Refuse a ZIP archive whose parts inflate too far (before any part is decompressed)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            _check_sizes(members)
            for member in members:
                if member.filename.startswith("xl/worksheets/") and (
                    member.file_size > XLSX_MAX_UNSIZED_SHEET_BYTES
                ):
                    with archive.open(member) as part:
                        head = part.read(8192)
                    if b"<dimension" not in head and b":dimension" not in head:
                        raise ReadError(
                            _noop(
                                "The sheet '{part}' is {size} MB and does not state its size; "
                                "at most {limit} MB is accepted for such a sheet (far more "
                                "rows than the register has labs)."
                            ),
                            part=member.filename[:80],
                            size=round(member.file_size / 1024 / 1024, 1),
                            limit=XLSX_MAX_UNSIZED_SHEET_BYTES // 1024 // 1024,
                        )
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error) as exc:
        if isinstance(exc, ReadError):
            raise
        raise ReadError(_damaged(), error=_short(exc)) from exc


def _check_sizes(members: list[zipfile.ZipInfo]) -> None:
    if len(members) > XLSX_MAX_MEMBERS:
        raise ReadError(
            _noop("The workbook has {count} parts; at most {limit} are accepted."),
            count=len(members),
            limit=XLSX_MAX_MEMBERS,
        )
    total = 0
    for member in members:
        size = member.file_size
        total += size
        ratio = size / max(member.compress_size, 1)
        data_part = member.filename.startswith("xl/worksheets/") or member.filename.endswith(
            "sharedStrings.xml"
        )
        limit = XLSX_MAX_MEMBER_BYTES if data_part else XLSX_MAX_OTHER_BYTES
        if size > limit or (size > XLSX_RATIO_FROM and ratio > XLSX_MAX_RATIO):
            raise ReadError(
                _noop(
                    "The workbook is refused: its part '{part}' inflates from {packed} KB to "
                    "{size} MB (at most {limit} MB and {ratio} times its packed size are "
                    "accepted). Export only the responses, or save them as CSV."
                ),
                part=member.filename[:80],
                packed=max(1, member.compress_size // 1024),
                size=round(size / 1024 / 1024, 1),
                limit=limit // 1024 // 1024,
                ratio=XLSX_MAX_RATIO,
            )
    if total > XLSX_MAX_TOTAL_BYTES:
        raise ReadError(
            _noop("The workbook inflates to {size} MB; at most {limit} MB is accepted."),
            size=round(total / 1024 / 1024, 1),
            limit=XLSX_MAX_TOTAL_BYTES // 1024 // 1024,
        )


def _damaged() -> str:
    return _noop(
        "The file is not a readable XLSX workbook (truncated or damaged: {error}). "
        "Export it again from the survey tool."
    )


def _sheet_rows(worksheet, max_rows: int):
    """(row number, cells as text) of a sheet, streamed; refuse rows beyond the limit."""
    worksheet.reset_dimensions()
    for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
        if number > max_rows + 1:
            if any(value is not None and value != "" for value in row):
                raise _too_many_rows(max_rows)
            if number > 4 * max_rows + 100:
                raise _too_many_rows(max_rows)
            continue
        if len(row) > MAX_COLUMNS:
            raise ReadError(
                _noop("Row {row} has {count} columns; at most {limit} are accepted."),
                row=number,
                count=len(row),
                limit=MAX_COLUMNS,
            )
        yield number, [cell_text(value) for value in row]


def _first_row(worksheet) -> list[str]:
    for _number, cells in _sheet_rows(worksheet, 1):
        return [_SPACES.sub(" ", cell).strip() for cell in cells]
    return []


def read_xlsx(data: bytes, sheet: str | None = None, max_rows: int = MAX_ROWS) -> Table:
    from openpyxl import load_workbook

    check_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of errors for damaged files
        raise ReadError(_damaged(), error=_short(exc)) from exc
    try:
        if not workbook.worksheets:
            raise ReadError(_noop("The workbook has no sheets."))
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
            data_rows = []
            for number, cells in _sheet_rows(worksheet, max_rows):
                if number == 1:
                    if not any(cells):
                        break
                    table.header = _clean_header(cells)
                elif any(cells):
                    if len(data_rows) >= max_rows:
                        raise _too_many_rows(max_rows)
                    data_rows.append((number, _row(table.header, cells)))
            for other in workbook.worksheets:
                if other.title != worksheet.title and hasattr(other, "reset_dimensions"):
                    table.other_sheets[other.title] = _first_row(other)
        except ReadError:
            raise
        except Exception as exc:
            raise ReadError(_damaged(), error=_short(exc)) from exc
    finally:
        workbook.close()
    if not table.header:
        raise ReadError(_noop("The sheet has no header row."), row=1)
    table.rows = data_rows
    return table


def _short(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) < 120 else text[:117] + "..."
