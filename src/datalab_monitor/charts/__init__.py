"""Chart specifications (Altair/Vega-Lite) and their SVG rendering (no Django imports)."""

from .render import spec_to_svg
from .specs import BAR_COLOUR, BarRow, bar_chart_spec

__all__ = ["BAR_COLOUR", "BarRow", "bar_chart_spec", "spec_to_svg"]
