"""The map pages in headless Chromium: axe-core (WCAG 2.1 AA), tooltips, and no JS needed."""

from __future__ import annotations

import pytest

from tests.browser.conftest import AXE_JS, CHROMIUM, CHROMIUM_ARGS, require, site  # noqa: F401

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ") + " :: " + n.failureSummary),
  }));
}"""
PAGES = [
    "/kaart/",
    "/kaart/?jaar=2019",
    "/kaart/dekking/",
    "/kaart/dekking/?gemeente=Heiloo",
    "/kaart/dekking/?gemeente=Bergen",
    "/kaart/dekking/?gemeente=Atlantis",
]


@pytest.fixture
def browser(site):  # noqa: F811
    require(CHROMIUM, "Chromium")
    require(AXE_JS, "axe-core (run npm install)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


def new_page(browser, width: int = 1280, javascript: bool = True):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="nl-NL", java_script_enabled=javascript
    )
    return context.new_page()


def violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(RUN_AXE, AXE_TAGS)


@pytest.mark.parametrize("width", [1280, 390])
def test_map_pages_have_no_axe_violations(site, browser, width):  # noqa: F811
    page = new_page(browser, width)
    failures = {}
    for path in PAGES:
        page.goto(site.url + path)
        assert page.locator("svg.dm-map").count() == 1
        found = violations(page)
        if found:
            failures[path] = "\n".join(
                f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(v["nodes"])
                for v in found
            )
    assert not failures, "\n\n".join(f"{p}:\n{t}" for p, t in failures.items())


def test_the_page_without_boundaries_has_no_axe_violations(site, browser, settings, tmp_path):  # noqa: F811
    settings.DATALAB_GEO_DIR = tmp_path
    page = new_page(browser)
    page.goto(site.url + "/kaart/")
    assert "Kaartgrenzen niet beschikbaar" in page.locator("main").inner_text()
    assert violations(page) == []


def test_tooltip_on_hover_and_focus_and_the_link_works(site, browser):  # noqa: F811
    page = new_page(browser)
    page.goto(site.url + "/kaart/")
    marker = page.locator('.dm-marker[data-lab-number="24"]')
    marker.locator("rect, circle, polygon").first.hover()
    tooltip = page.locator(".dm-map-tooltip")
    assert tooltip.is_visible()
    assert tooltip.inner_text().splitlines() == ["24. Twente", "Regionale samenwerking"]
    assert (
        page.locator('.dm-map-lists__labs li[data-lab-number="24"]').get_attribute("class")
        == "is-active"
    )
    page.mouse.move(5, 5)
    assert not tooltip.is_visible()
    # Keyboard: the marker's link takes focus and shows the same tooltip.
    page.locator('.dm-marker[data-lab-number="31"] a').focus()
    assert tooltip.is_visible() and tooltip.inner_text().startswith("31. Friesland")
    page.keyboard.press("Enter")
    page.wait_for_url("**/datalabs/friesland/")


def test_the_map_works_without_javascript(site, browser):  # noqa: F811
    page = new_page(browser, javascript=False)
    page.goto(site.url + "/kaart/")
    assert page.locator(".dm-marker").count() == 38
    assert page.locator(".dm-map-tooltip").count() == 0
    # Native tooltips and links are in the SVG itself; the list links to every lab.
    assert (
        page.locator('.dm-marker[data-lab-number="29"] title')
        .text_content()
        .startswith("29. Den Haag")
    )
    assert page.locator(".dm-map-lists__labs a").count() == 38
    page.locator('.dm-marker[data-lab-number="29"] a').click()
    page.wait_for_url("**/datalabs/den-haag/")


def test_clicking_a_municipality_on_the_coverage_map_asks_for_its_nearest_labs(site, browser):  # noqa: F811
    page = new_page(browser)
    page.goto(site.url + "/kaart/dekking/")
    page.locator('.dm-municipalities path[data-code="GM0399"]').click()
    page.wait_for_url("**gemeente=GM0399**")
    assert "Dichtst bij Heiloo (GM0399)" in page.locator("main").inner_text()
    first = page.locator(".dm-nearest li").first.inner_text()
    assert first.startswith("1. Alkmaar")
