"""The home page: few queries, and its cached fragment follows every change to the data."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from datalab_monitor.registry.models import Datalab
from datalab_monitor.web.figures import register_figures

pytestmark = pytest.mark.django_db


def test_home_page_in_at_most_five_queries(register, client, django_assert_max_num_queries):
    client.get("/")  # fills the fragment cache for this data stamp
    with django_assert_max_num_queries(5):
        response = client.get("/")
    assert response.status_code == 200
    assert Datalab.objects.order_by("number").first().name in response.text


def test_cold_home_page_builds_no_lab_instances_per_municipality(register, client):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert len(queries) <= 16  # the map's own queries included; was 16 + 3 counts per wave


def test_renamed_lab_shows_at_once(register, client):
    client.get("/")
    lab = Datalab.objects.order_by("number").first()
    lab.name = "Hernoemd Fictief Datalab"
    lab.save()
    assert "Hernoemd Fictief Datalab" in client.get("/").text


def test_removed_municipality_link_changes_the_figures(register, client):
    before = register_figures()
    client.get("/")
    lab = Datalab.objects.filter(municipalities__isnull=False).order_by("number").first()
    lab.municipalities.clear()
    after = register_figures()
    assert after.labs == before.labs
    assert f">{after.municipalities}<" in client.get("/").text.replace(" ", "")


def test_register_figures_match_plain_counts(register):
    from datalab_monitor.registry.models import Municipality, Province

    figures = register_figures()
    assert figures.labs == Datalab.objects.count()
    assert (
        figures.municipalities
        == Municipality.objects.filter(datalabs__isnull=False).distinct().count()
    )
    assert (
        figures.provinces
        == Province.objects.filter(municipality__datalabs__isnull=False).distinct().count()
    )


def test_new_boundary_file_changes_the_home_stamp(register, settings, tmp_path):
    from datalab_monitor.web.figures import home_stamp, newest_published_wave

    settings.DATALAB_GEO_DIR = str(tmp_path)
    wave = newest_published_wave()
    before = home_stamp(wave)
    (tmp_path / "gemeente_2099.geojson").write_text("{}")
    assert home_stamp(wave) != before
