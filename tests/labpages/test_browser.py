"""The lab pages in a real browser: a coordinator edits the profile and adds a project through
the edit link; axe-core finds no WCAG 2.1 AA violation on any new page, in Dutch and English."""

from __future__ import annotations

import pytest

from tests.browser.support import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser):
    """A page checked with the site's Content-Security-Policy in force (axe runs via DevTools)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    yield context.new_page()
    context.close()


@pytest.fixture
def pages_world(site):
    """Demo profiles and projects, and an edit link for Twente."""
    from datalab_monitor.labpages.demo import create_demo_pages
    from datalab_monitor.labpages.editlinks import issue_edit_link
    from datalab_monitor.labpages.models import Project
    from datalab_monitor.registry.models import Datalab

    create_demo_pages()
    lab = Datalab.objects.get(slug="twente")
    project = Project.objects.filter(removed=False).first()
    return {"token": issue_edit_link(lab).token, "lab": lab, "project": project}


def test_coordinator_edits_profile_and_adds_a_project(site, pages_world, page):
    token = pages_world["token"]
    page.goto(f"{site.url}/datalabs/bewerken/{token}/")
    page.get_by_role("link", name="Profiel bewerken").click()
    page.get_by_label("Beschrijving (Nederlands)").fill("Het datalab van de Twentse gemeenten.")
    page.get_by_label("Beschrijving (Engels)").fill("The data lab of the Twente municipalities.")
    page.get_by_label("Startjaar").fill("2017")
    page.get_by_label("CBS", exact=True).check()
    page.get_by_label("Sociaal domein").check()
    page.get_by_role("button", name="Profiel opslaan").click()
    page.wait_for_url(f"**/datalabs/bewerken/{token}/")
    assert "Opgeslagen" in page.locator("main").inner_text()

    page.get_by_role("link", name="Project toevoegen").click()
    page.get_by_label("Titel (Nederlands)").fill("Armoede in Twente")
    page.get_by_label("Sociaal domein").check()
    page.get_by_label("Beschrijvend").check()
    page.get_by_label("CBS-data").check()
    page.get_by_label("Jaar").fill("2024")
    page.get_by_role("button", name="Project opslaan").click()
    page.wait_for_url(f"**/datalabs/bewerken/{token}/")

    page.goto(site.url + "/datalabs/twente/")
    main = page.locator("main").inner_text()
    assert "Het datalab van de Twentse gemeenten." in main and "2017" in main
    assert "Armoede in Twente" in main
    page.goto(site.url + "/projecten/?domain=social&q=Twente")
    assert "Armoede in Twente" in page.locator("main").inner_text()


@pytest.mark.parametrize("language", ["nl", "en"])
def test_new_pages_have_no_axe_violations(site, pages_world, page, language):
    token = pages_world["token"]
    paths = [
        "/datalabs/twente/",
        "/projecten/",
        "/projecten/?domain=social&analysis=descriptive&q=demo",
        f"/projecten/{pages_world['project'].pk}/",
        "/gemeenten/",
        "/gemeenten/?q=berg",
        "/gemeenten/GM1980/?domain=social",
        "/gemeenten/GM0153/",
        "/datalabs/twente/bewerklink/",
        f"/datalabs/bewerken/{token}/",
        f"/datalabs/bewerken/{token}/profiel/",
        f"/datalabs/bewerken/{token}/projecten/nieuw/",
        f"/datalabs/bewerken/{token}/projecten/{pages_world['project'].pk}/",
        "/datalabs/bewerken/not-a-known-token/",
    ]
    if language == "en":
        page.goto(site.url + "/")
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
    failures = {}
    for path in paths:
        page.goto(site.url + path)
        assert page.locator("html").get_attribute("lang") == language, path
        violations = axe_violations(page)
        if violations:
            failures[path] = "\n".join(violations)
    # The request form's answer page (after a POST) and a profile form with errors.
    page.goto(site.url + "/datalabs/twente/")
    page.locator("form[action$='/bewerklink/'] button").click()
    page.wait_for_load_state()
    if violations := axe_violations(page):
        failures["request answer"] = "\n".join(violations)
    page.goto(f"{site.url}/datalabs/bewerken/{token}/profiel/")
    page.locator("#id_website").fill("geen adres")
    page.locator("form.utrecht-form button[type=submit]").click()
    page.wait_for_load_state()
    if violations := axe_violations(page):
        failures["profile with errors"] = "\n".join(violations)
    assert not failures, "\n\n".join(f"{p}:\n{t}" for p, t in failures.items())
