"""Render Vega-Lite specs to SVG with vl-convert, made accessible (role="img" with a label)."""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache
from typing import Any

_SVG_OPEN = re.compile(r"<svg\b([^>]*)>")
_INNER_ARIA = re.compile(r'\s(?:role|aria-roledescription|aria-label|aria-hidden)="[^"]*"')


def spec_to_svg(spec: dict[str, Any], *, label: str, element_id: str | None = None) -> str:
    """The SVG of ``spec`` with ``role="img"``, an ``aria-label`` and a ``<title>``.

    The chart's details are in the data table beside it; the label names what it shows.
    """
    return _render(json.dumps(spec, sort_keys=True), label, element_id or "")


@lru_cache(maxsize=256)
def _render(spec_json: str, label: str, element_id: str) -> str:
    import vl_convert  # 40 MB of engine: loaded by the first chart, not by every process

    svg = vl_convert.vegalite_to_svg(json.loads(spec_json))
    svg = _INNER_ARIA.sub("", svg)  # the image is one labelled whole; its parts are not roles
    escaped = html.escape(label, quote=True)
    id_attr = f' id="{html.escape(element_id, quote=True)}"' if element_id else ""

    def opening(match: re.Match) -> str:
        attrs = match.group(1)
        return f'<svg{attrs}{id_attr} role="img" aria-label="{escaped}" focusable="false">'

    svg = _SVG_OPEN.sub(opening, svg, count=1)
    head, rest = svg.split(">", 1)
    return f"{head}><title>{escaped}</title>{rest}"
