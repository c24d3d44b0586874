"""The report and open-data pages, and the HTML report itself, pass axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.browser.support import axe_violations, chromium
from tests.conftest import load_reference_data

from .fixtures import make_wave

pytestmark = pytest.mark.browser


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
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        response = page.goto(site.url + path)
        assert response.status == 200
        violations = axe_violations(page)
    assert not violations, "\n".join(violations)
