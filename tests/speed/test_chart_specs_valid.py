"""Specs are built without schema validation at request time; here they are validated."""

from __future__ import annotations

import altair as alt
import jsonschema
import pytest

from datalab_monitor.charts import BarRow, bar_chart_spec

ROWS = [
    BarRow("Beleid", 52.6, "20 (53%)"),
    BarRow("Onderzoek", None, "< 3"),
    BarRow('Één "quote" & <tag>', 0.0, "0 (0%)"),
]


@pytest.mark.parametrize("keep_order", [False, True])
@pytest.mark.parametrize("rows", [ROWS, ROWS[:1], []])
def test_bar_chart_spec_is_valid_vega_lite(rows, keep_order):
    spec = bar_chart_spec(
        rows,
        title="Titel",
        subtitle=["n = 38", "Bron: fictief"],
        axis_title="%",
        keep_order=keep_order,
    )
    schema = alt.vegalite.v6.schema.core.load_schema()
    jsonschema.validate(spec, schema)  # raises on any invalid part
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    assert sorted(v["label"] for v in spec["data"]["values"]) == sorted(r.label for r in rows)


def test_invalid_spec_is_caught_by_the_check():
    spec = bar_chart_spec(ROWS, title="T", subtitle=[], axis_title="%")
    spec["layer"][0]["mark"] = {"type": "no-such-mark"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(spec, alt.vegalite.v6.schema.core.load_schema())
