"""The wave's states and the researchers' wave page: publish/unpublish and their checklist,
refusals with reasons, labs known, links only while a wave takes answers, e-mail without
addresses, the monitor's "no link yet", pre-fill notes, translated authors and counts."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse
from django.utils import translation

from datalab_monitor.inventory import services
from datalab_monitor.inventory.authors import describe_author
from datalab_monitor.inventory.forms import WaveCreateForm
from datalab_monitor.inventory.models import Invitation, Response, Wave
from datalab_monitor.inventory.monitor import build_monitor
from datalab_monitor.registry.models import Datalab

from .helpers import COMPLETE_2019, open_wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    return admin_client


@pytest.fixture
def labs(register):
    return list(Datalab.objects.order_by("number")[:3])


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def submitted_wave(labs, *, labs_known: int | None = 10) -> Wave:
    wave = open_wave(labs=labs)
    draft, _ = services.response_for(wave, labs[0])
    services.save_response(draft, COMPLETE_2019, 0, "t", submit=True)
    services.set_labs_known(wave, labs_known)
    return wave


def detail(client, wave: Wave) -> str:
    return client.get(reverse("inventory:wave-detail", args=[wave.slug])).content.decode()


def post_status(client, wave: Wave, **data):
    return client.post(reverse("inventory:wave-status", args=[wave.slug]), data, follow=True)


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- services ---------------------------------------------------------------------------------


def test_the_lifecycle_draft_open_closed_published_and_back(labs, english):
    wave = services.create_wave(
        year=2026, slug="w", title_nl="W", questionnaire_version="2019", labs=labs, labs_known=5
    )
    assert wave.status == "draft" and wave.labs_known == 5
    with pytest.raises(services.WaveStateError, match="Only an open wave can be closed"):
        services.close_wave(wave)
    services.open_wave(wave)
    draft, _ = services.response_for(wave, labs[0])
    services.save_response(draft, COMPLETE_2019, 0, "t", submit=True)
    with pytest.raises(services.WaveStateError):
        services.publish_wave(wave, findings_reviewed=True)
    services.close_wave(wave)
    services.publish_wave(wave, findings_reviewed=True)
    assert Wave.objects.get(pk=wave.pk).status == "published"
    for change in (services.open_wave, services.close_wave):
        with pytest.raises(services.WaveStateError, match="withdraw the publication"):
            change(wave)
    with pytest.raises(services.WaveStateError, match="already published"):
        services.publish_wave(wave, findings_reviewed=True)
    services.unpublish_wave(wave)
    assert Wave.objects.get(pk=wave.pk).status == "closed"
    with pytest.raises(services.WaveStateError, match="not published"):
        services.unpublish_wave(wave)
    services.open_wave(wave)  # a closed wave can take answers again
    assert Wave.objects.get(pk=wave.pk).status == "open"


def test_publishing_names_every_missing_item_at_once(labs, english):
    wave = open_wave(labs=labs)  # open, no labs known, nothing submitted, not reviewed
    with pytest.raises(services.WaveStateError) as refused:
        services.publish_wave(wave, findings_reviewed=False)
    problems = refused.value.problems
    assert len(problems) == 4
    assert any("Close the wave first" in p for p in problems)
    assert any("how many data labs were known" in p for p in problems)
    assert any("No lab has submitted" in p for p in problems)
    assert any("I have reviewed the findings" in p for p in problems)
    assert Wave.objects.get(pk=wave.pk).status == "open"


def test_a_state_change_checks_the_stored_state_not_a_stale_copy(labs):
    wave = submitted_wave(labs)
    stale = Wave.objects.get(pk=wave.pk)
    services.close_wave(wave)
    services.publish_wave(wave, findings_reviewed=True)
    stale.status = "open"  # another request still holds the wave as open
    with pytest.raises(services.WaveStateError):
        services.close_wave(stale)
    assert Wave.objects.get(pk=wave.pk).status == "published"


def test_labs_known_is_fixed_once_published(labs):
    wave = submitted_wave(labs)
    services.close_wave(wave)
    services.publish_wave(wave, findings_reviewed=True)
    with pytest.raises(services.WaveStateError):
        services.set_labs_known(wave, 99)
    assert Wave.objects.get(pk=wave.pk).labs_known == 10


# --- the wave page --------------------------------------------------------------------------


def test_publish_and_unpublish_need_manage_wave(client, labs):
    wave = submitted_wave(labs)
    services.close_wave(wave)
    reader = User.objects.create_user("meelezer", password="x", is_staff=True)
    reader.groups.add(Group.objects.get(name="Meelezer"))
    client.force_login(reader)
    html = detail(client, wave)
    assert "De ronde is gesloten" in html
    assert 'value="publish"' not in html and 'name="labs_known"' not in html
    for url, data in (
        (reverse("inventory:wave-status", args=[wave.slug]), {"action": "publish"}),
        (reverse("inventory:wave-labs-known", args=[wave.slug]), {"labs_known": "3"}),
    ):
        assert client.post(url, {**data, "findings_reviewed": "on"}).status_code == 403
    client.logout()
    response = client.post(
        reverse("inventory:wave-status", args=[wave.slug]),
        {"action": "publish", "findings_reviewed": "on"},
    )
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Wave.objects.get(pk=wave.pk).status == "closed"


def test_the_page_follows_the_state(staff, labs):
    wave = services.create_wave(
        year=2026, slug="state", title_nl="State", questionnaire_version="2019", labs=labs
    )
    html = detail(staff, wave)
    assert "De ronde is een concept" in html and 'value="open"' in html
    assert "Nieuwe links maken" in html and "neemt nog geen antwoorden aan" in html
    services.open_wave(wave)
    html = detail(staff, wave)
    assert 'value="close"' in html and 'value="open"' not in html
    assert "neemt nog geen antwoorden aan" not in html and "Nieuwe links maken" in html
    services.close_wave(wave)
    html = detail(staff, wave)
    assert "De ronde is gesloten" in html and 'value="publish"' in html
    assert "Nieuwe links maken" not in html and "neemt nog geen antwoorden aan" not in html
    wave.status = Wave.Status.PUBLISHED  # e.g. the demo wave, seeded as published
    wave.save()
    html = detail(staff, wave)
    assert "<dd>gepubliceerd</dd>" in html and 'value="unpublish"' in html
    assert "Nieuwe links maken" not in html and "neemt nog geen antwoorden aan" not in html
    assert 'value="open"' not in html and 'value="publish"' not in html
    assert 'name="labs_known"' not in html
    assert "er worden geen nieuwe links gemaakt" in html


def test_the_checklist_shows_what_is_missing(staff, labs):
    wave = open_wave(labs=labs)
    services.close_wave(wave)
    html = detail(staff, wave)
    checklist = html.split('id="publish-checklist"')[1].split("</ul>")[0]
    assert checklist.count('data-done="false"') == 2  # labs known, a submitted questionnaire
    assert checklist.count('data-done="true"') == 1  # closed
    response = post_status(staff, wave, action="publish", findings_reviewed="on")
    shown = " ".join(messages_of(response))
    assert "hoeveel datalabs bekend waren" in shown and "niets te publiceren" in shown
    assert Wave.objects.get(pk=wave.pk).status == "closed"


def test_an_unknown_action_changes_nothing(staff, labs):
    wave = open_wave(labs=labs)
    response = post_status(staff, wave, action="explode")
    assert "Onbekende actie" in " ".join(messages_of(response))
    assert Wave.objects.get(pk=wave.pk).status == "open"


@pytest.mark.parametrize(
    ("value", "stored", "message"),
    [
        ("38", 38, "Het aantal bekende datalabs is opgeslagen."),
        ("", None, "Het aantal bekende datalabs is opgeslagen."),
        ("-3", 10, "Bekende datalabs:"),
        ("abc", 10, "Bekende datalabs:"),
        ("1e400", 10, "Bekende datalabs:"),
    ],
)
def test_labs_known_is_editable_on_the_page(staff, labs, value, stored, message):
    wave = submitted_wave(labs)
    response = staff.post(
        reverse("inventory:wave-labs-known", args=[wave.slug]), {"labs_known": value}, follow=True
    )
    assert response.status_code == 200
    assert any(m.startswith(message) for m in messages_of(response))
    assert Wave.objects.get(pk=wave.pk).labs_known == stored


def test_labs_known_of_a_published_wave_is_refused_on_the_page(staff, labs):
    wave = submitted_wave(labs)
    services.close_wave(wave)
    services.publish_wave(wave, findings_reviewed=True)
    response = staff.post(
        reverse("inventory:wave-labs-known", args=[wave.slug]), {"labs_known": "5"}, follow=True
    )
    assert "trek de publicatie in" in " ".join(messages_of(response))
    assert Wave.objects.get(pk=wave.pk).labs_known == 10


def test_labs_known_on_the_create_form(staff, register):
    html = staff.get(reverse("inventory:wave-create")).content.decode()
    active = Datalab.objects.filter(status=Datalab.Status.ACTIVE).count()
    assert f'name="labs_known" value="{active}"' in html
    response = staff.post(
        reverse("inventory:wave-create"),
        {
            "year": 2026,
            "slug": "met-bekende",
            "title_nl": "Met bekende labs",
            "questionnaire_version": "2026",
            "labs_known": "44",
            "labs": [Datalab.objects.first().pk],
        },
        follow=True,
    )
    assert messages_of(response)[0].startswith("De ronde is aangemaakt met 1 uitgenodigd datalab.")
    assert Wave.objects.get(slug="met-bekende").labs_known == 44
    html = response.content.decode()
    assert '<dd id="labs-known">44</dd>' in html


@pytest.mark.parametrize("status", [Wave.Status.CLOSED, Wave.Status.PUBLISHED])
def test_no_new_links_for_a_closed_or_published_wave(staff, labs, status, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    labs[0].contact_email = "a@example.org"
    labs[0].save()
    wave = open_wave(labs=labs)
    Wave.objects.filter(pk=wave.pk).update(status=status)
    for name in ("inventory:links-csv", "inventory:links-email"):
        response = staff.post(reverse(name, args=[wave.slug]), follow=True)
        assert response["Content-Type"].startswith("text/html")
        assert "er worden geen nieuwe links gemaakt" in " ".join(messages_of(response))
    assert not Invitation.objects.filter(wave=wave).exists() and not mail.outbox


def test_emailing_without_any_address_is_a_warning_that_says_how_to_add_them(staff, labs, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Datalab.objects.filter(pk__in=[lab.pk for lab in labs]).update(contact_email="")
    wave = open_wave(labs=labs)
    response = staff.post(reverse("inventory:links-email", args=[wave.slug]), follow=True)
    levels = [message.level_tag for message in response.context["messages"]]
    assert levels == ["warning"]
    html = response.content.decode()
    assert "gemaild naar" not in html
    assert "geen van de 3 uitgenodigde datalabs heeft een contactadres" in html
    assert reverse("admin:registry_datalab_changelist") in html.split("dm-messages")[1]
    assert 'class="utrecht-alert utrecht-alert--warning"' in html
    assert not mail.outbox and not Invitation.objects.filter(wave=wave).exists()


def test_emailing_counts_are_pluralised(staff, labs, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Datalab.objects.filter(pk__in=[lab.pk for lab in labs]).update(contact_email="")
    labs[0].contact_email = "een@example.org"
    labs[0].save()
    wave = open_wave(labs=labs)
    response = staff.post(reverse("inventory:links-email", args=[wave.slug]), follow=True)
    shown = messages_of(response)
    assert shown[0] == "Uitnodiging gemaild naar 1 datalab."
    assert shown[1].startswith("2 datalabs hebben geen contactadres en kregen dus geen e-mail")
    assert f"{labs[1].number}. {labs[1].name}" in shown[1]
    assert len(mail.outbox) == 1


def test_the_monitor_says_no_link_yet_before_any_link_exists(staff, labs):
    wave = open_wave(labs=labs)
    monitor = build_monitor(wave)
    assert monitor.counts["no_link"] == 3 and monitor.counts["invited"] == 0
    html = detail(staff, wave)
    listed = html.split('id="not-responded"')[1].split("</ul>")[0]
    assert listed.count("(nog geen link)") == 3 and "niet geopend" not in listed
    assert "Nog geen link" in html  # the stage column
    services.issue_invitations(wave, [labs[0]])
    monitor = build_monitor(wave)
    assert monitor.counts["no_link"] == 2 and monitor.counts["invited"] == 1


def test_prefill_notes_say_when_the_previous_wave_holds_no_answers(staff, labs):
    empty = Wave.objects.get(slug="2019")  # run outside this system: no stored answers
    wave = open_wave("na-2019", labs=labs, previous_wave=empty)
    html = detail(staff, wave)
    assert "bevat geen antwoorden, dus het formulier wordt niet vooraf ingevuld" in html
    form = WaveCreateForm()
    assert form.initial["previous_wave"] is None  # no wave with answers to propose
    labels = dict(form.fields["previous_wave"].choices)
    assert any("niets om vooraf in te vullen" in str(label) for label in labels.values())

    answered = open_wave("met-antwoorden", labs=labs)
    draft, _ = services.response_for(answered, labs[0])
    services.save_response(draft, COMPLETE_2019, 0, "t", submit=True)
    answered.is_synthetic = False
    answered.save()
    later = open_wave("daarna", labs=labs, previous_wave=answered)
    html = detail(staff, later)
    assert "vult het formulier vooraf in met de antwoorden van 1 datalab" in html
    form = WaveCreateForm()
    assert form.initial["previous_wave"] == answered
    html = staff.get(reverse("inventory:wave-create")).content.decode()
    assert "(antwoorden van 1 datalab)" in html


def test_revision_authors_are_translated(staff, labs):
    with translation.override("en"):
        assert describe_author("invitation link of lab 7") == "the invitation link of lab 7"
        assert describe_author("import:export.csv") == "an import of file export.csv"
        assert describe_author("Dr. Jansen") == "Dr. Jansen"
    wave = open_wave(labs=labs)
    draft, _ = services.response_for(wave, labs[0])
    saved = services.save_response(
        draft, COMPLETE_2019, 0, f"invitation link of lab {labs[0].number}"
    )
    services.save_response(saved, COMPLETE_2019, 1, "import:lime.csv", submit=True)
    url = reverse("inventory:response-detail", args=[wave.slug, labs[0].number])
    html = staff.get(url).content.decode()
    assert f"door de uitnodigingslink van datalab {labs[0].number}" in html
    assert "door een import van bestand lime.csv" in html
    assert "invitation link of lab" not in html
    staff.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = staff.get(url).content.decode()
    assert f"by the invitation link of lab {labs[0].number}" in html


def test_admin_state_actions_refuse_with_a_message_not_an_error(staff, labs):
    wave = submitted_wave(labs)
    services.close_wave(wave)
    services.publish_wave(wave, findings_reviewed=True)
    response = staff.post(
        reverse("admin:inventory_wave_changelist"),
        {"action": "open_waves", "_selected_action": [wave.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert Wave.objects.get(pk=wave.pk).status == "published"
    assert any("trek de publicatie in" in m for m in messages_of(response))


def test_the_form_start_page_names_the_real_buttons(client, labs):
    wave = open_wave(labs=labs)
    token = services.issue_invitations(wave, [labs[0]])[0].token
    html = client.get(reverse("inventory:form-start", args=[token])).content.decode()
    assert "„Opslaan”, „Opslaan en verder” of „Opslaan en terug”" in html
    assert "Volgende" not in html
    assert not Response.objects.filter(wave=wave).exists()


def test_public_pages_never_show_an_unpublished_wave(client, labs):
    wave = submitted_wave(labs)
    wave.title_nl = "Ongepubliceerde ronde"
    for status in (Wave.Status.OPEN, Wave.Status.DRAFT, Wave.Status.CLOSED):
        wave.status = status
        wave.save()
        for url in (
            reverse("results:wave", args=[wave.slug]),
            reverse("reports:download", args=[wave.slug]) + "?format=html",
            "/api/v1/inventarisaties/" + wave.slug,
            "/api/v1/inventarisaties/" + wave.slug + "/bevindingen",
        ):
            assert client.get(url).status_code == 404, (status, url)
        for url in (
            "/",
            reverse("results:index"),
            reverse("reports:index"),
            "/open-data/",
            "/api/v1/inventarisaties",
        ):
            html = client.get(url).content.decode()
            assert wave.slug not in html and "Ongepubliceerde ronde" not in html, (status, url)
    services.publish_wave(wave, findings_reviewed=True)  # through the service, as the page does
    assert client.get(reverse("results:wave", args=[wave.slug])).status_code == 200
    assert wave.slug in client.get("/api/v1/inventarisaties").content.decode()
    services.unpublish_wave(wave)
    assert wave.slug not in client.get("/api/v1/inventarisaties").content.decode()
    assert client.get(reverse("results:wave", args=[wave.slug])).status_code == 404


def test_the_form_claims_no_prefill_when_the_previous_wave_holds_no_answers(client, labs):
    wave = open_wave("zonder", labs=labs, previous_wave=Wave.objects.get(slug="2019"))
    token = services.issue_invitations(wave, [labs[0]])[0].token
    for url in (
        reverse("inventory:form-start", args=[token]),
        reverse("inventory:form-page", args=[token, "lab"]),
    ):
        html = client.get(url).content.decode()
        assert "dm-prefill-notice" not in html and "al ingevuld" not in html


def test_the_admin_cannot_publish_past_the_checklist(staff, labs):
    wave = open_wave(labs=labs)
    url = reverse("admin:inventory_wave_change", args=[wave.pk])
    html = staff.get(url).content.decode()
    assert 'name="status"' not in html  # read-only: publish from the wave page
    assert reverse("inventory:wave-detail", args=[wave.slug]) in html
    add = staff.get(reverse("admin:inventory_wave_add")).content.decode()
    assert 'name="status"' not in add  # a new wave is a draft
