"""Phones: no public page scrolls sideways at 320 and 375 px, no chart text is under 12 px,
and axe-core finds nothing at 375 px.

Every public URL of the access rules (tests/security/access_rules.py, which the access matrix
keeps equal to the URLconf) is either a page listed in ``PAGES`` or a file in ``NOT_PAGES``, so
a new public page fails ``test_every_public_url_is_measured`` until it is measured here.
"""

from __future__ import annotations

import pytest

from tests.security.access_rules import RULES

from .support import ARTIFACTS, axe_violations

# URL name -> the path measured, filled from the demo data (``demo_site``).
PAGES = {
    "web:home": "/",
    "web:lab-list": "/datalabs/",
    "web:lab-detail": "/datalabs/{lab}/",
    "web:categories": "/categorieen/",
    "web:dos": "/10-dos/",
    "maps:map": "/kaart/",
    "maps:coverage": "/kaart/dekking/",
    "results:index": "/bevindingen/",
    "results:wave": "/bevindingen/{wave}/",
    "reports:index": "/rapport/",
    "reports:download": "/rapport/{wave}/?format=html",
    "opendata:index": "/open-data/",
    "inventory:codebook-index": "/inventarisatie/codeboek/",
    "inventory:codebook": "/inventarisatie/codeboek/2019/",
    "labpages:project-list": "/projecten/",
    "labpages:project-detail": "/projecten/{project}/",
    "labpages:municipality-search": "/gemeenten/",
    "labpages:municipality": "/gemeenten/{municipality}/",
    "labpages:request-edit-link": "/datalabs/{lab}/bewerklink/",
}
# Public URLs that are no HTML page: downloads and the language switch (a POST that redirects).
# The REST API ("api:..." names) serves JSON only: it answers a request for text/html with 406.
NOT_PAGES = {
    "set_language",
    "maps:svg",
    "results:csv",
    "results:breakdown-csv",
    "opendata:datapackage-json",
    "opendata:datapackage-zip",
    "opendata:wave-findings",
    "opendata:codebook",
    "opendata:table",
    "inventory:codebook-csv",
}
MISSING = "/deze-pagina-bestaat-niet/"  # the 404 page
EXTRA_PAGES = ["/datalabs/?q=Twente&category=regional", MISSING]
WIDTHS = [320, 375]
MIN_TEXT_PX = 12
AXE_WIDTH = 375  # axe-core on every public page at phone width (scroll regions, reflow)

# The size at which the page shows each visible SVG text: its font size times the scale of
# its SVG on screen. Hidden SVGs (display: none, e.g. a chart on a phone) have no boxes.
_SVG_TEXT_SIZES = """() => {
  const sizes = [];
  for (const text of document.querySelectorAll("svg text")) {
    if (!text.getClientRects().length || !text.textContent.trim()) continue;
    const m = text.getScreenCTM();
    const scale = m ? Math.hypot(m.a, m.b) : 1;
    sizes.push([parseFloat(getComputedStyle(text).fontSize) * scale, text.textContent.trim()]);
  }
  return sizes;
}"""


def test_every_public_url_is_measured():
    public = {
        name
        for name, rule in RULES.items()
        if rule.kind == "public" and not name.startswith("api:")
    }
    unlisted = public - PAGES.keys() - NOT_PAGES
    assert not unlisted, f"public URLs missing from PAGES or NOT_PAGES: {sorted(unlisted)}"
    assert not (PAGES.keys() | NOT_PAGES) - public, "listed names that are not public URLs"


def test_the_api_has_no_html_pages(register, client):
    response = client.get("/api/v1/datalabs", HTTP_ACCEPT="text/html")
    assert "html" not in response.headers["Content-Type"]


@pytest.fixture
def demo_site(site):
    """The demo wave (38 fictional answers, published), fictional projects and lab pages."""
    from django.core.management import call_command

    from datalab_monitor.labpages.models import Project
    from datalab_monitor.registry.models import Datalab

    call_command("demo", verbosity=0)
    lab = Datalab.objects.get(slug="twente")
    return {
        "lab": lab.slug,
        "wave": "demo-2019",
        "project": Project.objects.order_by("pk").first().pk,
        "municipality": lab.municipalities.order_by("code").first().code,
    }


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_no_public_page_scrolls_sideways_and_chart_text_is_legible(site, demo_site, browser, width):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, locale="nl-NL", base_url=site.url
    )
    page = context.new_page()
    paths = [path.format(**demo_site) for path in PAGES.values()] + EXTRA_PAGES
    too_wide, small_text, axe = {}, {}, {}
    for path in paths:
        response = page.goto(path)
        assert response.status == (404 if path == MISSING else 200), f"{path}: {response.status}"
        assert "text/html" in response.headers["content-type"], path
        # Measure the page as styled: the site's stylesheet has loaded (it sets body margin 0).
        assert page.evaluate("getComputedStyle(document.body).marginTop") == "0px", path
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            too_wide[path] = scroll_width
            ARTIFACTS.mkdir(exist_ok=True)
            name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
            page.screenshot(path=str(ARTIFACTS / f"too-wide-{width}-{name}.png"), full_page=True)
        small = [(round(size, 1), text) for size, text in page.evaluate(_SVG_TEXT_SIZES)]
        small = [entry for entry in small if entry[0] < MIN_TEXT_PX - 0.05]
        if small:
            small_text[path] = small[:5]
        if width == AXE_WIDTH and (violations := axe_violations(page)):
            axe[path] = violations
    context.close()
    assert not too_wide, f"pages wider than {width} px (document scrollWidth): {too_wide}"
    assert not small_text, f"SVG text under {MIN_TEXT_PX} px at {width} px: {small_text}"
    assert not axe, f"axe violations at {width} px: {axe}"
