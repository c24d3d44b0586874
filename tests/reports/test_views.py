"""The report pages: the list of published waves and the downloads."""

from __future__ import annotations

import pytest

from datalab_monitor.inventory.models import Wave

from .fixtures import make_wave

pytestmark = pytest.mark.django_db


def test_report_index_lists_published_waves_with_download_links(fixture_wave, client):
    Wave.objects.create(slug="draft-2025", year=2025, title_nl="Concept", title_en="Draft")
    response = client.get("/rapport/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/rapport/test-2024/?format=pdf&amp;lang=nl" in html
    assert "Download rapport" in html
    assert "/rapport/2019/" in html
    assert "draft-2025" not in html


def test_pdf_and_html_downloads(fixture_wave, client):
    response = client.get("/rapport/test-2024/?format=pdf&lang=nl")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"%PDF")
    response = client.get("/rapport/test-2024/?format=html&lang=en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b"Findings at a glance" in response.content


def test_only_published_waves_and_known_formats(register, client):
    wave = make_wave("hidden-2024")
    wave.status = Wave.Status.CLOSED
    wave.save()
    assert client.get("/rapport/hidden-2024/").status_code == 404
    assert client.get("/rapport/2019/?format=docx").status_code == 404
    assert client.get("/rapport/2019/?format=html&lang=fr").status_code == 404
    assert client.get("/rapport/2019/?format=html").status_code == 200
