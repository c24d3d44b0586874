"""The map, coverage and nearest labs for a year, ready for a page or the report.

``lab_map(year)`` renders the map of labs, ``coverage_map(year)`` the covered / not covered
map, ``coverage(year)`` the figures and ``nearest(query, year)`` the labs nearest to a typed
municipality. Words come in the active language; SVGs are cached (see ``data``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import data
from .coverage import Coverage, NearLab, compute_coverage, match_municipality, nearest_labs
from .model import BaseMap, Category, Lab, MapTexts
from .render import RenderedMap, render_map
from .style import marker_style


@dataclass
class MapView:
    """Everything a page or the report needs about one map."""

    year: int
    requested_year: int | None
    base: BaseMap
    labs: list[Lab]
    categories: list[Category]
    coverage: Coverage
    rendered: RenderedMap

    @property
    def svg(self) -> str:
        return self.rendered.svg

    @property
    def problem(self) -> str:
        return self.base.problem

    @property
    def unplaced(self) -> list[Lab]:
        return self.rendered.unplaced

    @property
    def clusters(self) -> list[list[Lab]]:
        """The labs drawn together as one numbered cluster marker, per cluster."""
        by_number = {lab.number: lab for lab in self.labs}
        return [
            [by_number[number] for number in members] for members in self.rendered.clusters.values()
        ]

    def labs_by_category(self) -> list[tuple[Category, dict, list[Lab]]]:
        """(category, its marker style, its labs) in category order, for the list beside the map."""
        groups = []
        for index, category in enumerate(self.categories):
            members = [lab for lab in self.labs if lab.category == category.code]
            if members:
                groups.append((category, marker_style(index), members))
        return groups


def percent(share: float) -> str:
    return number_format(round(share * 100, 1), decimal_pos=1) + "%"


def _attribution(points_only: bool) -> str:
    if points_only:
        return _(
            "Municipality points derived from CBS / Kadaster, Gebiedsindelingen (via PDOK, "
            "edited by cartomap/nl), CC BY 4.0"
        )
    return _(
        "Boundaries: CBS / Kadaster, Gebiedsindelingen (via PDOK, edited by cartomap/nl), CC BY 4.0"
    )


def _notice(base: BaseMap) -> str:
    if not base.problem:
        return ""
    # The public sees why the map is plainer, not file names: those are on the page for staff.
    return _("Municipal boundaries are not available; a dot marks every municipality.")


def _lab_texts(base: BaseMap, labs: list[Lab], categories: list[Category], cov: Coverage):
    counts = Counter(lab.category for lab in labs)
    parts = [f"{counts[c.code]} × {c.label}" for c in categories if counts.get(c.code)]
    kind = (
        _("a dot for each municipality (boundaries not available)")
        if base.points_only
        else _("municipal and provincial boundaries of %(year)s") % {"year": base.year}
    )
    description = " ".join(
        [
            _("Map of the Netherlands with %(kind)s.") % {"kind": kind},
            ngettext(
                "%(count)s data lab is shown as a numbered marker whose shape and colour show "
                "its category: %(parts)s.",
                "%(count)s data labs are shown as numbered markers whose shape and colour show "
                "their category: %(parts)s.",
                len(labs),
            )
            % {"count": len(labs), "parts": "; ".join(parts)},
            _(
                "%(covered)s of the %(total)s municipalities (%(share)s) are covered by at "
                "least one data lab and are shaded."
            )
            % {
                "covered": cov.national.covered,
                "total": cov.national.total,
                "share": percent(cov.national.share),
            },
            _("The numbered list next to the map names every data lab."),
        ]
    )
    return MapTexts(
        title=_("Data labs on the map (%(year)s)") % {"year": base.year},
        subtitle=ngettext(
            "%(count)s data lab · numbers as in the 2019 inventory",
            "%(count)s data labs · numbers as in the 2019 inventory",
            len(labs),
        )
        % {"count": len(labs)},
        description=description,
        legend_heading=_("Kind of data lab"),
        covered=_("Municipality with a data lab"),
        not_covered=_("Municipality without a data lab"),
        leader_note=_("A line points to the municipality where a marker had to move aside."),
        cluster=_("%(count)s data labs in one place: %(labs)s"),
        attribution=_attribution(base.points_only),
        notice=_notice(base),
    )


def _coverage_texts(base: BaseMap, cov: Coverage) -> MapTexts:
    share = percent(cov.national.share)
    return MapTexts(
        title=_("Coverage: municipalities with a data lab (%(year)s)") % {"year": base.year},
        subtitle=_("%(covered)s of %(total)s municipalities (%(share)s)")
        % {"covered": cov.national.covered, "total": cov.national.total, "share": share},
        description=_(
            "Map of the Netherlands, %(year)s: the %(covered)s municipalities covered by at "
            "least one data lab are shaded, the other %(uncovered)s are not. Coverage per "
            "province is in the table on this page."
        )
        % {
            "year": base.year,
            "covered": cov.national.covered,
            "uncovered": cov.national.not_covered,
        },
        legend_heading=_("Municipalities"),
        covered=_("With a data lab"),
        not_covered=_("Without a data lab"),
        attribution=_attribution(base.points_only),
        notice=_notice(base),
    )


@lru_cache(maxsize=32)
def _render(base, labs, categories, texts, mode, id_prefix) -> RenderedMap:
    return render_map(base, list(labs), list(categories), texts, mode=mode, id_prefix=id_prefix)


def _parts(year: int | None):
    drawn = data.data_year(year)
    base = data.base_map(drawn)
    labs = data.map_labs(base.year)
    categories = data.map_categories()
    cov = compute_coverage(base.year, data.places(base.year), labs)
    return base, labs, categories, cov


def lab_map(year: int | None = None, id_prefix: str = "kaart") -> MapView:
    """The map of labs for ``year`` (default: the newest available)."""
    base, labs, categories, cov = _parts(year)
    texts = _lab_texts(base, labs, categories, cov)
    rendered = _render(base, tuple(labs), tuple(categories), texts, "labs", id_prefix)
    return MapView(base.year, year, base, labs, categories, cov, rendered)


def coverage_map(year: int | None = None, id_prefix: str = "dekking") -> MapView:
    """The covered / not covered map and the coverage figures for ``year``."""
    base, labs, categories, cov = _parts(year)
    texts = _coverage_texts(base, cov)
    rendered = _render(base, tuple(labs), tuple(categories), texts, "coverage", id_prefix)
    return MapView(base.year, year, base, labs, categories, cov, rendered)


def coverage(year: int | None = None) -> Coverage:
    """Coverage figures for ``year`` (for the report): computed from the register."""
    drawn = data.data_year(year)
    return compute_coverage(drawn, data.places(drawn), data.map_labs(drawn, with_urls=False))


@dataclass
class Nearest:
    """The answer to "which labs are nearest to ...?"."""

    query: str
    year: int
    choices: list[tuple[str, str]] = field(default_factory=list)  # (code, name) if ambiguous
    code: str = ""
    name: str = ""
    typed_name: str = ""  # the matched name if it is a former municipality
    labs: list[NearLab] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.code)


def nearest(query: str, year: int | None = None, limit: int = 5) -> Nearest:
    """The ``limit`` labs nearest to the municipality named (or coded) in ``query``."""
    from datalab_monitor.registry.models import Municipality

    drawn = data.data_year(year)
    base = data.base_map(drawn)
    result = Nearest(query=query, year=base.year)
    codes = match_municipality(query, data.municipality_names())
    if not codes:
        return result
    municipalities = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    day = date(base.year, 1, 1)
    current: dict[str, str] = {}
    for code in codes:
        for now in data.codes_on(municipalities[code], day):
            current.setdefault(now, code)
    if len(current) != 1:
        names = {
            m.code: m.name_in(base.year) for m in Municipality.objects.filter(code__in=current)
        }
        result.choices = sorted(((c, names.get(c, c)) for c in current), key=lambda c: c[1])
        return result
    (code, typed), *_rest = current.items()
    target = Municipality.objects.get(code=code)
    result.code, result.name = code, target.name_in(base.year)
    if typed != code:
        result.typed_name = municipalities[typed].name
    points = base.point_of()
    if code in points:
        result.labs = nearest_labs(code, points, data.map_labs(base.year), limit=limit)
    return result
