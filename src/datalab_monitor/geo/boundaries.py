"""Find, read and validate CBS boundary files in a directory (``DATALAB_GEO_DIR``).

File names follow the CBS/cartomap convention: ``gemeente_2019.topojson``,
``provincie_2025.topojson``; each file holds one object named like the file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .topojson import Feature, TopoJSONError, decode

LEVELS = {"gemeente": "GM", "provincie": "PV"}
CODE_PATTERNS = {"gemeente": re.compile(r"^GM\d{4}$"), "provincie": re.compile(r"^PV\d{2}$")}
FILE_PATTERN = re.compile(r"^(gemeente|provincie)_(\d{4})\.topojson$")


class BoundaryFileError(ValueError):
    """A boundary file is missing, unreadable or not what it should be; says which and why."""


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    feature: Feature

    @property
    def geometry(self):
        return self.feature.geometry


def file_name(level: str, year: int) -> str:
    return f"{level}_{year}.topojson"


def available_years(directory: Path | str | None, level: str = "gemeente") -> list[int]:
    """Years for which ``directory`` holds a file of this level, oldest first."""
    if directory is None or not Path(directory).is_dir():
        return []
    years = []
    for path in Path(directory).iterdir():
        match = FILE_PATTERN.match(path.name)
        if match and match.group(1) == level:
            years.append(int(match.group(2)))
    return sorted(years)


def nearest_year(years: list[int] | tuple[int, ...], year: int) -> int | None:
    """The newest of ``years`` not after ``year``, else the oldest; None if there are none."""
    ordered = sorted(years)
    if not ordered:
        return None
    earlier = [known for known in ordered if known <= year]
    return earlier[-1] if earlier else ordered[0]


def parse_boundaries(text: str | bytes, level: str, year: int, source: str) -> list[Region]:
    """Parse and validate the text of a boundary file; ``source`` names it in error messages."""
    if level not in LEVELS:
        raise BoundaryFileError(
            f"{source}: unknown level {level!r}; expected one of {list(LEVELS)}"
        )
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BoundaryFileError(
            f"{source}: not valid JSON at line {exc.lineno}, column {exc.colno} ({exc.msg}); "
            "the file may be truncated"
        ) from exc
    object_name = f"{level}_{year}"
    objects = document.get("objects") if isinstance(document, dict) else None
    if isinstance(objects, dict) and object_name not in objects and len(objects) == 1:
        object_name = next(iter(objects))
    try:
        features = decode(document, object_name)
    except TopoJSONError as exc:
        raise BoundaryFileError(f"{source}: {exc}") from exc
    if not features:
        raise BoundaryFileError(f"{source}: the file holds no regions")
    regions: list[Region] = []
    seen: set[str] = set()
    for position, feature in enumerate(features, start=1):
        code = str(feature.properties.get("statcode", "")).strip()
        name = str(feature.properties.get("statnaam", "")).strip()
        where = f"{source}: region {position}"
        if not CODE_PATTERNS[level].match(code):
            raise BoundaryFileError(f"{where}: 'statcode' {code!r} is not a {LEVELS[level]} code")
        if not name:
            raise BoundaryFileError(f"{where} ({code}): 'statnaam' is empty")
        if code in seen:
            raise BoundaryFileError(f"{where}: code {code} occurs twice")
        if feature.geometry.is_empty or feature.geometry.area <= 0:
            raise BoundaryFileError(f"{where} ({code}): the geometry is empty")
        seen.add(code)
        regions.append(Region(code=code, name=name, feature=feature))
    return regions


def read_boundaries(directory: Path | str, level: str, year: int) -> list[Region]:
    """Read and validate ``{level}_{year}.topojson`` from ``directory``."""
    path = Path(directory) / file_name(level, year)
    if not path.is_file():
        raise BoundaryFileError(f"{path}: file not found (run 'datalab-monitor geo download')")
    return _read_cached(str(path), path.stat().st_mtime_ns, level, year)


@lru_cache(maxsize=16)
def _read_cached(path: str, _mtime: int, level: str, year: int) -> list[Region]:
    try:
        text = Path(path).read_bytes()
    except OSError as exc:
        raise BoundaryFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    return parse_boundaries(text, level, year, source=path)
