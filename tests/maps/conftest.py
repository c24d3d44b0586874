"""Map tests draw on the shared CBS files and need the compiled Dutch translations."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """Compile the .po files (as `make test` does) and drop catalogues loaded before that."""
    from django.utils.translation import trans_real

    from datalab_monitor.core.i18n import compile_all

    if compile_all():
        trans_real._translations = {}
        trans_real._default = None


@pytest.fixture(autouse=True)
def boundary_dir(settings, geo_dir):
    """Point the settings at the shared boundary files (the root conftest sets the environment
    variable too late for settings that are already loaded)."""
    settings.DATALAB_GEO_DIR = geo_dir
    return geo_dir
