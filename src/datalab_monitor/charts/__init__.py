"""Chart specifications (Altair/Vega-Lite) and their SVG rendering (no Django imports)."""
