"""Template tags of the map: ``{% datalab_map %}`` embeds the map (home page),
``{% marker_icon style number %}`` draws a category's marker shape beside the list."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from django import template
from django.utils.safestring import mark_safe

from datalab_monitor.maps import services
from datalab_monitor.maps.style import MarkerStyle, shape_element

register = template.Library()


@register.inclusion_tag("maps/includes/embedded.html", takes_context=True)
def datalab_map(context, year: int | None = None) -> dict:
    """The map of labs for ``year`` (default: newest) with its notice and a link to the map page."""
    return {
        "map": services.lab_map(year, id_prefix="home-kaart"),
        "request": context.get("request"),
    }


@register.simple_tag
def marker_icon(style: MarkerStyle, number: int | str = "") -> str:
    """A small inline SVG of a marker shape (decorative: aria-hidden), optionally numbered."""
    size = 2 * style.radius + 4
    centre = size / 2
    svg = ET.Element(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {size:.1f} {size:.1f}",
            "class": f"dm-marker-icon dm-marker-icon--{style.shape}",
            "aria-hidden": "true",
            "focusable": "false",
        },
    )
    tag, attrs = shape_element(style, centre, centre)
    ET.SubElement(
        svg, tag, attrs | {"fill": style.fill, "stroke": "#ffffff", "stroke-width": "1.6"}
    )
    if number != "":
        text = ET.SubElement(
            svg,
            "text",
            {
                "x": f"{centre:.1f}",
                "y": f"{centre + style.text_dy:.1f}",
                "dy": "0.36em",
                "text-anchor": "middle",
                "font-size": "11",
                "font-weight": "700",
                "fill": style.text,
            },
        )
        text.text = str(number)
    return mark_safe(ET.tostring(svg, encoding="unicode"))  # noqa: S308 - built from numbers


@register.filter
def share(value: float) -> str:
    """A fraction (0-1) as a percentage with one decimal, in the active language's format."""
    return services.percent(value)


@register.filter
def uncovered_in(province_code: str, coverage) -> list:
    """The municipalities of a province that no lab covers."""
    return coverage.uncovered_in(province_code)
