"""What a map is drawn from: areas (municipalities, provinces), labs, categories and texts.

Plain data, no Django: the web page, the PDF report and a notebook fill these the same way.
All codes are those of the map's year (a lab's 2019 municipalities are translated to their
successors before they get here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # shapely is imported where geometries are used, not at start-up
    from shapely.geometry.base import BaseGeometry

LonLat = tuple[float, float]


@dataclass(frozen=True)
class Area:
    """A municipality or province with its outline (lon/lat)."""

    code: str
    name: str
    geometry: BaseGeometry = field(repr=False, compare=False, hash=False)


@dataclass(frozen=True)
class BaseMap:
    """The background of a map for one year.

    With boundaries, ``municipalities`` carry polygons; without them (``points_only``), only
    ``points`` (a representative point per municipality) are known and ``problem`` says why.
    """

    year: int
    municipalities: tuple[Area, ...] = ()
    provinces: tuple[Area, ...] = ()
    points: tuple[tuple[str, LonLat], ...] = ()
    names: tuple[tuple[str, str], ...] = ()
    problem: str = ""
    source: tuple = ()  # identifies the files drawn from (name, mtime, size), for caching

    @property
    def points_only(self) -> bool:
        return not self.municipalities

    def point_of(self) -> dict[str, LonLat]:
        return dict(self.points)

    def name_of(self) -> dict[str, str]:
        return dict(self.names) or {a.code: a.name for a in self.municipalities}


@dataclass(frozen=True)
class Category:
    code: str
    label: str


@dataclass(frozen=True)
class Lab:
    """A lab as the map needs it; ``lead`` and ``codes`` are municipality codes of the map year."""

    number: int
    name: str
    slug: str
    category: str
    lead: str | None
    codes: tuple[str, ...]
    url: str = ""


@dataclass(frozen=True)
class MapTexts:
    """Every word on the map, already in the reader's language."""

    title: str
    description: str
    subtitle: str = ""
    legend_heading: str = ""
    covered: str = ""
    not_covered: str = ""
    leader_note: str = ""
    attribution: str = ""
    notice: str = ""
    # Many labs on one spot are drawn as one numbered cluster; %(count)s and %(labs)s are filled in.
    cluster: str = "%(count)s data labs in one place: %(labs)s"
