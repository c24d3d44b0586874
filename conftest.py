"""Test defaults that must be in place before any test runs.

Tests read the CBS boundary files from ../shared/geo unless DATALAB_GEO_DIR says otherwise, and
need compiled translations, as `make test` provides; this makes a bare `pytest` behave the same.
pytest-django loads the settings before any conftest, so the setting is changed in place.
Static files are collected once per session into a temporary directory (as in production: hashed
names from the manifest, so a template linking a missing file fails), and the cache lives in a
temporary directory too, so no state leaks between sessions.
"""

import os
import shutil
import tempfile
from pathlib import Path

SHARED_GEO_DIR = Path(__file__).resolve().parent.parent / "shared" / "geo"


def pytest_configure(config):
    from django.conf import settings

    from datalab_monitor.core.i18n import compile_all

    if not os.environ.get("DATALAB_GEO_DIR"):
        os.environ["DATALAB_GEO_DIR"] = str(SHARED_GEO_DIR)
        settings.DATALAB_GEO_DIR = SHARED_GEO_DIR
    compile_all()
    collect_static_and_isolate_cache(config)


def collect_static_and_isolate_cache(config) -> None:
    from django.conf import settings
    from django.core.management import call_command

    scratch = Path(tempfile.mkdtemp(prefix="datalab-test-"))
    config.add_cleanup(lambda: shutil.rmtree(scratch, ignore_errors=True))
    settings.STATIC_ROOT = scratch / "static"
    if settings.CACHES["default"]["BACKEND"].endswith("FileBasedCache"):
        settings.CACHES["default"]["LOCATION"] = str(scratch / "cache")
    call_command("collectstatic", interactive=False, verbosity=0)
    serve_static_files_like_production()


def serve_static_files_like_production() -> None:
    """pytest-django's live server answers /static/ from the finders, which know no hashed
    names; let the application's WhiteNoise serve the collected files, as in production."""
    from django.contrib.staticfiles import handlers

    class CollectedStaticFiles(handlers.StaticFilesHandler):
        def _should_handle(self, path: str) -> bool:
            return False

    handlers.StaticFilesHandler = CollectedStaticFiles
