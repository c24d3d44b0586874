"""The API shows the same numbers as the pages and the open data."""

from __future__ import annotations

import csv
import html
import io

import pytest

pytestmark = pytest.mark.django_db


def test_register_equals_the_open_data(api, client):
    register = list(
        csv.DictReader(
            io.StringIO(client.get("/open-data/register.csv").content.decode("utf-8-sig"))
        )
    )
    labs = api.get("/api/v1/datalabs?pageSize=100").json()["results"]
    assert [int(row["number"]) for row in register] == [lab["number"] for lab in labs]
    for row, lab in zip(register, labs, strict=True):
        detail = api.get(f"/api/v1/datalabs/{lab['number']}").json()
        assert row["category_code"] == lab["category"]["code"]
        assert row["status_code"] == lab["status"]["code"]
        assert int(row["municipality_count"]) == lab["municipalityCount"]
        assert row["municipality_codes"] == "; ".join(m["code"] for m in detail["municipalities"])
        assert row["province_codes"] == "; ".join(p["code"] for p in lab["provinces"])


def test_findings_equal_the_open_data_and_the_page(api, client):
    from datalab_monitor.inventory.demo import create_demo_wave

    create_demo_wave()
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/open-data/findings.csv").content.decode("utf-8-sig"))
        )
    )
    body = api.get("/api/v1/inventarisaties/demo-2019/bevindingen").json()
    published = {
        (chart["topic"], row["code"]): row for chart in body["charts"] for row in chart["rows"]
    }
    demo_rows = [r for r in rows if r["wave_slug"] == "demo-2019"]
    assert demo_rows and len(demo_rows) == len(published)
    for row in demo_rows:
        api_row = published[(row["topic"], row["category_code"])]
        assert row["count_display"] == api_row["countDisplay"]
        assert (row["count"] or None) == (
            None if api_row["count"] is None else str(api_row["count"])
        )
    page = html.unescape(client.get("/bevindingen/demo-2019/").content.decode())
    for chart in body["charts"]:
        for row in chart["rows"]:
            assert row["countDisplay"] in page
    assert str(body["keyFigures"]["questionnairesReceived"]) in page


def test_coverage_equals_the_map_page(api, client):
    from datalab_monitor.maps.services import coverage

    body = api.get("/api/v1/dekking?jaar=2019").json()
    found = coverage(2019)
    assert body["national"]["covered"] == found.national.covered
    assert body["national"]["total"] == found.national.total
    assert [(p["code"], p["covered"], p["total"]) for p in body["provinces"]] == [
        (p.code, p.covered, p.total) for p in found.provinces
    ]
    page = client.get("/kaart/dekking/?jaar=2019").content.decode()
    assert str(found.national.covered) in page and str(found.national.total) in page
