"""Download CBS boundary files (TopoJSON) into a cache directory, validated before they land.

Sources, tried in order:

1. cartomap/nl (https://cartomap.github.io/nl/), which redistributes the CBS/PDOK
   "Gebiedsindelingen" as simplified WGS84 TopoJSON, the format the app reads.

A file is written only after it parses and validates; a failed download leaves the cache as it
was.
"""

from __future__ import annotations

import os
import tempfile
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .boundaries import BoundaryFileError, file_name, parse_boundaries

CARTOMAP_URL = "https://cartomap.github.io/nl/wgs84/{level}_{year}.topojson"
USER_AGENT = "datalab-monitor (+https://github.com/) boundary download"


class DownloadError(RuntimeError):
    """The file could not be fetched or was not a valid boundary file."""


@dataclass(frozen=True)
class Downloaded:
    path: Path
    regions: int
    url: str


def download(
    level: str, year: int, cache_dir: Path, base_url: str = CARTOMAP_URL, timeout: float = 60
) -> Downloaded:
    """Fetch ``{level}_{year}.topojson``, validate it and store it in ``cache_dir``."""
    url = base_url.format(level=level, year=year)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
    except urllib.error.HTTPError as exc:
        raise DownloadError(f"{url}: the server answered {exc.code} {exc.reason}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise DownloadError(f"{url}: cannot be reached ({reason})") from exc
    try:
        regions = parse_boundaries(body, level, year, source=url)
    except BoundaryFileError as exc:
        raise DownloadError(str(exc)) from exc
    cache_dir.mkdir(parents=True, exist_ok=True)
    target = cache_dir / file_name(level, year)
    with tempfile.NamedTemporaryFile(dir=cache_dir, delete=False, suffix=".part") as handle:
        handle.write(body)
    os.replace(handle.name, target)
    return Downloaded(path=target, regions=len(regions), url=url)
