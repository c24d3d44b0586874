"""Template filters of the report."""

from __future__ import annotations

import base64
import xml.etree.ElementTree as ET

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

SVG_NS = "{http://www.w3.org/2000/svg}"

register = template.Library()


@register.filter
def css_string(value: object) -> str:
    """``value`` escaped for use inside a double-quoted CSS string in a <style> element."""
    text = str(value)
    for raw, escaped in (
        ("\\", "\\\\"),
        ('"', '\\"'),
        ("<", "\\3C "),
        (">", "\\3E "),
        ("\n", "\\A "),
    ):
        text = text.replace(raw, escaped)
    return text


@register.filter
def svg_image(svg: str) -> SafeString:
    """An inline SVG as an <img> with the SVG as a data URL, its <title> and <desc> as alt text.

    For the PDF: WeasyPrint draws it as the same vector graphic, but parses and styles one
    element instead of every shape of it (about a seventh of the PDF's rendering time), and
    tags it as a figure with alternative text.
    """
    root = ET.fromstring(svg)
    texts = [
        "".join(element.itertext())
        for tag in ("title", "desc")
        if (element := root.find(SVG_NS + tag)) is not None
    ]
    alt = " ".join(" ".join(texts).split())
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return format_html(
        '<img src="data:image/svg+xml;base64,{}" alt="{}" width="{}" height="{}">',
        data,
        alt,
        root.get("width", ""),
        root.get("height", ""),
    )
