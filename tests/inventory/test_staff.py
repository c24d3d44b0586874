"""Researchers' pages: create a wave, the response monitor, link CSV, e-mail, the admin."""

from __future__ import annotations

import csv
import io
import logging

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from datalab_monitor.core.tokens import hash_token
from datalab_monitor.inventory import services
from datalab_monitor.inventory.models import Invitation, Response, Wave
from datalab_monitor.inventory.monitor import build_monitor
from datalab_monitor.registry.models import Datalab

from .helpers import COMPLETE_2019, open_wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    return admin_client


def test_researcher_pages_need_a_staff_login(client, register):
    for url in (
        reverse("inventory:wave-list"),
        reverse("inventory:wave-create"),
        reverse("inventory:wave-detail", args=["2019"]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client.post(reverse("inventory:links-csv", args=["2019"]))
    assert response.status_code == 302
    assert not Invitation.objects.exists()


def test_create_a_wave_with_all_active_labs_ticked(staff, register):
    html = staff.get(reverse("inventory:wave-create")).content.decode()
    active = Datalab.objects.filter(status=Datalab.Status.ACTIVE)
    assert html.count('type="checkbox" name="labs"') == Datalab.objects.count()
    assert html.count("checked") >= active.count()
    response = staff.post(
        reverse("inventory:wave-create"),
        {
            "year": 2026,
            "slug": "inventarisatie-2026",
            "title_nl": "Inventarisatie 2026",
            "questionnaire_version": "2026",
            "opens_on": "2026-01-10",
            "closes_on": "2026-03-31",
            "labs": [lab.pk for lab in active[:5]],
        },
    )
    assert response.status_code == 302
    wave = Wave.objects.get(slug="inventarisatie-2026")
    assert wave.invited_labs.count() == 5 and wave.questionnaire_version == "2026"
    assert wave.title_en == "Inventarisatie 2026"


def test_create_form_reports_errors_per_field(staff, register):
    response = staff.post(
        reverse("inventory:wave-create"),
        {
            "year": "x",
            "slug": "2019",
            "title_nl": "",
            "closes_on": "2026-01-01",
            "opens_on": "2026-02-01",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200 and "Er is een probleem" in html
    assert "Er bestaat al een ronde met deze korte naam." in html
    assert "De sluitingsdatum mag niet vóór de openingsdatum liggen." in html


def test_monitor_counts_stages_per_category_and_lists_who_has_not_responded(register):
    labs = list(Datalab.objects.order_by("number")[:4])
    wave = open_wave(labs=labs)
    issued = services.issue_invitations(wave)
    services.resolve_token(issued[1].token)  # opened only
    draft, _ = services.response_for(wave, labs[2])
    services.save_response(draft, {"projects": "1"}, 0, "t")
    done, _ = services.response_for(wave, labs[3])
    services.save_response(done, COMPLETE_2019, 0, "t", submit=True)
    monitor = build_monitor(wave)
    assert monitor.counts == {"no_link": 0, "invited": 1, "opened": 1, "draft": 1, "submitted": 1}
    assert monitor.invited == 4 and monitor.response_rate == 0.25
    assert [item.lab for item in monitor.not_responded] == labs[:3]
    per_category = {row.category.code: row.counts for row in monitor.per_category}
    assert sum(sum(counts.values()) for counts in per_category.values()) == 4
    expected = {}
    for lab, stage in zip(labs, ["invited", "opened", "draft", "submitted"], strict=True):
        expected.setdefault(lab.category.code, dict.fromkeys(monitor.counts, 0))[stage] += 1
    assert per_category == expected


def test_monitor_page_shows_the_counts(staff, register):
    labs = list(Datalab.objects.order_by("number")[:2])
    wave = open_wave(labs=labs)
    done, _ = services.response_for(wave, labs[0])
    services.save_response(done, COMPLETE_2019, 0, "t", submit=True)
    html = staff.get(reverse("inventory:wave-detail", args=[wave.slug])).content.decode()
    assert "1 van de 2 uitgenodigde datalabs hebben verzonden." in html
    assert "Respons: 50%." in html
    assert f"{labs[1].number}. {labs[1].name} (nog geen link)" in html


def test_a_wave_run_elsewhere_shows_the_reported_38_of_48(staff, register):
    html = staff.get(reverse("inventory:wave-detail", args=["2019"])).content.decode()
    assert "38 vragenlijsten ontvangen van 48 bekende datalabs" in html
    assert "Respons: 79%." in html
    listing = staff.get(reverse("inventory:wave-list")).content.decode()
    assert "38 van 48 (gerapporteerd)" in listing


def test_downloading_links_issues_new_ones_that_work(staff, client, register):
    labs = list(Datalab.objects.order_by("number")[:3])
    wave = open_wave(labs=labs)
    first = staff.post(reverse("inventory:links-csv", args=[wave.slug]))
    assert first["Content-Type"].startswith("text/csv")
    assert first["Cache-Control"] == "private, no-store"
    rows = list(csv.DictReader(io.StringIO(first.content.decode("utf-8-sig"))))
    assert [row["lab_number"] for row in rows] == [str(lab.number) for lab in labs]
    assert [row["lab_name"] for row in rows] == [lab.name for lab in labs]
    token = rows[0]["link"].rstrip("/").rsplit("/", 1)[1]
    assert rows[0]["link"].startswith("http://testserver/inventarisatie/invullen/")
    assert Invitation.objects.get(token_hash=hash_token(token)).lab == labs[0]
    assert client.get(rows[0]["link"]).status_code == 200
    # Downloading again makes new links; the earlier ones stop working.
    second = staff.post(reverse("inventory:links-csv", args=[wave.slug]))
    new_rows = list(csv.DictReader(io.StringIO(second.content.decode("utf-8-sig"))))
    assert new_rows[0]["link"] != rows[0]["link"]
    assert client.get(rows[0]["link"]).status_code == 410
    assert client.get(new_rows[0]["link"]).status_code == 200
    # The CSV has no personal data.
    assert "@" not in second.content.decode()


def test_invitations_are_emailed_and_no_address_is_logged(staff, register, caplog, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    labs = list(Datalab.objects.order_by("number")[:3])
    labs[0].contact_email = "coordinator.een@example.org"
    labs[0].save()
    labs[1].contact_email = "twee@example.org"
    labs[1].save()
    wave = open_wave(labs=labs)
    caplog.set_level(logging.DEBUG)
    response = staff.post(reverse("inventory:links-email", args=[wave.slug]), follow=True)
    html = response.content.decode()
    assert "Uitnodigingen gemaild naar 2 datalabs." in html
    assert f"{labs[2].number}. {labs[2].name}" in html  # no address: named, not e-mailed
    assert sorted(m.to[0] for m in mail.outbox) == [
        "coordinator.een@example.org",
        "twee@example.org",
    ]
    message = next(m for m in mail.outbox if m.to == ["twee@example.org"])
    assert "Uitnodiging:" in message.subject and "Invitation:" in message.subject
    link = next(line for line in message.body.splitlines() if "/invullen/" in line).strip()
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert services.resolve_token(token).lab == labs[1]
    assert Invitation.objects.filter(wave=wave, lab=labs[1], sent_at__isnull=False).exists()
    assert "@example.org" not in caplog.text and token not in caplog.text
    assert "E-mailed 2 invitation(s)" in caplog.text


def test_staff_sees_one_labs_answers_and_history(staff, register):
    lab = Datalab.objects.order_by("number").first()
    wave = open_wave(labs=[lab])
    draft, _ = services.response_for(wave, lab)
    services.save_response(draft, COMPLETE_2019, 0, "invitation link of lab 1", submit=True)
    url = reverse("inventory:response-detail", args=[wave.slug, lab.number])
    html = staff.get(url).content.decode()
    assert "Sociaal domein" in html and "Versie 1" in html
    assert "door de uitnodigingslink van datalab 1" in html


def test_admin_shows_waves_invitations_and_responses_without_tokens(staff, register):
    lab = Datalab.objects.order_by("number").first()
    wave = open_wave(labs=[lab])
    token = services.issue_invitations(wave)[0].token
    draft, _ = services.response_for(wave, lab)
    response = services.save_response(draft, COMPLETE_2019, 0, "researcher X", submit=True)
    html = staff.get(reverse("admin:inventory_wave_changelist")).content.decode()
    assert "Respons" in html and "Uitgenodigd" in html
    invitation = Invitation.objects.get(wave=wave, lab=lab)
    html = staff.get(
        reverse("admin:inventory_invitation_change", args=[invitation.pk])
    ).content.decode()
    assert token not in html and invitation.token_hash not in html
    html = staff.get(
        reverse("admin:inventory_response_change", args=[response.pk])
    ).content.decode()
    assert "Sociaal domein" in html and "researcher X" in html  # answers and revisions
    # Admin action: withdraw the link.
    staff.post(
        reverse("admin:inventory_invitation_changelist"),
        {"action": "revoke", "_selected_action": [invitation.pk]},
    )
    with pytest.raises(services.RevokedInvitation):
        services.resolve_token(token)
    # Admin action: new link, as CSV.
    reply = staff.post(
        reverse("admin:inventory_invitation_changelist"),
        {"action": "reissue", "_selected_action": [invitation.pk]},
    )
    row = next(csv.DictReader(io.StringIO(reply.content.decode("utf-8-sig"))))
    new_token = row["link"].rstrip("/").rsplit("/", 1)[1]
    assert services.resolve_token(new_token).lab == lab
    assert Response.objects.get(wave=wave, lab=lab).status == "submitted"  # answers kept
