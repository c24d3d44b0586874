"""Shared fixtures: the register is loaded once into the test database; browser tests run last."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(config, items):
    """Run browser tests (which flush the database) after every other test."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


def load_reference_data() -> None:
    from datalab_monitor.core.roles import ensure_roles
    from datalab_monitor.inventory.loaders import load_waves
    from datalab_monitor.registry.loaders import load_municipalities, load_register

    load_municipalities()
    load_register()
    load_waves()
    ensure_roles()


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    """All tests share one client address: the abuse-limit tests set their own small limits."""
    settings.DATALAB_WRONG_LINK_LIMIT = "100000/600"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture
def register(db):
    """The municipalities, the 38 labs, the categories, the do's and the 2019 wave."""
    from datalab_monitor.registry.models import Datalab

    if not Datalab.objects.exists():  # flushed by a transactional test
        load_reference_data()


@pytest.fixture(scope="session")
def geo_dir() -> Path:
    path = Path(os.environ["DATALAB_GEO_DIR"])
    if not (path / "gemeente_2019.topojson").is_file():
        pytest.fail(f"CBS boundary files not found in {path} (set DATALAB_GEO_DIR)")
    return path


@pytest.fixture
def site(transactional_db, live_server):
    """The live server with the register loaded (transactional tests start from an empty DB)."""
    from tests.web.conftest import compile_translations

    compile_translations()
    load_reference_data()
    return live_server


@pytest.fixture
def browser(site, monkeypatch):
    """Headless Chromium against the live server (see tests/browser/support.py)."""
    from tests.browser.support import chromium

    # Playwright's sync API runs an event loop in this thread; tests still read the database.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with chromium() as instance:
        yield instance


@pytest.fixture
def browser_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    yield context.new_page()
    context.close()
