"""Map tests draw on the shared CBS files: point the settings at them (the root conftest sets the
environment variable too late for settings that are already loaded)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def boundary_dir(settings, geo_dir):
    settings.DATALAB_GEO_DIR = geo_dir
    return geo_dir
