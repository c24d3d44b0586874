"""The one way every published number is written (pages, CSVs, open data, report, trends).

Rule: round half up (``decimal.ROUND_HALF_UP``) on the decimal value, to a fixed number of
decimals per kind of number: percentages and percentage points to whole numbers, FTE and other
quantities to one decimal. Dutch uses a decimal comma, English a point; machine-readable files
(CSV, open data) use a point and the same rounding, so a value never appears in two forms.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

PERCENT_DECIMALS = 0
QUANTITY_DECIMALS = 1
MISSING = "–"


def rounded(value: float, decimals: int) -> Decimal:
    """``value`` rounded half up to ``decimals`` decimals (via its shortest decimal repr)."""
    return Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)


def rounded_float(value: float | None, decimals: int = QUANTITY_DECIMALS) -> float | None:
    """The published value as a number (for CSV and open data)."""
    return None if value is None else float(rounded(value, decimals))


def format_number(
    value: float | None,
    language: str = "nl",
    decimals: int = QUANTITY_DECIMALS,
    *,
    signed: bool = False,
) -> str:
    """``value`` as published: e.g. 0.25 -> "0,3" (nl) / "0.3" (en); None -> "–"."""
    if value is None:
        return MISSING
    number = rounded(value, decimals)
    if number == 0:
        number = abs(number)  # never "-0,0"
    text = f"{number:f}"
    if signed and number > 0:
        text = "+" + text
    return text.replace(".", ",") if language == "nl" else text


def format_percent(value: float | None, language: str = "nl") -> str:
    """A percentage: whole numbers, e.g. "13%"."""
    if value is None:
        return MISSING
    return format_number(value, language, PERCENT_DECIMALS) + "%"


def format_points(value: float | None, language: str = "nl") -> str:
    """A change in percentage points, signed: "+5", "-3", "0"."""
    return format_number(value, language, PERCENT_DECIMALS, signed=True)


def machine_number(value: float | None, decimals: int = QUANTITY_DECIMALS) -> str:
    """The same rounding for CSV files: "0.3"; None -> ""."""
    if value is None:
        return ""
    return format_number(value, "en", decimals)
