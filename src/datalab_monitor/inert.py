"""Make spreadsheet cells inert: text that a spreadsheet would run as a formula is neutralised.

A text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel, LibreOffice and Google Sheets when a CSV (or an XLSX formula cell) is opened
("CSV injection", OWASP). Such text is written with a leading apostrophe, which the
spreadsheets show as text. Numbers stay numbers: a number value is never changed, and neither
is text that is only a plain number ("-3", "-1.5": a spreadsheet reads those as numbers, not
formulas). Every CSV and XLSX writer of the project passes its cells through :func:`inert`.

Plain Python (no Django): the questionnaire package uses it too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+([.,]\d+)?|[.,]\d+)")


def inert(value: Any) -> Any:
    """``value`` unchanged, unless it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        if not _PLAIN_NUMBER.fullmatch(value):
            return "'" + value
    return value


def inert_row(values: Iterable[Any]) -> list[Any]:
    """:func:`inert` applied to every cell of a row."""
    return [inert(value) for value in values]
