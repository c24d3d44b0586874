"""The map pages in headless Chromium: axe-core (WCAG 2.1 AA), tooltips, and no JS needed."""

from __future__ import annotations

import pytest

from tests.browser.support import axe_violations

pytestmark = pytest.mark.browser

PAGES = [
    "/kaart/",
    "/kaart/?jaar=2019",
    "/kaart/dekking/",
    "/kaart/dekking/?gemeente=Heiloo",
    "/kaart/dekking/?gemeente=Bergen",
    "/kaart/dekking/?gemeente=Atlantis",
]


def new_page(browser, width: int = 1280, javascript: bool = True):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="nl-NL", java_script_enabled=javascript
    )
    return context.new_page()


@pytest.mark.parametrize("width", [1280, 390])
def test_map_pages_have_no_axe_violations(site, browser, width):
    page = new_page(browser, width)
    failures = {}
    for path in PAGES:
        page.goto(site.url + path)
        assert page.locator("svg.dm-map").count() == 1
        found = axe_violations(page)
        if found:
            failures[path] = "\n".join(found)
    assert not failures, "\n\n".join(f"{p}:\n{t}" for p, t in failures.items())


def test_the_page_without_boundaries_has_no_axe_violations(site, browser, settings, tmp_path):
    settings.DATALAB_GEO_DIR = tmp_path
    page = new_page(browser)
    page.goto(site.url + "/kaart/")
    assert "De gemeentegrenzen kunnen nu niet getoond worden" in page.locator("main").inner_text()
    assert axe_violations(page) == []


def test_tooltip_on_hover_and_focus_and_the_link_works(site, browser):
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


def test_the_map_works_without_javascript(site, browser):
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


def test_clicking_a_municipality_on_the_coverage_map_asks_for_its_nearest_labs(site, browser):
    page = new_page(browser)
    page.goto(site.url + "/kaart/dekking/")
    page.locator('.dm-municipalities path[data-code="GM0399"]').click()
    page.wait_for_url("**gemeente=GM0399**")
    assert "Dichtst bij Heiloo (GM0399)" in page.locator("main").inner_text()
    first = page.locator(".dm-nearest li").first.inner_text()
    assert first.startswith("1. Alkmaar")
