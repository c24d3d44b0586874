"""The report and open-data pages, and the HTML report itself, pass axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import load_reference_data

from .fixtures import make_wave
from .test_report_offline_browser import CHROMIUM_ARGS

pytestmark = pytest.mark.browser

AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
RUN_AXE = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag",
    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}});
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} :: ` +
    v.nodes.map((n) => n.target.join(" ")).join(", "));
}"""


@pytest.fixture
def site(transactional_db, live_server):
    """The live server with the register and two published waves (one synthetic).

    Created before the browser starts: Playwright's event loop forbids ORM calls afterwards.
    """
    call_command("compile_translations", verbosity=0)
    load_reference_data()
    make_wave("test-2024")
    make_wave("synthetic-2024", synthetic=True)
    return live_server


@pytest.mark.parametrize("path", ["/rapport/", "/open-data/", "/rapport/test-2024/?format=html"])
def test_pages_have_no_axe_violations(site, path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        response = page.goto(site.url + path)
        assert response.status == 200
        page.add_script_tag(path=str(AXE_JS))
        violations = page.evaluate(RUN_AXE)
        browser.close()
    assert not violations, "\n".join(violations)
