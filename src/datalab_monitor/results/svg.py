"""A chart's SVG from its rows (the one place charts are drawn; a cache can wrap it)."""

from __future__ import annotations

from collections.abc import Sequence

from datalab_monitor.charts import BarRow, bar_chart_spec, spec_to_svg


def chart_svg(
    bars: Sequence[BarRow],
    *,
    title: str,
    subtitle: Sequence[str],
    axis_title: str,
    label: str,
    keep_order: bool = False,
) -> str:
    """The accessible SVG of a horizontal bar chart (``label`` is its text alternative);
    ``keep_order`` keeps ordered classes (FTE) in class order instead of sorting by size."""
    spec = bar_chart_spec(
        bars, title=title, subtitle=subtitle, axis_title=axis_title, keep_order=keep_order
    )
    return spec_to_svg(spec, label=label)
