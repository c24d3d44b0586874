"""The researchers' pages and the admin in a real browser: axe-core (WCAG 2.1 AA) finds nothing.

The admin pages include Django's own widgets: select2 (autocomplete fields), split date/time
fields and filter_horizontal; the fixes are in core/admin_templates and docs/accessibility.md.
"""

from __future__ import annotations

import pytest

from .support import axe_violations

pytestmark = pytest.mark.browser

PASSWORD = "geheim-123"


def log_in(site, page, then: str) -> None:
    """Log in as the superuser of ``staff_pages`` and wait for the page ``then``."""
    page.goto(f"{site.url}/admin/login/?next={then}")
    page.fill("#id_username", "beheerder")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(f"**{then}")


@pytest.fixture
def staff_pages(site):
    """A superuser, the demo data (lab pages, projects) and the pages to check."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from datalab_monitor.inventory.models import Wave
    from datalab_monitor.labpages.models import Project
    from datalab_monitor.registry.models import Datalab

    call_command("demo", verbosity=0)
    get_user_model().objects.create_superuser("beheerder", "beheer@example.org", PASSWORD)
    lab = Datalab.objects.get(slug="twente")
    wave = Wave.objects.get(slug="demo-2019")
    project = Project.objects.order_by("pk").first()
    return [
        "/admin/",
        "/admin/registry/datalab/",
        "/admin/registry/datalab/add/",
        f"/admin/registry/datalab/{lab.pk}/change/",
        "/admin/registry/municipality/add/",
        "/admin/inventory/wave/add/",
        f"/admin/inventory/wave/{wave.pk}/change/",
        "/admin/labpages/project/add/",
        f"/admin/labpages/project/{project.pk}/change/",
        "/inventarisatie/beheer/",
        f"/inventarisatie/beheer/{wave.slug}/",
        "/inventarisatie/beheer/nieuw/",
        "/inventarisatie/beheer/import/",
    ]


def test_admin_and_staff_pages_have_no_axe_violations(site, staff_pages, browser_page):
    page = browser_page
    log_in(site, page, "/admin/")
    failures = {}
    for path in staff_pages:
        response = page.goto(site.url + path)
        assert response.status == 200, f"{path}: HTTP {response.status}"
        page.wait_for_load_state("load")
        violations = axe_violations(page)
        if violations:
            failures[path] = "\n".join(violations)
    assert not failures, "\n\n".join(f"{p}:\n{t}" for p, t in failures.items())


def test_autocomplete_keeps_its_name_after_a_choice(site, staff_pages, browser_page):
    """select2 redraws its search box when a value is chosen; the name must stay."""
    page = browser_page
    log_in(site, page, "/admin/registry/datalab/add/")
    search = page.locator("#id_municipalities + .select2 .select2-search__field")
    search.click()
    search.fill("Amster")
    page.locator(".select2-results__option", has_text="Amsterdam").first.click()
    page.keyboard.press("Escape")
    label = page.locator("label[for=id_municipalities]").inner_text().rstrip(":").strip()
    fields = page.locator("#id_municipalities + .select2 .select2-search__field")
    assert fields.count() == 1
    assert fields.first.get_attribute("aria-label") == label
    assert not axe_violations(page)
