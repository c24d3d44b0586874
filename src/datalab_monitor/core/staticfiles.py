"""Publish only the front-end files the site uses from ``node_modules``, under ``vendor/``.

``node_modules`` also holds tooling (Spectral, axe-core for the tests, ~100 MB) and npm's own
files (``.package-lock.json``): none of that may be served. ``VENDOR_FILES`` lists, as glob
patterns relative to ``node_modules``, what the templates link (``{% static 'vendor/...' %}``)
plus what those stylesheets load, and the packages' licences. A template that links a vendor file
missing here fails in the tests (collectstatic builds the manifest the pages are rendered with).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PREFIX = "vendor"
VENDOR_FILES = (
    "@fontsource-variable/noto-sans/index.css",
    "@fontsource-variable/noto-sans/files/noto-sans-*-wght-normal.woff2",
    "@fontsource-variable/noto-sans/LICENSE",
    "@utrecht/design-tokens/dist/index.css",
    "@utrecht/design-tokens/LICENSE*",
    "@utrecht/component-library-css/dist/index.css",
    "@utrecht/component-library-css/LICENSE*",
)


def vendor_files(root: Path) -> list[str]:
    """The published files under ``root`` (``node_modules``), as sorted relative POSIX paths."""
    found = {path for pattern in VENDOR_FILES for path in root.glob(pattern) if path.is_file()}
    return sorted(path.relative_to(root).as_posix() for path in found)


class VendorFinder(BaseFinder):
    """A staticfiles finder for the ``VENDOR_FILES`` of ``settings.NODE_MODULES_DIR``."""

    def __init__(self, *args, **kwargs):
        self.root = Path(settings.NODE_MODULES_DIR)
        self.storage = FileSystemStorage(location=self.root)
        self.storage.prefix = PREFIX

    def _published(self) -> list[str]:
        return vendor_files(self.root) if self.root.is_dir() else []

    def find(self, path, find_all=False, **kwargs):
        prefix = PREFIX + "/"
        match = []
        if path.startswith(prefix) and path[len(prefix) :] in self._published():
            match = [str(self.root / path[len(prefix) :])]
        if find_all:
            return match
        return match[0] if match else []

    def list(self, ignore_patterns):
        for path in self._published():
            yield path, self.storage
