"""Download CBS boundary files (TopoJSON) into a cache directory, validated before they land.

The boundaries are the CBS/Kadaster "Gebiedsindelingen" published on PDOK (CC BY 4.0). PDOK
serves them as WFS/GeoJSON in the Dutch RD grid; the app reads the same data as simplified WGS84
TopoJSON from the public cartomap/nl mirror, which is made from the PDOK files. Sources are
tried in order (``SOURCES``); another mirror with the same file names can be given instead.

A file is written only after it has been fully received, parses and validates; it is written
to a temporary file in the cache directory and renamed over the old one, so a failed or
interrupted download leaves the cache exactly as it was. Plain Python: no Django.
"""

from __future__ import annotations

import http.client
import os
import tempfile
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .boundaries import LEVELS, BoundaryFileError, file_name, parse_boundaries

CARTOMAP_URL = "https://cartomap.github.io/nl/wgs84/{level}_{year}.topojson"
CARTOMAP_RAW_URL = (
    "https://raw.githubusercontent.com/cartomap/nl/master/wgs84/{level}_{year}.topojson"
)
SOURCES: tuple[str, ...] = (CARTOMAP_URL, CARTOMAP_RAW_URL)
USER_AGENT = "datalab-monitor boundary download"
MAX_BYTES = 64 * 1024 * 1024  # the generalised national files are well under 1 MB


class DownloadError(RuntimeError):
    """The file could not be fetched or was not a valid boundary file."""


@dataclass(frozen=True)
class Downloaded:
    path: Path
    regions: int
    url: str


def fetch(url: str, timeout: float = 60) -> bytes:
    """The complete body at ``url``; a refused, failed or short answer raises DownloadError."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read(MAX_BYTES + 1)
            expected = response.headers.get("Content-Length")
    except urllib.error.HTTPError as exc:
        raise DownloadError(f"{url}: the server answered {exc.code} {exc.reason}") from exc
    except http.client.IncompleteRead as exc:
        raise DownloadError(
            f"{url}: the download broke off after {len(exc.partial)} bytes"
        ) from exc
    except (urllib.error.URLError, http.client.HTTPException, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise DownloadError(f"{url}: cannot be fetched ({reason})") from exc
    if len(body) > MAX_BYTES:
        raise DownloadError(f"{url}: larger than {MAX_BYTES} bytes; not a boundary file")
    if expected is not None and expected.isdigit() and int(expected) != len(body):
        raise DownloadError(f"{url}: received {len(body)} of {expected} bytes")
    return body


def store(body: bytes, target: Path) -> None:
    """Write ``body`` to ``target`` atomically: all of it, or the old file stays untouched."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(
        dir=target.parent, prefix=f".{target.name}.", suffix=".part", delete=False
    )
    try:
        with handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, 0o644)
        os.replace(handle.name, target)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def download(
    level: str,
    year: int,
    cache_dir: Path,
    sources: Sequence[str] = SOURCES,
    timeout: float = 60,
) -> Downloaded:
    """Fetch ``{level}_{year}.topojson`` from the first source that gives a valid file, and
    store it in ``cache_dir``. Raises DownloadError naming every source tried and why."""
    if level not in LEVELS:
        raise DownloadError(f"unknown level {level!r}; expected one of {list(LEVELS)}")
    problems = []
    for source in sources:
        url = source.format(level=level, year=year)
        try:
            body = fetch(url, timeout=timeout)
            regions = parse_boundaries(body, level, year, source=url)
        except (DownloadError, BoundaryFileError) as exc:
            problems.append(str(exc))
            continue
        target = Path(cache_dir) / file_name(level, year)
        store(body, target)
        return Downloaded(path=target, regions=len(regions), url=url)
    raise DownloadError("; ".join(problems) or "no source to download from")
