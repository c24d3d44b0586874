"""The lab coordinators' form in a real browser: answers survive closing the browser, a stale
second tab is refused, and the form and review pages pass axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest

from .support import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def invitation(site):
    from datetime import timedelta

    from django.utils import timezone

    from datalab_monitor.inventory import services
    from datalab_monitor.registry.models import Datalab

    lab = Datalab.objects.order_by("number").first()
    today = timezone.localdate()
    wave = services.create_wave(
        year=2026,
        slug="browser-2026",
        title_nl="Inventarisatie 2026",
        questionnaire_version="2019",
        opens_on=today,
        closes_on=today + timedelta(days=30),
        labs=[lab],
    )
    services.open_wave(wave)
    token = services.issue_invitations(wave)[0].token
    return {"wave": wave, "lab": lab, "link": f"{site.url}/inventarisatie/invullen/{token}/"}


def new_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    return context, context.new_page()


def stored_answers(invitation):
    from datalab_monitor.inventory.models import Response

    return Response.objects.get(wave=invitation["wave"], lab=invitation["lab"])


def test_fill_in_close_the_browser_come_back_and_submit(browser, invitation):
    context, page = new_page(browser)
    page.goto(invitation["link"])
    assert page.locator("h1").inner_text() == "Inventarisatie datalabs"
    page.get_by_role("button", name="Beginnen").click()
    page.get_by_label("In welk jaar is het datalab gestart?").fill("2017")
    page.get_by_label("Vooral vraaggestuurd").check()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Opslaan en verder").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Samenwerking"
    page.get_by_label("CBS", exact=True).check()
    page.get_by_label("Universiteiten").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Werk van het datalab"
    context.close()  # the browser is closed: nothing may be lost

    context, page = new_page(browser)
    page.goto(invitation["link"])
    assert "U bent al begonnen" in page.content()
    page.get_by_role("button", name="Verdergaan").click()
    assert page.get_by_label("In welk jaar is het datalab gestart?").input_value() == "2017"
    page.get_by_role("link", name="Samenwerking").click()
    assert page.get_by_label("CBS", exact=True).is_checked()
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Beschrijvend").check()
    page.get_by_label("Sociaal domein").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    # A per-field error, with a summary that links to the field.
    page.get_by_label("Hoeveel eigen (vaste) FTE heeft het datalab?").fill("-1")
    page.get_by_role("button", name="Opslaan en verder").click()
    summary = page.locator("#error-summary")
    assert "Er is een probleem" in summary.inner_text()
    assert axe_violations(page) == []
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "q-fte_own"
    page.get_by_label("Hoeveel eigen (vaste) FTE heeft het datalab?").fill("0,5")
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_label("Op projectbasis").check()
    page.get_by_role("button", name="Opslaan en verder").click()
    page.get_by_role("button", name="Opslaan en verder").click()  # way of working: optional
    page.get_by_label("Kennis en expertise").check()
    page.get_by_role("button", name="Opslaan en antwoorden controleren").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Controleer uw antwoorden"
    assert "Sociaal domein" in page.content() and "0,5" in page.content()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Antwoorden verzenden").click()
    assert "Bedankt" in page.get_by_role("heading", level=1).inner_text()
    response = stored_answers(invitation)
    assert response.status == "submitted"
    assert response.answers["start_year"] == 2017 and response.answers["fte_own"] == 0.5
    assert response.answers["partners"] == ["cbs", "universities"]
    context.close()


def test_a_second_tab_changing_the_same_question_chooses_between_both_answers(browser, invitation):
    context, first_tab = new_page(browser)
    second_tab = context.new_page()
    lab_page = invitation["link"] + "pagina/lab/"
    first_tab.goto(lab_page)
    second_tab.goto(lab_page)
    first_tab.get_by_label("Hoeveel projecten heeft het datalab").fill("5")
    first_tab.get_by_role("button", name="Opslaan", exact=True).click()
    assert "zijn opgeslagen" in first_tab.content()
    second_tab.get_by_label("Hoeveel projecten heeft het datalab").fill("9")
    second_tab.get_by_label("In welk jaar is het datalab gestart?").fill("2018")
    second_tab.get_by_role("button", name="Opslaan", exact=True).click()
    message = second_tab.locator("#stale-message")
    assert "Uw wijzigingen zijn nog niet opgeslagen" in message.inner_text()
    assert stored_answers(invitation).answers == {"projects": 5}
    assert axe_violations(second_tab) == []
    # Both answers are shown; the other change is still filled in.
    assert second_tab.get_by_label("In welk jaar is het datalab gestart?").input_value() == "2018"
    second_tab.get_by_label("Uw antwoord gebruiken: 9").check()
    second_tab.get_by_role("button", name="Opslaan", exact=True).click()
    assert "zijn opgeslagen" in second_tab.content()
    assert stored_answers(invitation).answers == {"projects": 9, "start_year": 2018}
    context.close()
