"""A lab's page is cached below its heading, and every change it shows is on the next request."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from datalab_monitor.labpages import changes
from datalab_monitor.labpages.models import Project
from datalab_monitor.registry.models import Partner

pytestmark = pytest.mark.django_db
AUTHOR = changes.Author("test coordinator")


def page(client, lab) -> str:
    response = client.get(lab.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_repeated_visit_reads_only_the_lab_and_the_stamp(lab, client):
    page(client, lab)
    with CaptureQueriesContext(connection) as queries:
        html = page(client, lab)
    assert len(queries) <= 3, [q["sql"] for q in queries]
    assert lab.name in html and "Enschede" in html  # the cached part is there


def test_register_changes_show_at_once(lab, client):
    page(client, lab)
    lab.name = "Datalab Twente Nieuw"
    lab.description_nl = "Een nieuwe beschrijving."
    lab.save()
    html = page(client, lab)
    assert "Datalab Twente Nieuw" in html and "Een nieuwe beschrijving." in html
    lab.partners.add(Partner.objects.create(name="Partner Zonder Website"))
    assert "Partner Zonder Website" in page(client, lab)
    covered = lab.municipalities.order_by("name").first()
    lab.municipalities.remove(covered)
    assert f'<code class="dm-code">{covered.code}</code>' not in page(client, lab)


def test_profile_and_project_changes_show_at_once(lab, client):
    page(client, lab)
    changes.change_profile(lab, {"description_nl": "Wij meten de wijk."}, AUTHOR)
    assert "Wij meten de wijk." in page(client, lab)
    Project.objects.create(lab=lab, title_nl="Fietsroutes in kaart", summary_nl="Samenvatting.")
    assert "Fietsroutes in kaart" in page(client, lab)


def test_a_municipality_change_shows_at_once(lab, client):
    covered = lab.municipalities.order_by("name").first()
    page(client, lab)
    covered.name = "Hernoemd Dorp"
    covered.save()
    assert "Hernoemd Dorp" in page(client, lab)


def test_the_cache_is_per_language(lab, nl_client, en_client):
    assert "Gemeente" in page(nl_client, lab)
    english = page(en_client, lab)
    assert "Municipality" in english and "Gemeente</th>" not in english


def test_the_day_is_part_of_the_key(lab, client, monkeypatch):
    from datalab_monitor.labpages import services

    first = services.lab_page_stamp()

    class Tomorrow(datetime.date):
        @classmethod
        def today(cls):
            return datetime.date(2999, 1, 1)

    monkeypatch.setattr(services, "date", Tomorrow)
    assert services.lab_page_stamp() != first


def test_every_visitor_gets_a_request_form_of_their_own(lab):
    """The edit-link form is outside the cached part: its CSRF token is the visitor's own."""
    import re

    from django.core import mail
    from django.core.cache import cache
    from django.test import Client

    cache.clear()  # the request limits
    for _visitor in range(2):  # the second is served the first one's cached fragment
        client = Client(enforce_csrf_checks=True)
        html = page(client, lab)
        form = html.split('action="/datalabs/twente/bewerklink/"')[1].split("</form>")[0]
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
        answer = client.post("/datalabs/twente/bewerklink/", {"csrfmiddlewaretoken": token})
        assert answer.status_code == 200
    assert len(mail.outbox) == 2
