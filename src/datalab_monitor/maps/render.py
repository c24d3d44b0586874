"""Draw the map of labs (or of coverage) as one accessible, self-contained SVG.

The same SVG goes into the web page (inline) and the PDF report: a <title> and <desc> for screen
readers, municipal boundaries, province borders, covered municipalities shaded, numbered markers
whose category shows by shape and colour, leader lines from displaced markers to the lab's true
point, a legend, a title and the CBS/Kadaster attribution. Every marker is a <g> carrying the lab
number, slug and category, with an <a> to the lab's page when a URL is given.

Many labs on one spot become one cluster marker showing how many labs it holds (its <title> and
``RenderedMap.clusters`` list them), so a crowded map degrades instead of failing.

Without boundaries the map is drawn from one point per municipality (a dot map) and says why.
Plain Python: no Django.
"""

from __future__ import annotations

import math
import textwrap
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field

from .anchors import lab_anchor
from .layout import Item, Placement, place_markers
from .model import BaseMap, Category, Lab, LonLat, MapTexts
from .projection import Projection, path_data
from .style import (
    BORDER,
    COVERED,
    COVERED_STRONG,
    DOT,
    FONT,
    INK,
    LAND,
    LEADER,
    MUTED,
    NOTICE,
    PROVINCE_BORDER,
    SEA,
    MarkerStyle,
    marker_style,
    shape_element,
)

WIDTH = 680
MARGIN = 16
LEGEND_WIDTH = 196
POINT_RADIUS = 3.2  # municipality dots of the map without boundaries
MAX_STACK = 5  # more labs than this on one spot are drawn as one cluster
MAX_RINGS = 24  # a marker moved further than 12 radii from its place joins a cluster instead
CLUSTER_RADIUS = 13.0
CLUSTER_FILL = "#3d3d3d"

SVG_NS = "http://www.w3.org/2000/svg"


@dataclass
class RenderedMap:
    svg: str
    projection: Projection
    anchors: dict[int, LonLat] = field(default_factory=dict)
    placements: dict[int, Placement] = field(default_factory=dict)
    unplaced: list[Lab] = field(default_factory=list)
    clusters: dict[int, tuple[int, ...]] = field(default_factory=dict)  # marker key -> lab numbers
    covered: frozenset[str] = frozenset()
    width: int = WIDTH
    height: int = 0


def _el(parent: ET.Element | None, tag: str, attrs: dict | None = None, text: str = ""):
    attributes = {key: str(value) for key, value in (attrs or {}).items()}
    element = (
        ET.Element(tag, attributes) if parent is None else ET.SubElement(parent, tag, attributes)
    )
    if text:
        element.text = text
    return element


def _bounds(base: BaseMap) -> tuple[float, float, float, float]:
    import shapely

    if not base.points_only:
        return tuple(
            float(v) for v in shapely.total_bounds([a.geometry for a in base.municipalities])
        )
    lons = [p[0] for _, p in base.points]
    lats = [p[1] for _, p in base.points]
    pad = 0.08
    return (min(lons) - pad, min(lats) - pad, max(lons) + pad, max(lats) + pad)


def _wrap(text: str, width_px: float, font_size: float) -> list[str]:
    chars = max(8, int(width_px / (font_size * 0.55)))
    return textwrap.wrap(text, chars) or [""]


