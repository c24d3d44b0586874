"""The map pages: inline SVG, list, year choice, coverage table, nearest labs, no boundaries."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from datalab_monitor.maps import services

NL: dict = {}  # Dutch is the default for everyone


def svg_of(html: str, index: int = 0) -> ET.Element:
    found = re.findall(r"<svg xmlns=\"http://www.w3.org/2000/svg\".*?</svg>", html, re.S)
    documents = [s for s in found if 'class="dm-map"' in s]
    return ET.fromstring(documents[index])


def marker_numbers(root: ET.Element) -> list[int]:
    return sorted(
        int(g.get("data-lab-number"))
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if g.get("class") == "dm-marker"
    )


def test_map_page_shows_the_map_and_the_numbered_list(client, register):
    response = client.get("/kaart/", **NL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html and "Datalabs in kaart" in html
    root = svg_of(html)
    assert root.get("data-year") == "2025"
    assert marker_numbers(root) == list(range(1, 39))
    # The list beside the map: every lab with its number and a link to its page.
    for number, slug in [(1, "alkmaar"), (24, "twente"), (29, "den-haag"), (38, "venlo")]:
        assert re.search(rf'<li value="{number}"[^>]*>.*?href="/datalabs/{slug}/"', html, re.S)
    assert len(re.findall(r'class="dm-map-lists__labs"', html)) == 4
    assert 'aria-current="page">2025' in html
    assert 'href="?jaar=2019"' in html
    assert (
        re.search(r"maps/map\.[0-9a-f]{12}\.js", html)
        and "Kaartgrenzen niet beschikbaar" not in html
    )


def test_map_page_for_2019(client, register):
    html = client.get("/kaart/?jaar=2019", **NL).content.decode()
    root = svg_of(html)
    assert root.get("data-year") == "2019"
    covered = {
        p.get("data-code")
        for p in root.iter("{http://www.w3.org/2000/svg}path")
        if p.get("data-covered")
    }
    assert "GM0398" in covered and "GM1980" not in covered
    assert 'aria-current="page">2019' in html


@pytest.mark.parametrize("value", ["abc", "-1", "99999", ""])
def test_a_bad_year_shows_the_newest_map(client, register, value):
    response = client.get(f"/kaart/?jaar={value}", **NL)
    assert response.status_code == 200
    assert svg_of(response.content.decode()).get("data-year") == "2025"


def test_map_page_in_english(client, register, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/kaart/").content.decode()
    assert "Data labs on the map" in html
    assert "Numbered list" in html
    assert "Boundaries: CBS / Kadaster" in html


def test_the_svg_download(client, register):
    response = client.get("/kaart/kaart.svg?jaar=2019", **NL)
    assert response["Content-Type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert marker_numbers(root) == list(range(1, 39))
    assert "Kaartgrenzen: CBS / Kadaster" in response.content.decode()


def test_pages_only_answer_get(client, register):
    assert client.post("/kaart/").status_code == 405
    assert client.post("/kaart/dekking/").status_code == 405


def test_without_boundaries_the_public_gets_a_sentence_and_staff_the_details(
    client, register, settings, tmp_path, django_user_model
):
    settings.DATALAB_GEO_DIR = tmp_path
    html = client.get("/kaart/", **NL).content.decode()
    assert "De gemeentegrenzen kunnen nu niet getoond worden" in html
    assert "gemeente_2025.topojson" not in html  # no file names or commands for the public
    assert "datalab-monitor geo download" not in html
    root = svg_of(html)
    assert root.get("data-boundaries") == "false"
    assert marker_numbers(root) == list(range(1, 39))
    assert str(tmp_path) not in html

    client.force_login(django_user_model.objects.create_superuser("beheer", "b@example.org", "x"))
    html = client.get("/kaart/", **NL).content.decode()
    assert "het bestand gemeente_2025.topojson ontbreekt" in html
    assert "datalab-monitor geo download" in html
    assert str(tmp_path) not in html


def test_coverage_page_figures_come_from_the_register(client, register):
    html = client.get("/kaart/dekking/", **NL).content.decode()
    coverage = services.coverage(2025)
    national = coverage.national
    assert f"{national.covered} van de {national.total} gemeenten" in html
    rows = re.findall(
        r'<tr class="utrecht-table__row" data-province="(PV\d\d|NL)">(.*?)</tr>', html, re.S
    )
    assert len(rows) == 13
    numbers = {code: re.findall(r">(\d+)</td>", row) for code, row in rows}
    for row in coverage.provinces:
        assert numbers[row.code] == [str(row.total), str(row.covered)]
    assert numbers["NL"] == [str(national.total), str(national.covered)]
    assert numbers["PV21"] == ["18", "18"]  # all of Friesland
    assert svg_of(html).get("data-mode") == "coverage"
    assert f"{national.not_covered} gemeenten zonder datalab" in html


def test_nearest_labs_form(client, register):
    html = client.get("/kaart/dekking/?gemeente=heiloo", **NL).content.decode()
    assert "Dichtst bij Heiloo (GM0399)" in html
    result = re.search(r'<ol class="dm-nearest".*?</ol>', html, re.S).group(0)
    first = re.search(r'data-lab-number="(\d+)"', result).group(1)
    assert first == "1"  # Alkmaar
    assert 'href="/datalabs/alkmaar/"' in result


def test_nearest_labs_ambiguous_unknown_and_empty(client, register):
    html = client.get("/kaart/dekking/?gemeente=Bergen", **NL).content.decode()
    assert "Meerdere gemeenten passen bij" in html and "gemeente=GM0373" in html
    html = client.get("/kaart/dekking/?gemeente=Atlantis", **NL).content.decode()
    assert "Geen gemeente past bij “Atlantis”" in html and 'aria-invalid="true"' in html
    html = client.get("/kaart/dekking/?gemeente=", **NL).content.decode()
    assert "Typ de naam of CBS-code van een gemeente." in html
    html = client.get("/kaart/dekking/?gemeente=" + "x" * 101, **NL).content.decode()
    assert "Typ ten hoogste 100 tekens." in html
