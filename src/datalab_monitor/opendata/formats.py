"""Write an open-data :class:`Table` as CSV (UTF-8), XLSX or JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any

from datalab_monitor.inert import inert, inert_row

from .tables import LICENCE, Table

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}
ATTRIBUTION = "Datalab Monitor; register after VNG, Inventarisatie datalabs: de resultaten (2019)"


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_csv(table: Table) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(inert_row(table.field_names))
    for row in table.rows:
        writer.writerow([csv_value(inert(row[name])) for name in table.field_names])
    return buffer.getvalue().encode("utf-8")


def json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def to_json(table: Table) -> bytes:
    document = {
        "name": table.name,
        "title": table.title,
        "description": table.description,
        "licenses": [LICENCE],
        "attribution": ATTRIBUTION,
        **({"publication_status": table.status_note} if table.status_note else {}),
        "schema": table.schema(),
        "data": [{name: json_value(row[name]) for name in table.field_names} for row in table.rows],
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def to_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook  # heavy: loaded by the first XLSX, not at start-up
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.name[:31]
    sheet.append(inert_row(table.field_names))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append(inert_row(row[name] for name in table.field_names))
    sheet.freeze_panes = "A2"
    workbook.properties.title = table.title
    if table.status_note:  # a concept: in the document properties and on every printed page
        workbook.properties.subject = table.status_note
        workbook.properties.keywords = table.status_note
        sheet.oddHeader.center.text = table.status_note
        sheet.evenHeader.center.text = table.status_note
    about = workbook.create_sheet("about")
    for line in (
        *((("status", table.status_note),) if table.status_note else ()),
        ("title", table.title),
        ("description", table.description),
        ("licence", f"{LICENCE['title']} ({LICENCE['name']}), {LICENCE['path']}"),
        ("attribution", ATTRIBUTION),
    ):
        about.append(inert_row(line))
    about.append(())
    about.append(("field", "type", "description"))
    for f in table.fields:
        about.append(inert_row((f.name, f.type, f.description)))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def serialise(table: Table, fmt: str) -> bytes:
    if fmt == "csv":
        return to_csv(table)
    if fmt == "xlsx":
        return to_xlsx(table)
    if fmt == "json":
        return to_json(table)
    raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
