"""Test defaults that must be in place before any test runs.

Tests read the CBS boundary files from ../shared/geo unless DATALAB_GEO_DIR says otherwise, and
need compiled translations, as `make test` provides; this makes a bare `pytest` behave the same.
pytest-django loads the settings before any conftest, so the setting is changed in place.
"""

import os
from pathlib import Path

SHARED_GEO_DIR = Path(__file__).resolve().parent.parent / "shared" / "geo"


def pytest_configure(config):
    from django.conf import settings

    from datalab_monitor.core.i18n import compile_all

    if not os.environ.get("DATALAB_GEO_DIR"):
        os.environ["DATALAB_GEO_DIR"] = str(SHARED_GEO_DIR)
        settings.DATALAB_GEO_DIR = SHARED_GEO_DIR
    compile_all()
