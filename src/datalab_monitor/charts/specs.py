"""Vega-Lite specifications of the publication's bar charts, built with Altair.

One chart = horizontal bars of the percentage of labs per option, sorted by size (classes of a
number, such as FTE, keep their class order), one
colour-blind-safe colour (Okabe-Ito blue, contrast 5:1 on white), each bar labelled with its
count and percentage. Hidden cells (small-number protection) get no bar, only their label
("< 3" or "x"). The title, the base ("n = 38") and the source are part of the chart, so the
same SVG serves the web page and the PDF report.

The spec is built without JSON-schema validation (a request should not pay for it, and altair is
imported only here, on first use); the tests validate every kind of chart against the schema.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

BAR_COLOUR = "#0072B2"  # Okabe-Ito blue: distinguishable with every kind of colour blindness
TEXT_COLOUR = "#1a1a1a"
WIDTH = 420
STEP = 24


@dataclass(frozen=True)
class BarRow:
    """One bar: ``percent`` is None when the cell is hidden; ``text`` is what the label shows."""

    label: str
    percent: float | None
    text: str


def bar_chart_spec(
    rows: Sequence[BarRow],
    *,
    title: str,
    subtitle: Sequence[str],
    axis_title: str,
    keep_order: bool = False,
) -> dict[str, Any]:
    """The Vega-Lite spec (a dict) of a horizontal bar chart, largest bar on top; with
    ``keep_order`` (ordered classes) the bars stay in the order given."""
    if keep_order:
        ordered = list(rows)
    else:  # largest first, hidden cells last
        ordered = sorted(rows, key=lambda r: (r.percent is None, -(r.percent or 0.0)))
    import altair as alt  # heavy: imported by the first chart, not at start-up

    data = alt.Data(
        values=[
            {"label": r.label, "percent": r.percent, "text": r.text, "position": r.percent or 0.0}
            for r in ordered
        ]
    )
    order = [r.label for r in ordered]
    y = alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=260, labelFontSize=12))
    x_scale = alt.Scale(domain=[0, 100])
    bars = (
        alt.Chart(data)
        .mark_bar(color=BAR_COLOUR)
        .encode(
            x=alt.X("percent:Q", scale=x_scale, title=axis_title, axis=alt.Axis(tickCount=5)),
            y=y,
            tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip("text:N", title=axis_title)],
        )
    )
    labels = (
        alt.Chart(data)
        .mark_text(align="left", dx=4, color=TEXT_COLOUR, fontSize=11)
        .encode(x=alt.X("position:Q", scale=x_scale), y=y, text="text:N")
    )
    chart = (
        alt.layer(bars, labels)
        .properties(
            width=WIDTH,
            height=alt.Step(STEP),
            title=alt.Title(
                title, subtitle=list(subtitle), anchor="start", fontSize=15, subtitleFontSize=11
            ),
        )
        .configure(aria=False, font="sans-serif")
        .configure_view(stroke=None)
    )
    return chart.to_dict(validate=False)
