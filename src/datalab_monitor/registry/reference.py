"""Build the municipality reference table from CBS boundary files (plain Python, no Django).

The table lists every municipality of the reference years (2019, the inventory's year, and the
newest year available) with its province and its names per year. Province membership is the
province polygon that overlaps the municipality most. Mergers come from ``data/mergers.csv``
(public facts with their dates); the builder checks them against the boundaries: every code that
disappears must be listed, and its listed successors must be exactly the municipalities of the
newer year that take over at least ``SUCCESSOR_MIN_SHARE`` of its area.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # shapely is imported where geometries are used, not at start-up
    from shapely.geometry.base import BaseGeometry

from datalab_monitor.geo.boundaries import Region, read_boundaries

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITIES_CSV = DATA_DIR / "municipalities.csv"
PROVINCES_CSV = DATA_DIR / "provinces.csv"
MERGERS_CSV = DATA_DIR / "mergers.csv"
SUCCESSOR_MIN_SHARE = 0.05


class ReferenceDataError(ValueError):
    """The boundary files and the merger list disagree, or a file is unusable."""


@dataclass
class MunicipalityRow:
    code: str
    province_code: str
    names: dict[int, str] = field(default_factory=dict)
    valid_from: date | None = None
    valid_to: date | None = None
    successor_codes: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.names[max(self.names)]


@dataclass(frozen=True)
class Merger:
    date: date
    code: str
    successor_code: str


def read_mergers(path: Path = MERGERS_CSV) -> list[Merger]:
    mergers = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row_number, row in enumerate(csv.DictReader(handle), start=2):
            try:
                mergers.append(
                    Merger(date.fromisoformat(row["date"]), row["code"], row["successor_code"])
                )
            except (KeyError, ValueError) as exc:
                raise ReferenceDataError(f"{path}, row {row_number}: {exc}") from exc
    return mergers


def _valid(geometry: BaseGeometry) -> BaseGeometry:
    return geometry if geometry.is_valid else geometry.buffer(0)


def _province_of(region: Region, provinces: list[Region]) -> str:
    geometry = _valid(region.geometry)
    return max(provinces, key=lambda p: geometry.intersection(_valid(p.geometry)).area).code


def _successors(old: Region, newer: list[Region]) -> list[str]:
    geometry = _valid(old.geometry)
    return sorted(
        region.code
        for region in newer
        if geometry.intersection(_valid(region.geometry)).area / geometry.area
        >= SUCCESSOR_MIN_SHARE
    )


def build_reference(
    geo_dir: Path | str, years: tuple[int, int], province_year: int
) -> tuple[list[MunicipalityRow], list[tuple[str, str]]]:
    """Return municipality rows and (code, name) province rows for ``years`` (old, new)."""
    old_year, new_year = years
    provinces = read_boundaries(geo_dir, "provincie", province_year)
    snapshots = {year: read_boundaries(geo_dir, "gemeente", year) for year in years}
    rows: dict[str, MunicipalityRow] = {}
    for year, regions in snapshots.items():
        for region in regions:
            row = rows.get(region.code)
            if row is None:
                row = rows[region.code] = MunicipalityRow(
                    region.code, _province_of(region, provinces)
                )
            row.names[year] = region.name

    mergers = read_mergers()
    listed: dict[str, list[Merger]] = {}
    for merger in mergers:
        listed.setdefault(merger.code, []).append(merger)
    new_codes = {region.code for region in snapshots[new_year]}
    problems = []
    for region in snapshots[old_year]:
        if region.code in new_codes:
            if region.code in listed:
                problems.append(f"{region.code} is listed as merged but still exists in {new_year}")
            continue
        if region.code not in listed:
            problems.append(f"{region.code} ({region.name}) disappears but is not in mergers.csv")
            continue
        expected = sorted(m.successor_code for m in listed[region.code])
        found = _successors(region, snapshots[new_year])
        if expected != found:
            problems.append(
                f"{region.code} ({region.name}): mergers.csv names successors {expected}, "
                f"the boundaries show {found}"
            )
        row = rows[region.code]
        row.valid_to = min(m.date for m in listed[region.code])
        row.successor_codes = expected
    for merger in mergers:
        successor = rows.get(merger.successor_code)
        if successor is None:
            problems.append(f"successor {merger.successor_code} of {merger.code} is in no file")
        elif old_year not in successor.names:
            successor.valid_from = min(filter(None, [successor.valid_from, merger.date]))
    if problems:
        raise ReferenceDataError("; ".join(problems))
    province_rows = [(p.code, p.name) for p in sorted(provinces, key=lambda p: p.code)]
    return sorted(rows.values(), key=lambda r: r.code), province_rows


MUNICIPALITY_COLUMNS = ["code", "province_code", "valid_from", "valid_to", "successor_codes"]


def municipality_csv(rows: list[MunicipalityRow], years: tuple[int, ...]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(MUNICIPALITY_COLUMNS + [f"name_{year}" for year in years])
    for row in rows:
        writer.writerow(
            [
                row.code,
                row.province_code,
                row.valid_from.isoformat() if row.valid_from else "",
                row.valid_to.isoformat() if row.valid_to else "",
                " ".join(row.successor_codes),
            ]
            + [row.names.get(year, "") for year in years]
        )
    return out.getvalue()


def province_csv(rows: list[tuple[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "name"])
    writer.writerows(rows)
    return out.getvalue()


def read_municipality_table(path: Path = MUNICIPALITIES_CSV) -> list[MunicipalityRow]:
    """Read the committed reference table back into rows."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        years = [
            int(c.removeprefix("name_")) for c in reader.fieldnames or [] if c.startswith("name_")
        ]
        rows = []
        for record in reader:
            rows.append(
                MunicipalityRow(
                    code=record["code"],
                    province_code=record["province_code"],
                    names={y: record[f"name_{y}"] for y in years if record[f"name_{y}"]},
                    valid_from=date.fromisoformat(record["valid_from"])
                    if record["valid_from"]
                    else None,
                    valid_to=date.fromisoformat(record["valid_to"]) if record["valid_to"] else None,
                    successor_codes=record["successor_codes"].split(),
                )
            )
    return rows


def table_years(path: Path = MUNICIPALITIES_CSV) -> tuple[int, ...]:
    with path.open(encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    return tuple(int(c.removeprefix("name_")) for c in header if c.startswith("name_"))
