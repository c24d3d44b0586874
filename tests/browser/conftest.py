"""Headless Chromium (Debian's) through Playwright, against pytest-django's live server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR, load_reference_data
from tests.web.conftest import compile_translations

CHROMIUM = Path("/usr/bin/chromium")
AXE_JS = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = PROJECT_DIR / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def require(path: Path, what: str) -> None:
    """Skip when a browser prerequisite is missing, except in CI (env CI set), where it fails."""
    if path.is_file():
        return
    message = f"{what} not found at {path}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def site(transactional_db, live_server):
    """The live server with the register loaded (transactional tests start from an empty DB)."""
    compile_translations()
    load_reference_data()
    return live_server


@pytest.fixture
def browser_page(site):
    require(CHROMIUM, "Chromium")
    require(AXE_JS, "axe-core (run npm install)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        page = context.new_page()
        yield page
        context.close()
        browser.close()
