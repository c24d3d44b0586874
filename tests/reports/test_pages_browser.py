"""The report and open-data pages, and the HTML report itself, pass axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest

from tests.browser.conftest import browser_page, site  # noqa: F401 (fixtures)
from tests.browser.test_pages import axe_violations, describe

from .fixtures import make_wave

pytestmark = pytest.mark.browser


@pytest.fixture
def waves(site):  # noqa: F811
    """Created before the browser starts (Playwright's loop forbids ORM calls afterwards)."""
    return [make_wave("test-2024"), make_wave("synthetic-2024", synthetic=True)]


@pytest.mark.parametrize("path", ["/rapport/", "/open-data/", "/rapport/test-2024/?format=html"])
def test_pages_have_no_axe_violations(site, waves, browser_page, path):  # noqa: F811
    response = browser_page.goto(site.url + path)
    assert response.status == 200
    violations = axe_violations(browser_page)
    assert not violations, describe(violations)
