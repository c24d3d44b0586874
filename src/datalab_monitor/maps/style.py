"""The map's look: colours (Okabe-Ito, safe for colour-blind readers) and marker shapes.

A category is told apart by shape AND colour, so the map reads without colour too. Categories
get their style by their order; text on a marker is black or white, whichever contrasts most.
Plain Python: no Django.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FONT = "'Noto Sans', 'Segoe UI', Arial, Helvetica, sans-serif"
INK = "#1a1a1a"
MUTED = "#4d4d4d"
SEA = "#eaf2f8"
LAND = "#ece9e2"
COVERED = "#a9cbe8"  # light: numbered markers stay readable on it
COVERED_STRONG = "#2f6eaa"  # coverage map and dots: 3:1 or more against LAND
DOT = "#a8a293"
BORDER = "#ffffff"
PROVINCE_BORDER = "#5f5f5f"
LEADER = "#333333"
NOTICE = "#a1260d"

OKABE_ITO = ["#0072B2", "#E69F00", "#CC79A7", "#009E73", "#56B4E9", "#D55E00", "#F0E442"]
SHAPES = ["circle", "square", "diamond", "triangle", "hexagon", "pentagon", "circle"]

# Size of each shape: drawn "size" and the radius of the circle around it (for collisions).
SIZES = {
    "circle": (11.0, 11.0),
    "square": (9.5, 9.5 * math.sqrt(2)),
    "diamond": (13.0, 13.0),
    "triangle": (16.5, 16.5),
    "hexagon": (12.0, 12.0),
    "pentagon": (12.5, 12.5),
}


@dataclass(frozen=True)
class MarkerStyle:
    shape: str
    fill: str
    text: str
    size: float
    radius: float  # of the circle that holds the whole shape
    text_dy: float  # nudge of the number below the centre (triangles)


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two #rrggbb colours."""
    a, b = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def text_colour(fill: str) -> str:
    return "#ffffff" if contrast(fill, "#ffffff") >= contrast(fill, "#000000") else "#000000"


def marker_style(index: int) -> MarkerStyle:
    """The style of the category at position ``index`` in the category order."""
    fill = OKABE_ITO[index % len(OKABE_ITO)]
    shape = SHAPES[index % len(SHAPES)]
    size, radius = SIZES[shape]
    return MarkerStyle(
        shape=shape,
        fill=fill,
        text=text_colour(fill),
        size=size,
        radius=radius,
        text_dy=size * 0.22 if shape == "triangle" else 0.0,
    )


def _polygon(x: float, y: float, radius: float, corners: int, start: float) -> str:
    points = []
    for k in range(corners):
        angle = start + 2 * math.pi * k / corners
        points.append(f"{x + radius * math.cos(angle):.1f},{y + radius * math.sin(angle):.1f}")
    return " ".join(points)


def shape_element(style: MarkerStyle, x: float, y: float) -> tuple[str, dict[str, str]]:
    """SVG element name and geometry attributes of a marker shape centred on (x, y)."""
    s = style.size
    if style.shape == "circle":
        return "circle", {"cx": f"{x:.1f}", "cy": f"{y:.1f}", "r": f"{s:.1f}"}
    if style.shape == "square":
        return "rect", {
            "x": f"{x - s:.1f}",
            "y": f"{y - s:.1f}",
            "width": f"{2 * s:.1f}",
            "height": f"{2 * s:.1f}",
            "rx": "2",
        }
    corners, start = {
        "diamond": (4, -math.pi / 2),
        "triangle": (3, -math.pi / 2),
        "hexagon": (6, 0.0),
        "pentagon": (5, -math.pi / 2),
    }[style.shape]
    return "polygon", {"points": _polygon(x, y, s, corners, start)}
