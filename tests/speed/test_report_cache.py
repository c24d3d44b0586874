"""A repeated report download is served from the cache; any change to its data renders anew."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from datalab_monitor.inventory.models import Response
from datalab_monitor.registry.models import Datalab
from datalab_monitor.reports import cache as report_cache
from tests.reports.fixtures import make_wave

pytestmark = pytest.mark.django_db


@pytest.fixture
def renders(monkeypatch):
    """Counts the renderer's calls; renders HTML for speed whatever the format asked."""
    calls = []
    real = report_cache.render_report

    def counting(wave, fmt, language):
        calls.append((wave.slug, fmt, language))
        return real(wave, "html", language)

    monkeypatch.setattr(report_cache, "render_report", counting)
    cache.clear()
    yield calls
    cache.clear()


def download(client, fmt="pdf", lang="nl"):
    response = client.get(f"/rapport/test-2024/?format={fmt}&lang={lang}")
    assert response.status_code == 200
    return response.content


def test_second_download_does_not_call_the_renderer(register, client, renders):
    make_wave()
    first = download(client)
    second = download(client)
    assert first == second
    assert len(renders) == 1
    download(client, lang="en")
    download(client, fmt="html")
    assert len(renders) == 3  # each language and format is its own report


def test_a_changed_response_renders_the_report_again(register, client, renders):
    wave = make_wave()
    download(client)
    response = Response.objects.filter(wave=wave).order_by("pk").first()
    response.status = Response.Status.DRAFT
    response.save()
    download(client)
    assert len(renders) == 2


def test_a_changed_register_renders_the_report_again(register, client, renders):
    make_wave()
    download(client)
    lab = Datalab.objects.order_by("number").last()
    lab.name = "Fictief Hernoemd Lab"
    lab.save()
    download(client)
    assert len(renders) == 2


def test_real_pdf_is_cached_as_bytes(register, client):
    make_wave()
    cache.clear()
    first = download(client)
    assert first.startswith(b"%PDF")
    assert download(client) == first
    cache.clear()
