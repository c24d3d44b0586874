"""The public pages in a real browser: language switch, keyboard access and axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest

from .support import ARTIFACTS, axe_violations

pytestmark = pytest.mark.browser


PAGES = [
    "/",
    "/datalabs/",
    "/datalabs/?q=Twente&category=regional",
    "/datalabs/twente/",
    "/datalabs/heerhugowaard/",
    "/datalabs/amsterdam/",  # stopped, with partners, start year and website (see fixture)
    "/categorieen/",
    "/10-dos/",
]


@pytest.fixture
def varied_lab(site):
    """Give one lab every optional detail, so the axe run covers them too."""
    from datalab_monitor.registry.models import Datalab, Partner

    lab = Datalab.objects.get(slug="amsterdam")
    lab.status = Datalab.Status.STOPPED
    lab.start_year = 2016
    lab.website = "https://example.org/datalab"
    lab.description_nl = "Een datalab met een beschrijving."
    lab.description_en = "A data lab with a description."
    lab.save()
    lab.partners.add(
        Partner.objects.create(name="Hogeschool van Voorbeeld", website="https://example.org/"),
        Partner.objects.create(name="Kennisinstituut"),
    )
    return lab


def test_home_and_lab_page_and_language_switch(site, browser_page):
    page = browser_page
    page.goto(site.url + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == "Datalabs van Nederlandse gemeenten"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)

    # The skip link is the first thing the keyboard reaches, and it becomes visible.
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert page.locator("a.utrecht-skip-link").is_visible()

    # A lab page, reached through the list.
    page.get_by_role("link", name="Twente", exact=True).first.click()
    page.wait_for_url("**/datalabs/twente/")
    assert page.locator("h1").inner_text() == "Twente"
    assert page.get_by_role("cell", name="GM0164").count() == 1
    page.screenshot(path=str(ARTIFACTS / "lab.png"), full_page=True)

    # Switch to English with the form (a POST; no JavaScript needed) and stay on the page.
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.url.endswith("/datalabs/twente/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="14 municipalities covered").count() == 1
    page.goto(site.url + "/")
    assert page.locator("h1").inner_text() == "Data labs of Dutch municipalities"
    page.get_by_role("button", name="Nederlands").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "nl"


def test_filter_form_works_in_the_browser(site, browser_page):
    page = browser_page
    page.goto(site.url + "/datalabs/")
    page.get_by_label("Categorie").select_option("data-center")
    page.get_by_label("Zoeken").fill("Kempen")
    page.get_by_role("button", name="Toon datalabs").click()
    page.wait_for_url("**/datalabs/?**")
    assert page.locator("#result-count").inner_text() == "1 datalab gevonden"
    assert page.get_by_role("rowheader").all_inner_texts() == ["Kempen"]
    page.screenshot(path=str(ARTIFACTS / "lab-list.png"), full_page=True)


@pytest.mark.parametrize("language, width", [("nl", 1280), ("en", 1280), ("nl", 390)])
def test_pages_have_no_axe_violations(site, varied_lab, browser_page, language, width):
    page = browser_page
    page.set_viewport_size({"width": width, "height": 900})
    if language == "en":
        page.goto(site.url + "/")
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
    failures = {}
    for path in PAGES:
        page.goto(site.url + path)
        assert page.locator("html").get_attribute("lang") == language
        violations = axe_violations(page)
        if violations:
            failures[path] = "\n".join(violations)
    for path, text in failures.items():
        print(f"\naxe violations on {path} ({language}):\n{text}")
    assert not failures, "\n\n".join(f"{p}:\n{t}" for p, t in failures.items())
