"""One number format for every surface: round half up, whole percentages, one-decimal FTE."""

from __future__ import annotations

from pathlib import Path

import pytest

from datalab_monitor.findings.formatting import (
    format_number,
    format_percent,
    format_points,
    machine_number,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "datalab_monitor"


@pytest.mark.parametrize(
    ("value", "nl", "en"),
    [(0.25, "0,3", "0.3"), (0.35, "0,4", "0.4"), (2.675, "2,7", "2.7"), (1, "1,0", "1.0")],
)
def test_half_up_to_one_decimal(value, nl, en):
    assert format_number(value, "nl") == nl and format_number(value, "en") == en
    assert machine_number(value) == en


def test_percentages_and_points():
    assert format_percent(12.5) == "13%" and format_percent(100 * 1 / 8) == "13%"
    assert format_points(2.5) == "+3" and format_points(-0.4) == "0" and format_points(-3) == "-3"
    assert format_number(-0.04) == "0,0"  # never "-0,0"
    assert format_number(None) == format_percent(None) == "–"


def test_templates_use_the_one_format():
    for app in ("results", "reports"):
        for template in (SRC / app / "templates").rglob("*.html"):
            assert "floatformat" not in template.read_text(), template
