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


def test_the_page_holds_no_visitor_data_in_the_cached_part(lab, client):
    """The edit-link request is a link to its own page, so no CSRF token is cached."""
    html = page(client, lab)
    assert 'href="/datalabs/twente/bewerklink/"' in html
    assert html.count("csrfmiddlewaretoken") == 1  # the language switch's own form