def render_map(
    base: BaseMap,
    labs: list[Lab],
    categories: list[Category],
    texts: MapTexts,
    *,
    mode: str = "labs",
    id_prefix: str = "kaart",
) -> RenderedMap:
    """Render ``labs`` on ``base``. ``mode`` "labs" draws markers on shaded coverage;
    "coverage" draws only covered / not covered municipalities."""
    if mode not in {"labs", "coverage"}:
        raise ValueError(f"unknown map mode {mode!r}; use 'labs' or 'coverage'")
    styles = {c.code: marker_style(i) for i, c in enumerate(categories)}
    labels = {c.code: c.label for c in categories}
    points = base.point_of()
    known = set(points) | {a.code for a in base.municipalities}
    covered = frozenset(code for lab in labs for code in lab.codes if code in known)

    header = 74 + (22 * len(_wrap(texts.notice, WIDTH - 2 * MARGIN, 13)) if texts.notice else 0)
    bounds = _bounds(base)
    project = Projection.fit_width(bounds, MARGIN, header, WIDTH - 2 * MARGIN)
    map_height = project.size(bounds)[1]
    footer = _footer_height(texts, mode)
    height = math.ceil(header + map_height + footer)

    root = _el(
        None,
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 0 {WIDTH} {height}",
            "width": WIDTH,
            "height": height,
            "role": "group",
            "aria-labelledby": f"{id_prefix}-title",
            "aria-describedby": f"{id_prefix}-desc",
            "class": "dm-map",
            "data-year": base.year,
            "data-mode": mode,
            "data-boundaries": "false" if base.points_only else "true",
            "font-family": FONT,
        },
    )
    _el(root, "title", {"id": f"{id_prefix}-title"}, texts.title)
    _el(root, "desc", {"id": f"{id_prefix}-desc"}, texts.description)
    _el(root, "rect", {"width": WIDTH, "height": height, "fill": SEA})

    if base.points_only:
        _draw_points(root, base, project, covered)
    else:
        _draw_areas(root, base, project, covered, COVERED if mode == "labs" else COVERED_STRONG)

    legend_box = _draw_legend(
        root, labs, categories, styles, labels, texts, mode, covered, base, header
    )
    result = RenderedMap(svg="", projection=project, covered=covered, width=WIDTH, height=height)
    if mode == "labs":
        _draw_markers(
            root,
            labs,
            base,
            points,
            project,
            styles,
            labels,
            header,
            height - footer + 8,
            legend_box,
            result,
            texts,
        )
    _draw_header(root, texts, header)
    displaced = any(p.displaced for p in result.placements.values())
    _draw_footer(root, texts, height - footer, displaced)
    result.svg = ET.tostring(root, encoding="unicode")
    return result


def _draw_areas(
    root, base: BaseMap, project: Projection, covered: frozenset[str], shade: str
) -> None:
    layer = _el(
        root,
        "g",
        {
            "class": "dm-municipalities",
            "fill": LAND,
            "stroke": BORDER,
            "stroke-width": "0.6",
            "stroke-linejoin": "round",
            "fill-rule": "evenodd",
        },
    )
    for area in base.municipalities:
        attrs = {
            "d": path_data(area.geometry, project),
            "data-code": area.code,
            "data-name": area.name,
        }
        if area.code in covered:
            attrs |= {"fill": shade, "data-covered": "true"}
        _el(layer, "path", attrs)
    if base.provinces:
        borders = _el(
            root,
            "g",
            {
                "class": "dm-provinces",
                "fill": "none",
                "stroke": PROVINCE_BORDER,
                "stroke-width": "1.2",
                "stroke-linejoin": "round",
            },
        )
        for area in base.provinces:
            _el(borders, "path", {"d": path_data(area.geometry, project), "data-code": area.code})


def _draw_points(root, base: BaseMap, project: Projection, covered: frozenset[str]) -> None:
    """The plainer map: a soft outline around all municipality points and a dot for each."""
    import shapely
    from shapely.geometry import MultiPoint

    projected = {code: project(*lonlat) for code, lonlat in base.points}
    hull = shapely.concave_hull(MultiPoint(list(projected.values())), ratio=0.12)
    outline = hull.buffer(9, quad_segs=4)
    _el(
        root,
        "path",
        {
            "class": "dm-outline",
            "d": _plain_path(outline),
            "fill": LAND,
            "stroke": PROVINCE_BORDER,
            "stroke-width": "1",
        },
    )
    names = base.name_of()
    layer = _el(root, "g", {"class": "dm-municipalities", "fill": DOT})
    for code, (x, y) in sorted(projected.items()):
        attrs = {
            "cx": f"{x:.1f}",
            "cy": f"{y:.1f}",
            "r": POINT_RADIUS,
            "data-code": code,
            "data-name": names.get(code, code),
        }
        if code in covered:
            attrs |= {"fill": COVERED_STRONG, "data-covered": "true"}
        _el(layer, "circle", attrs)


