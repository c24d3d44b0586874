"""The findings page in a real browser: axe-core (WCAG 2.1 AA) finds nothing; works without JS."""

from __future__ import annotations

import pytest

from tests.results.conftest import answers_for

from .support import axe_violations, chromium

pytestmark = pytest.mark.browser


@pytest.fixture
def findings_wave(site):
    from datalab_monitor.inventory.models import Response, Wave
    from datalab_monitor.registry.models import Datalab

    before = Wave.objects.create(
        slug="browser-before",
        year=2023,
        title_nl="Vorige testmeting",
        title_en="Previous test",
        status="published",
        is_synthetic=True,
        labs_known=48,
    )
    wave = Wave.objects.create(
        slug="browser-wave",
        year=2024,
        title_nl="Browsertestmeting",
        title_en="Browser test wave",
        status="published",
        is_synthetic=True,
        labs_known=48,
        previous_wave=before,
    )
    for lab in Datalab.objects.all():
        Response.objects.create(
            wave=wave, lab=lab, status="submitted", answers=answers_for(lab.number)
        )
        if lab.number <= 20:
            Response.objects.create(
                wave=before, lab=lab, status="submitted", answers=answers_for(lab.number)
            )
    return wave


@pytest.mark.parametrize("path", ["/bevindingen/", "/bevindingen/browser-wave/"])
def test_findings_pages_have_no_axe_violations(findings_wave, site, browser_page, path):
    browser_page.goto(site.url + path)
    violations = axe_violations(browser_page)
    assert not violations, "\n".join(violations)


def test_findings_page_without_javascript(site, findings_wave):
    with chromium() as browser:
        context = browser.new_context(java_script_enabled=False, locale="nl-NL")
        page = context.new_page()
        page.goto(site.url + "/bevindingen/browser-wave/")
        assert page.locator("svg[role=img]").count() == 5
        assert page.locator(".dm-synthetic-notice").count() == 1
        assert page.locator("#trend table").count() == 6  # 4 choices; FTE classes, mean
        with page.expect_download() as download:
            page.locator('a[href$="/domains.csv"]').first.click()
        assert download.value.suggested_filename == "browser-wave-domains.csv"
        context.close()


@pytest.fixture
def researcher(site):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from datalab_monitor.core.roles import ensure_roles

    ensure_roles()  # the live server's database starts empty
    user = get_user_model().objects.create_user("onderzoeker", password="geheim-123", is_staff=True)
    user.groups.add(Group.objects.get(name="Onderzoeker"))
    return user


def test_researcher_view_has_no_axe_violations(findings_wave, researcher, site, browser_page):
    browser_page.goto(site.url + "/admin/login/?next=/bevindingen/browser-wave/onderzoeker/")
    browser_page.fill("#id_username", "onderzoeker")
    browser_page.fill("#id_password", "geheim-123")
    browser_page.click("input[type=submit]")
    browser_page.wait_for_url("**/onderzoeker/")
    assert "Waterschap Testland" in browser_page.content()
    violations = axe_violations(browser_page)
    assert not violations, "\n".join(violations)
