"""In a real browser, the Content-Security-Policy blocks nothing the site itself uses, and every
static file the pages link is served (hashed names from the collected manifest)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGES = ["/", "/kaart/", "/datalabs/", "/bevindingen/", "/open-data/", "/admin/login/"]


def test_no_csp_violation_on_the_pages_and_the_admin(site, browser):
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => "
        "console.error('Content Security Policy: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    try:
        for path in PAGES:
            response = page.goto(site.url + path)
            assert response.status == 200, path
            assert "script-src 'self'" in response.headers["content-security-policy"]
            page.wait_for_load_state("networkidle")
            # The stylesheets loaded (from the collected, hashed static files) and apply.
            assert page.evaluate("document.styleSheets.length") >= 3, path
            if not path.startswith("/admin/"):  # the admin keeps its own fonts
                font = page.evaluate("getComputedStyle(document.body).fontFamily")
                assert "Noto Sans" in font, (path, font)
        assert failed == [] and violations == []
    finally:
        context.close()