def _plain_path(geometry) -> str:
    """Path data of a geometry already in pixels."""
    parts = []
    for polygon in getattr(geometry, "geoms", [geometry]):
        coords = list(polygon.exterior.coords)
        parts.append("M" + " L".join(f"{x:.0f} {y:.0f}" for x, y in coords[:-1]) + "z")
    return "".join(parts)


def _legend_rows(labs, categories, styles, labels, texts, mode, covered, base):
    counts = Counter(lab.category for lab in labs)
    rows: list[tuple[str, object, str]] = []
    if mode == "labs":
        for category in categories:
            if counts.get(category.code):
                rows.append(
                    (
                        "marker",
                        styles[category.code],
                        f"{labels[category.code]} ({counts[category.code]})",
                    )
                )
    total = len(base.points) if base.points else len(base.municipalities)
    if texts.covered:
        rows.append(
            (
                "swatch",
                COVERED if mode == "labs" and not base.points_only else COVERED_STRONG,
                f"{texts.covered} ({len(covered)})",
            )
        )
    if texts.not_covered:
        rows.append(
            (
                "swatch",
                LAND if not base.points_only else DOT,
                f"{texts.not_covered} ({total - len(covered)})",
            )
        )
    return rows


LEGEND_FONT = 12
LEGEND_LINE = 14
LEGEND_ROW_GAP = 9


def _draw_legend(root, labs, categories, styles, labels, texts, mode, covered, base, header):
    """The legend box in the top-left corner (the North Sea); returns its box for the layout."""
    rows = _legend_rows(labs, categories, styles, labels, texts, mode, covered, base)
    if not rows and not texts.legend_heading:
        return None
    left, top = MARGIN + 4, header + 6
    text_width = LEGEND_WIDTH - 46
    wrapped = [(kind, style, _wrap(label, text_width, LEGEND_FONT)) for kind, style, label in rows]
    height = 32 + sum(len(lines) * LEGEND_LINE + LEGEND_ROW_GAP for _, _, lines in wrapped)
    group = _el(root, "g", {"class": "dm-legend"})
    _el(
        group,
        "rect",
        {
            "x": left,
            "y": top,
            "width": LEGEND_WIDTH,
            "height": height,
            "rx": 4,
            "fill": "#ffffff",
            "fill-opacity": "0.92",
            "stroke": "#c8c8c8",
        },
    )
    _el(
        group,
        "text",
        {"x": left + 12, "y": top + 21, "font-size": 13, "font-weight": 700, "fill": INK},
        texts.legend_heading,
    )
    y = top + 34
    for kind, style, lines in wrapped:
        centre_y = y + len(lines) * LEGEND_LINE / 2 - 1
        if kind == "marker":
            assert isinstance(style, MarkerStyle)
            scale = 9.5 / style.radius
            marker = _el(
                group,
                "g",
                {"transform": f"translate({left + 22},{centre_y:.1f}) scale({scale:.3f})"},
            )
            tag, attrs = shape_element(style, 0, 0)
            _el(marker, tag, attrs | {"fill": style.fill, "stroke": "#ffffff", "stroke-width": 1.5})
        else:
            _el(
                group,
                "rect",
                {
                    "x": left + 13,
                    "y": f"{centre_y - 7:.1f}",
                    "width": 18,
                    "height": 14,
                    "fill": style,
                    "stroke": "#9a9a9a",
                    "stroke-width": 0.6,
                },
            )
        text = _el(
            group,
            "text",
            {"x": left + 40, "y": f"{y + 10:.1f}", "font-size": LEGEND_FONT, "fill": INK},
        )
        for index, line in enumerate(lines):
            _el(text, "tspan", {"x": left + 40, "dy": 0 if index == 0 else LEGEND_LINE}, line)
        y += len(lines) * LEGEND_LINE + LEGEND_ROW_GAP
    return (left, top, left + LEGEND_WIDTH, top + height)


