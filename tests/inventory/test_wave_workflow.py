"""A researcher takes a 2026 wave from creation to publication through the pages alone.

Create (with labs known) -> links -> open -> one lab fills in the form -> monitor -> close ->
publish (checklist) -> the public findings page shows it -> withdraw the publication.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from datalab_monitor.inventory.models import Invitation, Response, Wave
from datalab_monitor.registry.models import Datalab

pytestmark = pytest.mark.django_db

SLUG = "inventarisatie-2026"
# One lab's complete answers to questionnaire 2026, page by page, as the form posts them.
PAGES_2026 = (
    ("lab", {"start_year": "2018", "projects": "6"}),
    ("collaboration", {"partners": ["cbs", "universities"]}),
    ("work", {"analysis_types": ["descriptive"], "domains": ["social"]}),
    ("staff", {"fte_dedicated": "1,5"}),
    ("resources", {"funding": ["general_funds"]}),
    ("method", {}),
    ("improvement", {"improvements": ["money"]}),
)


@pytest.fixture
def researcher(client, register):
    """A logged-in member of the Onderzoeker role (not a superuser), Dutch UI."""
    user = User.objects.create_user("onderzoeker", password="not-used", is_staff=True)
    user.groups.add(Group.objects.get(name="Onderzoeker"))
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    return client


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def version_in(html: str) -> int:
    return int(re.search(r'name="version" value="(\d+)"', html).group(1))


def fill_in_the_form(client, link: str) -> None:
    """The lab coordinator: every page through the form, then the review page's submit."""
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert client.get(link).status_code == 200
    for code, data in PAGES_2026:
        url = reverse("inventory:form-page", args=[token, code])
        html = page(client, url)
        response = client.post(url, {**data, "version": version_in(html), "action": "next"})
        assert response.status_code == 302, (code, response.content.decode()[:2000])
    review = reverse("inventory:form-review", args=[token])
    response = client.post(review, {"version": version_in(page(client, review))})
    assert response["Location"] == reverse("inventory:form-done", args=[token])


def messages_of(response) -> str:
    return " ".join(str(message) for message in response.context["messages"])


def test_a_2026_wave_from_creation_to_publication_through_the_pages(researcher):
    public = Client()
    coordinator = Client()
    labs = list(Datalab.objects.filter(status=Datalab.Status.ACTIVE).order_by("number")[:3])
    today = timezone.localdate()

    # 1. Create, with labs known; the 2019 wave holds no answers and the form says so.
    html = page(researcher, reverse("inventory:wave-create"))
    assert 'name="labs_known"' in html
    assert "(bevat geen antwoorden: niets om vooraf in te vullen)" in html
    response = researcher.post(
        reverse("inventory:wave-create"),
        {
            "year": 2026,
            "slug": SLUG,
            "title_nl": "Inventarisatie datalabs 2026",
            "title_en": "Data lab inventory 2026",
            "questionnaire_version": "2026",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=30)).isoformat(),
            "labs_known": "41",
            "labs": [lab.pk for lab in labs],
        },
        follow=True,
    )
    assert "De ronde is aangemaakt met 3 uitgenodigde datalabs." in messages_of(response)
    wave = Wave.objects.get(slug=SLUG)
    assert (wave.status, wave.labs_known, wave.questionnaire_version) == ("draft", 41, "2026")
    html = response.content.decode()
    assert html.count("(nog geen link)") == 3 and "uitgenodigd, niet geopend" not in html
    assert "De ronde is een concept" in html and 'value="publish"' not in html
    assert "geen: het formulier wordt niet vooraf ingevuld" in html

    # 2. Links (CSV), then open the wave.
    response = researcher.post(reverse("inventory:links-csv", args=[SLUG]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["lab_number"] for row in rows] == [str(lab.number) for lab in labs]
    html = page(researcher, reverse("inventory:wave-detail", args=[SLUG]))
    assert html.count("(uitgenodigd, niet geopend)") == 3 and "nog geen link" not in html
    response = researcher.post(
        reverse("inventory:wave-status", args=[SLUG]), {"action": "open"}, follow=True
    )
    html = response.content.decode()
    assert "De ronde is open" in html and 'value="close"' in html and 'value="open"' not in html

    # 3. One lab fills in the form with its link.
    fill_in_the_form(coordinator, rows[0]["link"])
    assert Response.objects.get(wave=wave, lab=labs[0]).status == "submitted"

    # 4. The monitor.
    html = page(researcher, reverse("inventory:wave-detail", args=[SLUG]))
    assert "1 van de 3 uitgenodigde datalabs hebben verzonden." in html
    assert f"{labs[0].number}. {labs[0].name} (" not in html.split('id="not-responded"')[1]

    # 5. Publishing an open wave is refused with the reason; then close.
    response = researcher.post(
        reverse("inventory:wave-status", args=[SLUG]),
        {"action": "publish", "findings_reviewed": "on"},
        follow=True,
    )
    assert "Sluit eerst de ronde" in messages_of(response)
    wave.refresh_from_db()
    assert wave.status == "open"
    response = researcher.post(
        reverse("inventory:wave-status", args=[SLUG]), {"action": "close"}, follow=True
    )
    html = response.content.decode()
    assert "De ronde is gesloten" in html and 'id="publish-checklist"' in html
    assert 'data-done="false"' not in html  # closed, labs known, a questionnaire submitted
    assert reverse("results:researcher", args=[SLUG]) in html
    assert "Nieuwe links maken" not in html
    assert public.get(reverse("results:wave", args=[SLUG])).status_code == 404

    # 6. The researcher reviews the findings; publishing without ticking the box is refused.
    assert researcher.get(reverse("results:researcher", args=[SLUG])).status_code == 200
    response = researcher.post(
        reverse("inventory:wave-status", args=[SLUG]), {"action": "publish"}, follow=True
    )
    assert "Ik heb de bevindingen gecontroleerd" in messages_of(response)
    wave.refresh_from_db()
    assert wave.status == "closed"
    response = researcher.post(
        reverse("inventory:wave-status", args=[SLUG]),
        {"action": "publish", "findings_reviewed": "on"},
        follow=True,
    )
    assert "De ronde is gepubliceerd" in messages_of(response)
    wave.refresh_from_db()
    assert wave.status == "published"
    html = response.content.decode()
    assert 'value="unpublish"' in html and "Nieuwe links maken" not in html
    assert "neemt nog geen antwoorden aan" not in html and 'value="open"' not in html

    # 7. The public findings page shows it.
    findings = public.get(reverse("results:wave", args=[SLUG]))
    assert findings.status_code == 200
    assert "Inventarisatie datalabs 2026" in findings.content.decode()
    assert SLUG in public.get(reverse("results:index")).content.decode()

    # 8. No new links for a published wave, even by a hand-made POST.
    before = Invitation.objects.filter(wave=wave).count()
    response = researcher.post(reverse("inventory:links-csv", args=[SLUG]), follow=True)
    assert "er worden geen nieuwe links gemaakt" in messages_of(response)
    assert Invitation.objects.filter(wave=wave).count() == before

    # 9. Withdraw the publication: the public page is gone again.
    response = researcher.post(
        reverse("inventory:wave-status", args=[SLUG]), {"action": "unpublish"}, follow=True
    )
    assert "De publicatie is ingetrokken" in messages_of(response)
    wave.refresh_from_db()
    assert wave.status == "closed"
    assert public.get(reverse("results:wave", args=[SLUG])).status_code == 404
    assert SLUG not in public.get(reverse("results:index")).content.decode()
