"""Charts: Vega-Lite specs with Altair, rendered to accessible SVG with text."""

from __future__ import annotations

import re

from datalab_monitor.charts import BAR_COLOUR, BarRow, bar_chart_spec, spec_to_svg


def _spec():
    return bar_chart_spec(
        [
            BarRow("Veiligheid", 20.0, "8 (20%)"),
            BarRow("Sociaal domein", 40.0, "15 (40%)"),
            BarRow("Onderwijs", None, "< 3"),
        ],
        title="In welk domein werken de datalabs?",
        subtitle=["n = 38", "Bron: test"],
        axis_title="% van de datalabs",
    )


def test_spec_sorts_by_size_hidden_last():
    spec = _spec()
    layer = spec["layer"][0]
    assert layer["encoding"]["y"]["sort"] == ["Sociaal domein", "Veiligheid", "Onderwijs"]
    assert layer["mark"]["color"] == BAR_COLOUR
    assert spec["title"]["text"] == "In welk domein werken de datalabs?"
    assert spec["title"]["subtitle"] == ["n = 38", "Bron: test"]


def test_svg_is_accessible_and_has_text():
    svg = spec_to_svg(_spec(), label="Staafdiagram: domeinen")
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert 'aria-label="Staafdiagram: domeinen"' in svg
    assert "<title>Staafdiagram: domeinen</title>" in svg
    assert svg.count('role="') == 1  # inner parts carry no roles
    texts = " ".join(re.findall(r"<(?:text|tspan)[^>]*>([^<]*)</(?:text|tspan)>", svg))
    for expected in ("Sociaal domein", "15 (40%)", "&lt; 3", "n = 38", "Bron: test"):
        assert expected in texts


def test_ordered_classes_keep_their_class_order():
    classes = ["0", "meer dan 0 tot en met 1", "meer dan 1 tot en met 2", "meer dan 5"]
    spec = bar_chart_spec(
        [
            BarRow(label, percent, "")
            for label, percent in zip(classes, [5.0, 50.0, 20.0, 25.0], strict=True)
        ],
        title="FTE",
        subtitle=[],
        axis_title="%",
        keep_order=True,
    )
    assert spec["layer"][0]["encoding"]["y"]["sort"] == classes


def test_only_the_fte_chart_keeps_class_order(db, register, monkeypatch):
    """The demo's FTE counts happen to fall in class order, so check what the page asks for."""
    from datalab_monitor.inventory.demo import create_demo_wave
    from datalab_monitor.results import charts
    from datalab_monitor.results.services import wave_findings

    asked = {}
    real = charts.chart_svg

    def recording(bars, **kwargs):
        asked[kwargs["title"]] = kwargs.get("keep_order", False)
        return real(bars, **kwargs)

    monkeypatch.setattr(charts, "chart_svg", recording)
    wave = create_demo_wave(slug="demo-order").wave
    found = wave_findings(wave, exact=True)
    fte = next(c for c in found.charts if c.topic == "fte")
    assert asked[fte.title] is True
    assert [asked[c.title] for c in found.charts if c.topic != "fte"] == [False] * 4