def _draw_cluster(layer, placement: Placement, members: list[Lab], texts: MapTexts) -> None:
    """One marker for many labs: a dark disc with their count; its title lists them."""
    x, y = placement.position
    names = ", ".join(f"{lab.number}. {lab.name}" for lab in members)
    label = texts.cluster % {"count": len(members), "labs": names}
    group = _el(
        layer,
        "g",
        {
            "class": "dm-marker dm-cluster",
            "data-lab-numbers": " ".join(str(lab.number) for lab in members),
            "data-x": f"{x:.1f}",
            "data-y": f"{y:.1f}",
            "data-radius": f"{placement.radius:.2f}",
            "role": "img",
            "aria-label": label,
        },
    )
    _el(group, "title", {}, label)
    _el(
        group,
        "circle",
        {
            "cx": f"{x:.1f}",
            "cy": f"{y:.1f}",
            "r": f"{placement.radius:.1f}",
            "fill": CLUSTER_FILL,
            "stroke": "#ffffff",
            "stroke-width": "2",
        },
    )
    _el(
        group,
        "text",
        {
            "x": f"{x:.1f}",
            "y": f"{y:.1f}",
            "dy": "0.36em",
            "text-anchor": "middle",
            "font-size": "11",
            "font-weight": "700",
            "fill": "#ffffff",
            "aria-hidden": "true",
        },
        f"{len(members)}×",
    )


def _draw_markers(
    root, labs, base, points, project, styles, labels, header, bottom, legend_box, result, texts
):
    items = []
    for lab in labs:
        anchor = lab_anchor(lab, base, points)
        if anchor is None:
            result.unplaced.append(lab)
            continue
        result.anchors[lab.number] = anchor
        items.append(Item(lab.number, project(*anchor), styles[lab.category].radius))
    frame = (MARGIN, header, WIDTH - MARGIN, bottom)
    obstacles = (legend_box,) if legend_box else ()
    placements = place_markers(
        items,
        frame,
        gap=2.0,
        obstacles=obstacles,
        max_rings=MAX_RINGS,
        max_stack=MAX_STACK,
        cluster_radius=CLUSTER_RADIUS,
    )
    result.placements = {p.key: p for p in placements}
    result.clusters = {p.key: p.members for p in placements if p.is_cluster}
    by_number = {lab.number: lab for lab in labs}

    leaders = _el(
        root, "g", {"class": "dm-leaders", "stroke": LEADER, "stroke-width": "1", "fill": LEADER}
    )
    for placement in placements:
        if not placement.displaced:
            continue
        (ax, ay), (px, py) = placement.anchor, placement.position
        _el(
            leaders,
            "line",
            {
                "x1": f"{ax:.1f}",
                "y1": f"{ay:.1f}",
                "x2": f"{px:.1f}",
                "y2": f"{py:.1f}",
                "data-lab-number": placement.key,
            },
        )
        _el(
            leaders,
            "circle",
            {
                "cx": f"{ax:.1f}",
                "cy": f"{ay:.1f}",
                "r": "2.4",
                "stroke": "#ffffff",
                "stroke-width": "0.8",
            },
        )

    layer = _el(root, "g", {"class": "dm-markers"})
    for placement in placements:
        if placement.is_cluster:
            _draw_cluster(layer, placement, [by_number[key] for key in placement.members], texts)
            continue
        lab = by_number[placement.key]
        style = styles[lab.category]
        lon, lat = result.anchors[lab.number]
        (ax, ay), (x, y) = placement.anchor, placement.position
        group = _el(
            layer,
            "g",
            {
                "class": "dm-marker",
                "data-lab-number": lab.number,
                "data-lab-slug": lab.slug,
                "data-lab-name": lab.name,
                "data-category": lab.category,
                "data-category-label": labels[lab.category],
                "data-anchor-lon": f"{lon:.5f}",
                "data-anchor-lat": f"{lat:.5f}",
                "data-anchor-x": f"{ax:.1f}",
                "data-anchor-y": f"{ay:.1f}",
                "data-x": f"{x:.1f}",
                "data-y": f"{y:.1f}",
                "data-radius": f"{style.radius:.2f}",
            },
        )
        label = f"{lab.number}. {lab.name} ({labels[lab.category]})"
        holder = _el(group, "a", {"href": lab.url, "aria-label": label}) if lab.url else group
        _el(holder, "title", {}, label)
        tag, attrs = shape_element(style, x, y)
        _el(holder, tag, attrs | {"fill": style.fill, "stroke": "#ffffff", "stroke-width": "1.6"})
        _el(
            holder,
            "text",
            {
                "x": f"{x:.1f}",
                "y": f"{y + style.text_dy:.1f}",
                "dy": "0.36em",
                "text-anchor": "middle",
                "font-size": "11",
                "font-weight": "700",
                "fill": style.text,
                "aria-hidden": "true",
            },
            str(lab.number),
        )


