"""The lab coordinators' web form: pages saved on the server, errors, review, submit, closing."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from datalab_monitor.inventory import services
from datalab_monitor.inventory.models import Response
from datalab_monitor.registry.models import Datalab

from .helpers import COMPLETE_2019, open_wave, token_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def lab(register):
    return Datalab.objects.order_by("number").first()


@pytest.fixture
def wave(lab):
    return open_wave(labs=[lab])


@pytest.fixture
def token(wave, lab):
    return token_for(wave, lab)


def page_url(token: str, page: str) -> str:
    return reverse("inventory:form-page", args=[token, page])


def version_in(html: str) -> int:
    return int(re.search(r'name="version" value="(\d+)"', html).group(1))


def post_page(client, token, page, data, action="next"):
    html = client.get(page_url(token, page)).content.decode()
    return client.post(
        page_url(token, page), {**data, "version": version_in(html), "action": action}
    )


def test_the_start_page_lists_the_pages_in_dutch(client, token, lab):
    html = client.get(reverse("inventory:form-start", args=[token])).content.decode()
    assert "Inventarisatie datalabs" in html and lab.name in html
    assert "Over het datalab" in html and "Samenwerking" in html
    assert 'lang="nl"' in html


def test_each_page_is_saved_on_the_server(client, token, wave, lab):
    response = post_page(client, token, "lab", {"start_year": "2016", "projects": "7"})
    assert response.status_code == 302
    assert response["Location"] == page_url(token, "collaboration")
    stored = Response.objects.get(wave=wave, lab=lab)
    assert stored.answers == {"start_year": 2016, "projects": 7}
    assert stored.status == "draft" and stored.version == 1
    # A new visit (a new browser) finds the answers filled in.
    client.cookies.clear()
    html = client.get(page_url(token, "lab")).content.decode()
    assert 'value="2016"' in html and 'value="7"' in html
    assert version_in(html) == 1


def test_buttons_go_back_stay_or_continue(client, token):
    response = post_page(client, token, "collaboration", {"partners": ["cbs"]}, action="previous")
    assert response["Location"] == page_url(token, "lab")
    response = post_page(client, token, "collaboration", {"partners": ["cbs"]}, action="save")
    assert response["Location"] == page_url(token, "collaboration")
    response = post_page(client, token, "improvement", {"improvements": ["money"]})
    assert response["Location"] == reverse("inventory:form-review", args=[token])


def test_fields_are_rendered_from_the_questionnaire(client, token):
    html = client.get(page_url(token, "lab")).content.decode()
    assert 'inputmode="numeric"' in html  # year and integer
    assert '<input type="hidden" name="version" value="0">' in html
    assert re.search(r"<legend[^>]*>\s*Werkt het datalab vooral vraaggestuurd", html)
    assert 'type="radio"' in html and 'aria-describedby="q-driven_by-hint"' in html
    html = client.get(page_url(token, "collaboration")).content.decode()
    assert 'type="checkbox"' in html and 'name="partners.other"' in html
    assert 'for="q-partners-other"' in html
    html = client.get(page_url(token, "staff")).content.decode()
    assert 'inputmode="decimal"' in html
    html = client.get(page_url(token, "method")).content.decode()
    assert 'id="q-management_support-5"' in html  # the 5-point scale as radios
    assert "Alleen als u" in html  # a condition on the same page is explained (no JS needed)
    html = client.get(page_url(token, "improvement")).content.decode()
    assert "<textarea" in html


def test_errors_are_shown_per_field_with_a_summary_and_nothing_is_stored(client, token, wave, lab):
    response = post_page(
        client, token, "lab", {"start_year": "1890", "projects": "1,5", "driven_by": "demand"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Er is een probleem" in html
    assert 'href="#q-start_year"' in html and 'href="#q-projects"' in html
    assert 'id="q-start_year-error"' in html and "Vul een getal in van minstens 2000." in html
    assert "Vul een heel getal in." in html
    assert 'aria-invalid="true"' in html
    assert 'value="1890"' in html  # what was typed is kept for correction
    assert html.count("<title>Fout:") == 1
    assert not Response.objects.filter(wave=wave, lab=lab).exists()


def test_other_text_is_kept_and_dutch_decimals_accepted(client, token, wave, lab):
    post_page(client, token, "collaboration", {"partners": ["other"], "partners.other": "Politie"})
    post_page(client, token, "staff", {"fte_own": "0,75"})
    answers = Response.objects.get(wave=wave, lab=lab).answers
    assert answers == {"partners": ["other"], "partners.other": "Politie", "fte_own": 0.75}
    html = client.get(page_url(token, "staff")).content.decode()
    assert 'value="0,75"' in html


def test_a_stale_save_from_a_second_tab_is_refused_with_a_clear_message(client, token, wave, lab):
    first_html = client.get(page_url(token, "lab")).content.decode()
    stale_version = version_in(first_html)
    post_page(client, token, "lab", {"projects": "3"}, action="save")  # the other tab
    response = client.post(
        page_url(token, "lab"), {"projects": "99", "version": stale_version, "action": "save"}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Uw wijzigingen zijn nog niet opgeslagen" in html
    assert 'dm-conflict__theirs">3<' in html and 'dm-conflict__mine">99<' in html
    assert version_in(html) == 1
    assert Response.objects.get(wave=wave, lab=lab).answers == {"projects": 3}


def test_review_submit_and_edit_until_the_close_date(client, token, wave, lab):
    review_url = reverse("inventory:form-review", args=[token])
    post_page(client, token, "lab", {"start_year": "2017"})
    html = client.get(review_url).content.decode()
    assert "Er ontbreken nog antwoorden" in html
    assert f'href="{page_url(token, "collaboration")}#q-partners"' in html
    response = client.post(review_url, {"version": version_in(html)})
    assert (
        response.status_code == 200
        and "Uw antwoorden zijn niet verzonden" in response.content.decode()
    )
    assert Response.objects.get(wave=wave, lab=lab).status == "draft"

    for page, data in (
        ("collaboration", {"partners": COMPLETE_2019["partners"]}),
        ("work", {"analysis_types": ["descriptive"], "domains": ["social"]}),
        ("staff", {"fte_own": "0"}),
        ("resources", {"funding": ["none"]}),
        ("improvement", {"improvements": ["staff"]}),
    ):
        assert post_page(client, token, page, data).status_code == 302
    html = client.get(review_url).content.decode()
    assert "Sociaal domein" in html and "Geen eigen financiering" in html
    response = client.post(review_url, {"version": version_in(html)})
    assert response["Location"] == reverse("inventory:form-done", args=[token])
    stored = Response.objects.get(wave=wave, lab=lab)
    assert stored.status == "submitted"
    assert "Bedankt" in client.get(response["Location"]).content.decode()
    # Still open: the lab can change its answers; the response stays submitted.
    post_page(client, token, "lab", {"start_year": "2018"})
    stored.refresh_from_db()
    assert stored.status == "submitted" and stored.answers["start_year"] == 2018


def test_a_closed_wave_refuses_changes(client, token, wave, lab):
    post_page(client, token, "lab", {"projects": "4"})
    wave.closes_on = timezone.localdate() - timedelta(days=1)
    wave.save()
    # The link itself is still valid (it was issued for the old date) but the wave is closed.
    response = client.get(page_url(token, "lab"))
    assert response.status_code == 403
    assert "neemt geen antwoorden meer aan" in response.content.decode()
    response = client.post(page_url(token, "lab"), {"projects": "9", "version": 1})
    assert response.status_code == 403
    assert Response.objects.get(wave=wave, lab=lab).answers == {"projects": 4}
    services.close_wave(wave)
    assert (
        client.post(reverse("inventory:form-review", args=[token]), {"version": 1}).status_code
        == 403
    )


@pytest.mark.parametrize(
    "make_link, status, text",
    [
        (lambda wave, lab: "unknown-token", 404, "Deze link is niet bekend"),
        ("revoked", 410, "Deze link is niet meer geldig"),
        ("expired", 410, "Deze link is verlopen"),
    ],
)
def test_unusable_links_get_their_own_page(client, wave, lab, make_link, status, text):
    if make_link == "revoked":
        issued = services.issue_invitations(wave, [lab])[0]
        services.revoke_invitation(issued.invitation)
        token = issued.token
    elif make_link == "expired":
        token = services.issue_invitations(wave, [lab], expires_at=timezone.now())[0].token
    else:
        token = make_link(wave, lab)
    for url in (
        reverse("inventory:form-start", args=[token]),
        page_url(token, "lab"),
        reverse("inventory:form-review", args=[token]),
    ):
        response = client.get(url)
        assert response.status_code == status
        assert text in response.content.decode()


def test_a_token_opens_only_its_own_labs_response(client, register):
    lab_a, lab_b = Datalab.objects.order_by("number")[:2]
    wave = open_wave(labs=[lab_a, lab_b])
    token_a, token_b = token_for(wave, lab_a), token_for(wave, lab_b)
    post_page(client, token_a, "lab", {"lab_name": "Geheim lab A"})
    html = client.get(page_url(token_b, "lab")).content.decode()
    assert "Geheim lab A" not in html and lab_b.name in html
    other_wave = open_wave("other-wave", labs=[lab_a])
    token_other = token_for(other_wave, lab_a)
    html = client.get(page_url(token_other, "lab")).content.decode()
    assert "Geheim lab A" not in html


def test_english_through_the_language_switch(client, token):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(page_url(token, "lab")).content.decode()
    assert "About the data lab" in html and "Save and continue" in html


def test_prefill_notice_when_last_waves_answers_are_filled_in(client, register):
    lab = Datalab.objects.order_by("number").first()
    old = open_wave("old", labs=[lab])
    response, _ = services.response_for(old, lab)
    services.save_response(response, COMPLETE_2019, 0, "t", submit=True)
    new = open_wave("new", version="2026", labs=[lab], previous_wave=old)
    token = token_for(new, lab)
    html = client.get(page_url(token, "staff")).content.decode()
    assert "We hebben de antwoorden van uw datalab" in html
    assert 'value="0,5"' in html  # fte_own of 2019 became fte_dedicated of 2026
    # "spatial" was split in 2026: the lab is asked to choose again.
    assert "zijn veranderd; kies opnieuw" in html and "In welk domein werkt het datalab?" in html


def test_tokens_are_not_logged(client, token, caplog):
    caplog.set_level("DEBUG")
    post_page(client, token, "lab", {"projects": "2"})
    client.get(page_url("no-such-token", "lab"))
    assert token not in caplog.text and "no-such-token" not in caplog.text


def test_a_refused_csrf_check_does_not_log_the_token(token, caplog):
    from django.test import Client

    caplog.set_level("DEBUG")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(page_url(token, "lab"), {"projects": "2", "version": 0})
    assert response.status_code == 403
    assert "/invullen/[token]/" in caplog.text and token not in caplog.text
