"""The open-data page and its downloads."""

from __future__ import annotations

import json

import pytest

from datalab_monitor.inventory.models import Wave

pytestmark = pytest.mark.django_db


def test_open_data_page_lists_every_download_with_the_licence(fixture_wave, client):
    response = client.get("/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "CC BY 4.0" in html and "creativecommons.org/licenses/by/4.0/" in html
    assert '<a class="utrecht-link" href="/rapport/">pagina Rapport</a>' in html
    for url in [
        "/open-data/register.csv",
        "/open-data/register.xlsx",
        "/open-data/register.json",
        "/open-data/register-municipalities.csv",
        "/open-data/waves/test-2024/findings.csv",
        "/open-data/waves/2019/findings.json",
        "/open-data/codebook/2019.xlsx",
        "/open-data/datapackage.zip",
        "/open-data/datapackage.json",
    ]:
        assert f'href="{url}"' in html, url


@pytest.mark.parametrize(
    ("url", "content_type"),
    [
        ("/open-data/register.csv", "text/csv; charset=utf-8"),
        (
            "/open-data/register.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("/open-data/register-municipalities.json", "application/json"),
        ("/open-data/findings.csv", "text/csv; charset=utf-8"),
        ("/open-data/codebook.csv", "text/csv; charset=utf-8"),
        (
            "/open-data/waves/test-2024/findings.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("/open-data/codebook/2019.json", "application/json"),
        ("/open-data/datapackage.zip", "application/zip"),
    ],
)
def test_downloads(fixture_wave, client, url, content_type):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content


def test_descriptor_paths_resolve_beside_it(fixture_wave, client):
    descriptor = json.loads(client.get("/open-data/datapackage.json").content)
    for resource in descriptor["resources"]:
        response = client.get(f"/open-data/{resource['path']}")
        assert response.status_code == 200, resource["path"]
        header = response.content.decode().splitlines()[0].split(",")
        assert header == [f["name"] for f in resource["schema"]["fields"]]


def test_unpublished_or_unknown_is_not_found(fixture_wave, client):
    fixture_wave.status = Wave.Status.CLOSED
    fixture_wave.save()
    assert client.get("/open-data/waves/test-2024/findings.csv").status_code == 404
    assert client.get("/open-data/register.docx").status_code == 404
    assert client.get("/open-data/answers.csv").status_code == 404
    assert client.get("/open-data/codebook/1999.csv").status_code == 404
