"""The admin import page: a dry run first, then confirm; staff only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from datalab_monitor.inventory.models import Response, ResponseRevision

from .import_files import csv_bytes, rows, wave_2019_open, xlsx_bytes  # noqa: F401
from .test_import_formats import GOOGLE_DEN_HAAG, MSFORMS_TWENTE, google_header, msforms_header

pytestmark = pytest.mark.usefixtures("register", "wave_2019_open")
URL = reverse("inventory:import-responses")


@pytest.fixture
def researcher(client):
    user = User.objects.create_user("onderzoeker", password="x", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(codename="manage_wave", content_type__app_label="inventory")
    )
    client.force_login(user)
    return client


def upload(client, data: bytes, name: str, mapping: str, **extra):
    return client.post(
        URL,
        {
            "action": "dry_run",
            "wave": "2019",
            "file": SimpleUploadedFile(name, data),
            "shipped_mapping": mapping,
            **extra,
        },
    )


def test_dry_run_then_confirm_stores(researcher):
    page = researcher.get(URL)
    assert page.status_code == 200 and b'name="file"' in page.content
    data = xlsx_bytes(rows(msforms_header(), [MSFORMS_TWENTE]))
    response = upload(researcher, data, "forms.xlsx", "msforms-2019")
    assert response.status_code == 200
    assert not Response.objects.exists()
    html = response.content.decode()
    assert 'id="import-outcomes"' in html and "24. Twente" in html
    assert "example.nl" not in html and "Jansen" not in html
    token = response.context["confirm_token"]
    assert token
    confirmed = researcher.post(URL, {"action": "confirm", "token": token})
    assert confirmed.status_code == 200
    stored = Response.objects.get(lab__number=24)
    assert stored.source == "import" and stored.answers["partners"] == [
        "municipalities",
        "universities",
        "other",
    ]
    assert ResponseRevision.objects.get().changed_by == "import:forms.xlsx"
    # The pending import is used up: confirming again stores nothing more.
    again = researcher.post(URL, {"action": "confirm", "token": token})
    assert again.context["expired"] and ResponseRevision.objects.count() == 1


def test_problems_are_shown_and_nothing_can_be_confirmed(researcher):
    record = {**GOOGLE_DEN_HAAG, "Hoe heet het datalab?": "Datalab Atlantis"}
    data = csv_bytes(rows(google_header(), [record]))
    response = upload(researcher, data, "google.csv", "googleforms-2019")
    html = response.content.decode()
    assert 'id="import-problems"' in html and "Datalab Atlantis" in html
    assert not response.context["confirm_token"]
    assert researcher.post(URL, {"action": "confirm", "token": "x"}).context["expired"]
    assert not Response.objects.exists()


def test_own_mapping_file_can_be_uploaded(researcher):
    mapping = (
        b"tool: generic\nvalidation: partial\nlab: {name: Lab}\nquestions:\n  start_year: Jaar\n"
    )
    response = researcher.post(
        URL,
        {
            "action": "dry_run",
            "wave": "2019",
            "file": SimpleUploadedFile("own.csv", b"Lab;Jaar\nLeiden;2018\n"),
            "mapping_file": SimpleUploadedFile("own.yaml", mapping),
        },
    )
    assert response.context["report"].ok, response.context["report"].as_text()
    researcher.post(URL, {"action": "confirm", "token": response.context["confirm_token"]})
    assert Response.objects.get(lab__number=35).answers == {"start_year": 2018}


def test_anonymous_users_are_sent_to_the_login(client):
    data = xlsx_bytes(rows(msforms_header(), [MSFORMS_TWENTE]))
    assert client.get(URL).status_code == 302
    response = upload(client, data, "forms.xlsx", "msforms-2019")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert client.post(URL, {"action": "confirm", "token": "x"}).status_code == 302
    assert not Response.objects.exists()


def test_staff_without_permission_is_refused(client):
    client.force_login(User.objects.create_user("bezoeker", password="x", is_staff=True))
    assert client.get(URL).status_code == 403
