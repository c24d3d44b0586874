"""A tiny made-up country for the pure map tests: 3 x 3 square municipalities, 2 provinces, 3 labs.

    lat 52.3  +------+------+------+
              | GM07 | GM08 | GM09 |     province PV01: GM01-GM06 (the bottom two rows)
    lat 52.2  +------+------+------+     province PV02: GM07-GM09 (the top row)
              | GM04 | GM05 | GM06 |
    lat 52.1  +------+------+------+     lab 1 (internal):    lead GM01, covers GM01
              | GM01 | GM02 | GM03 |     lab 2 (regional):    no lead, covers GM05, GM06, GM09
    lat 52.0  +------+------+------+     lab 3 (data center): lead GM02, covers GM02, GM01
           lon 5.0   5.1    5.2    5.3

Counted by hand: covered GM01, GM02, GM05, GM06, GM09 = 5 of 9. PV01: GM01, GM02, GM05, GM06
covered = 4 of 6; PV02: GM09 = 1 of 3.
"""

from __future__ import annotations

from shapely.geometry import box

from datalab_monitor.geo.points import representative_point
from datalab_monitor.maps.coverage import Place
from datalab_monitor.maps.model import Area, BaseMap, Category, Lab, MapTexts


def squares() -> list[Area]:
    areas = []
    for row in range(3):
        for column in range(3):
            number = row * 3 + column + 1
            lon, lat = 5.0 + 0.1 * column, 52.0 + 0.1 * row
            areas.append(
                Area(f"GM{number:04d}", f"Dorp {number}", box(lon, lat, lon + 0.1, lat + 0.1))
            )
    return areas


def base_map(points_only: bool = False) -> BaseMap:
    areas = squares()
    points = tuple((a.code, representative_point(a.geometry)) for a in areas)
    if points_only:
        names = tuple((a.code, a.name) for a in areas)
        return BaseMap(year=2030, points=points, names=names, problem="no files")
    provinces = (
        Area("PV01", "Zuid", box(5.0, 52.0, 5.3, 52.2)),
        Area("PV02", "Noord", box(5.0, 52.2, 5.3, 52.3)),
    )
    return BaseMap(year=2030, municipalities=tuple(areas), provinces=provinces, points=points)


CATEGORIES = [
    Category("internal", "Intern datalab"),
    Category("regional", "Regionale samenwerking"),
    Category("data-center", "Urban/Rural Data Center"),
]

LABS = [
    Lab(1, "Eerste", "eerste", "internal", "GM0001", ("GM0001",), "/datalabs/eerste/"),
    Lab(2, "Regio & Co", "regio", "regional", None, ("GM0005", "GM0006", "GM0009"), ""),
    Lab(3, "Derde", "derde", "data-center", "GM0002", ("GM0001", "GM0002"), "/datalabs/derde/"),
]

PLACES = [
    Place(f"GM{n:04d}", f"Dorp {n}", "PV01" if n <= 6 else "PV02", "Zuid" if n <= 6 else "Noord")
    for n in range(1, 10)
]

TEXTS = MapTexts(
    title="Proefkaart",
    description="Drie labs in een verzonnen land.",
    legend_heading="Soort",
    covered="Met lab",
    not_covered="Zonder lab",
    leader_note="Lijn naar de gemeente",
    attribution="Bron: verzonnen",
)