def _draw_header(root, texts: MapTexts, header: int) -> None:
    group = _el(root, "g", {"class": "dm-heading", "aria-hidden": "true"})
    _el(
        group,
        "text",
        {"x": MARGIN + 4, "y": 34, "font-size": 22, "font-weight": 700, "fill": INK},
        texts.title,
    )
    if texts.subtitle:
        _el(
            group,
            "text",
            {"x": MARGIN + 4, "y": 58, "font-size": 14, "fill": MUTED},
            texts.subtitle,
        )
    if texts.notice:
        text = _el(
            group,
            "text",
            {"x": MARGIN + 4, "y": 82, "font-size": 13, "font-weight": 700, "fill": NOTICE},
        )
        for index, line in enumerate(_wrap(texts.notice, WIDTH - 2 * MARGIN, 13)):
            _el(text, "tspan", {"x": MARGIN + 4, "dy": 0 if index == 0 else 18}, line)


def _attribution_lines(texts: MapTexts) -> list[str]:
    return _wrap(texts.attribution, WIDTH - 2 * MARGIN, 11) if texts.attribution else []


def _footer_height(texts: MapTexts, mode: str) -> int:
    note = 18 if mode == "labs" and texts.leader_note else 0
    return 16 + note + 15 * len(_attribution_lines(texts))


def _draw_footer(root, texts: MapTexts, top: float, leaders: bool) -> None:
    """Below the map: what a leader line means (if the map has any), and the attribution."""
    y = top + 12
    if leaders and texts.leader_note:
        note = _el(root, "g", {"class": "dm-leader-note"})
        _el(
            note,
            "line",
            {"x1": MARGIN + 6, "y1": y - 4, "x2": MARGIN + 30, "y2": y - 4, "stroke": LEADER},
        )
        _el(note, "circle", {"cx": MARGIN + 6, "cy": y - 4, "r": 2.4, "fill": LEADER})
        _el(
            note,
            "text",
            {"x": MARGIN + 38, "y": y, "font-size": 11, "fill": MUTED},
            texts.leader_note,
        )
        y += 18
    lines = _attribution_lines(texts)
    if lines:
        text = _el(
            root,
            "text",
            {"class": "dm-attribution", "x": MARGIN + 4, "y": y, "font-size": 11, "fill": MUTED},
        )
        for index, line in enumerate(lines):
            _el(text, "tspan", {"x": MARGIN + 4, "dy": 0 if index == 0 else 15}, line)
