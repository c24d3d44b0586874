"""The CSV files of a chart and of its breakdown: exactly the cells the page shows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from datalab_monitor.findings import Status
from datalab_monitor.findings.formatting import PERCENT_DECIMALS
from datalab_monitor.inert import inert_row

from .present import hidden_note, machine_number
from .published import TableRow


def _write(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(inert_row(header))
    writer.writerows(inert_row(row) for row in rows)
    return out.getvalue()


def chart_csv(rows: list[TableRow], base: int, slug: str, synthetic: bool, limit: int) -> str:
    lines = []
    for row in rows:
        if row.hidden:
            note, count, pct = hidden_note(Status(row.status), limit), row.count_display, ""
        else:
            note, count = "", str(row.count)
            pct = machine_number(row.percent, PERCENT_DECIMALS)
        lines.append([slug, row.code, row.label, count, pct, base, note, str(synthetic).lower()])
    return _write(["wave", "code", "label", "count", "percent", "base", "note", "synthetic"], lines)


def breakdown_csv(cells: Iterable[tuple], slug: str, synthetic: bool, limit: int) -> str:
    """``cells``: (code, label, group code, group label, group base, shown, status)."""
    lines = [
        [
            slug,
            code,
            label,
            group_code,
            group,
            group_base,
            shown,
            hidden_note(status, limit) if status.hidden else "",
            str(synthetic).lower(),
        ]
        for code, label, group_code, group, group_base, shown, status in cells
    ]
    return _write(
        [
            "wave",
            "code",
            "label",
            "group_code",
            "group",
            "group_base",
            "count",
            "note",
            "synthetic",
        ],
        lines,
    )
