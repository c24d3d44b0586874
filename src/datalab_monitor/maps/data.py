"""From the database and the boundary files to the map's plain data, with caching.

- ``data_year(year)``: the year whose boundaries (or points) are drawn for a requested year.
- ``base_map(year)``: municipalities (polygons, or points when boundaries are missing) and
  province borders dissolved from the municipalities, so both line up exactly.
- ``map_labs(year)``: the labs with their municipalities translated to that year (a 2019
  municipality merged since is drawn on its successor; a newer one on its predecessors).

Decoded boundaries and base maps are cached per file state; rendered SVGs per (base map, labs,
texts), so a page view only reads the register and looks up the cache.
"""

from __future__ import annotations

import logging
from datetime import date
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from datalab_monitor.geo.boundaries import (
    BoundaryFileError,
    available_years,
    file_name,
    nearest_year,
    read_boundaries,
)
from datalab_monitor.geo.points import PointsFileError, read_points, representative_points, valid
from datalab_monitor.registry.models import Category as CategoryModel
from datalab_monitor.registry.models import Datalab, Municipality

from .coverage import Place
from .model import Area, BaseMap, Category, Lab

logger = logging.getLogger(__name__)


def geo_dir() -> Path:
    return Path(settings.DATALAB_GEO_DIR)


def _points_years() -> dict[int, dict]:
    try:
        return read_points_cached()
    except PointsFileError:
        logger.exception("the representative points file is unusable")
        return {}


@lru_cache(maxsize=1)
def read_points_cached() -> dict[int, dict]:
    return read_points()


def data_years() -> list[int]:
    """Years a map can be drawn for: boundary years if any, else the years of the points file."""
    return available_years(geo_dir(), "gemeente") or sorted(_points_years())


def data_year(year: int | None = None) -> int:
    """The year drawn for ``year`` (default: the newest): nearest available not after it."""
    years = data_years() or [2019]
    return years[-1] if year is None else nearest_year(years, year)


def offered_years() -> list[int]:
    """The years a reader can choose: the inventory year (2019) and the newest."""
    years = data_years() or [2019]
    return sorted({nearest_year(years, 2019), years[-1]})


def _file_state(directory: Path, *names: str) -> tuple:
    state = []
    for name in names:
        path = directory / name
        try:
            stat = path.stat()
            state.append((name, stat.st_mtime_ns, stat.st_size))
        except OSError:
            state.append((name, None, None))
    return tuple(state)


def _provinces_of() -> tuple[tuple[str, str, str], ...]:
    """(municipality code, province code, province name) for every municipality in the DB."""
    return tuple(Municipality.objects.values_list("code", "province__code", "province__name"))


def base_map(year: int) -> BaseMap:
    """The background for (the data year of) ``year``; points only, with the reason, if the
    boundary files are missing or broken."""
    directory = geo_dir()
    drawn = data_year(year)
    boundary_years = available_years(directory, "gemeente")
    provinces = _provinces_of()
    if boundary_years:
        state = _file_state(directory, file_name("gemeente", drawn))
        try:
            return _boundary_map(str(directory), drawn, state, provinces)
        except BoundaryFileError as exc:
            problem = str(exc).replace(f"{directory}/", "")
            logger.warning("boundaries unusable, drawing the plain map: %s", exc)
    else:
        problem = _("the file %(name)s is missing") % {"name": file_name("gemeente", drawn)}
    return _points_map(drawn, problem, provinces)


@lru_cache(maxsize=8)
def _boundary_map(directory: str, year: int, state: tuple, provinces: tuple) -> BaseMap:
    from shapely.ops import unary_union

    regions = read_boundaries(directory, "gemeente", year)
    areas = tuple(Area(r.code, r.name, valid(r.geometry)) for r in regions)
    province_of = {code: (pcode, pname) for code, pcode, pname in provinces}
    groups: dict[tuple[str, str], list] = {}
    for area in areas:
        if area.code in province_of:
            groups.setdefault(province_of[area.code], []).append(area.geometry)
    province_areas = tuple(
        Area(code, name, unary_union(shapes)) for (code, name), shapes in sorted(groups.items())
    )
    if not province_areas:
        province_areas = _province_file(directory, year)
    points = tuple(sorted(representative_points(regions).items()))
    return BaseMap(
        year=year, municipalities=areas, provinces=province_areas, points=points, source=state
    )


def _province_file(directory: str, year: int) -> tuple[Area, ...]:
    years = available_years(directory, "provincie")
    if not years:
        return ()
    try:
        regions = read_boundaries(directory, "provincie", nearest_year(years, year))
    except BoundaryFileError:
        return ()
    return tuple(Area(r.code, r.name, valid(r.geometry)) for r in regions)


def _points_map(year: int, problem: str, provinces: tuple) -> BaseMap:
    by_year = _points_years()
    if not by_year:
        return BaseMap(year=year, problem=problem)
    points_year = nearest_year(list(by_year), year)
    names = {
        m.code: m.name_in(points_year)
        for m in Municipality.objects.filter(code__in=list(by_year[points_year]))
    }
    return BaseMap(
        year=points_year,
        points=tuple(sorted(by_year[points_year].items())),
        names=tuple(sorted(names.items())),
        problem=problem,
    )


def codes_on(municipality: Municipality, day: date) -> list[str]:
    """The codes that hold ``municipality``'s territory on ``day``: itself, its successors after
    a merger, or its predecessors if it did not exist yet."""
    if municipality.exists_on(day):
        return [municipality.code]
    if municipality.valid_to is not None and municipality.valid_to <= day:
        return [m.code for m in municipality.successors_on(day)]
    found: set[str] = set()
    for predecessor in municipality.predecessors.all():
        found.update(codes_on(predecessor, day))
    return sorted(found)


def map_categories() -> list[Category]:
    return [Category(c.code, str(c)) for c in CategoryModel.objects.all()]


def map_labs(year: int, with_urls: bool = True) -> list[Lab]:
    """Every lab in the register, its municipalities translated to (the data year of) ``year``."""
    day = date(year, 1, 1)
    labs = []
    queryset = Datalab.objects.select_related("category", "lead_municipality").prefetch_related(
        "municipalities__successors", "municipalities__predecessors"
    )
    for lab in queryset.order_by("number"):
        codes: set[str] = set()
        for municipality in lab.municipalities.all():
            codes.update(codes_on(municipality, day))
        lead = None
        if lab.lead_municipality is not None:
            lead_codes = codes_on(lab.lead_municipality, day)
            lead = lead_codes[0] if len(lead_codes) == 1 else None
            codes.update(lead_codes)
        labs.append(
            Lab(
                number=lab.number,
                name=lab.name,
                slug=lab.slug,
                category=lab.category.code,
                lead=lead,
                codes=tuple(sorted(codes)),
                url=lab.get_absolute_url() if with_urls else "",
            )
        )
    return labs


def places(year: int) -> list[Place]:
    """The municipalities in force on 1 January of ``year``, with their names of that year."""
    return [
        Place(m.code, m.name_in(year), m.province.code, m.province.name)
        for m in Municipality.objects.in_force(year).select_related("province")
    ]


def municipality_names() -> dict[str, list[str]]:
    """Every municipality code (all years) with all its names, for matching a typed name."""
    return {m.code: sorted({m.name, *m.names.values()}) for m in Municipality.objects.all()}
