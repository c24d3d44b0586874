"""In a real browser, the Content-Security-Policy blocks nothing the site itself uses."""

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
            # The stylesheets and fonts loaded (from the collected, hashed static files).
            assert page.evaluate("document.styleSheets.length") >= 3, path
        assert violations == []
    finally:
        context.close()
