"""The HTML report: one self-contained file (no external resources) with every section."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from datalab_monitor.inventory.models import Response
from datalab_monitor.reports.render import render_report

pytestmark = pytest.mark.django_db

URL_ATTRIBUTES = {"src", "href", "xlink:href", "srcset", "data", "poster", "action"}


class ResourceCollector(HTMLParser):
    """Every URL-valued attribute, every element that loads something, and the visible text."""

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.tags: set[str] = set()
        self.ids: set[str] = set()
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name in URL_ATTRIBUTES and value is not None:
                self.urls.append((tag, name, value))
            if name == "id":
                self.ids.add(value)
        if tag in ("style", "script"):
            self._hidden += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def parse(html: str) -> ResourceCollector:
    collector = ResourceCollector()
    collector.feed(html)
    return collector


@pytest.fixture
def fixture_html(fixture_wave) -> str:
    return render_report(fixture_wave, "html", "nl").decode("utf-8")


def test_html_report_is_self_contained(fixture_html):
    page = parse(fixture_html)
    assert not page.tags & {"link", "script", "img", "iframe", "object", "embed"}
    external = [(tag, name, url) for tag, name, url in page.urls if not url.startswith("#")]
    assert not external, external
    for match in re.finditer(r"url\(([^)]*)\)", fixture_html):
        assert match.group(1).strip("'\"").startswith(("#", "data:")), match.group(0)
    assert "@import" not in fixture_html
    duplicates = {
        i
        for i in re.findall(r' id="([^"]+)"', fixture_html)
        if fixture_html.count(f' id="{i}"') > 1
    }
    assert not duplicates  # five charts and a map inline: their ids must not collide
    # Internal links all point to something in the file.
    for _tag, _name, url in page.urls:
        assert url[1:] in page.ids, f"broken internal link {url}"


def test_html_report_has_every_section_and_its_charts(fixture_html):
    page = parse(fixture_html)
    text = re.sub(r"\s+", " ", " ".join(page.text))
    for anchor in ["introduction", "categories", "map", "findings", "dos", "methods"]:
        assert anchor in page.ids
    for heading in [
        "Inhoud",
        "Inleiding",
        "Categorieën datalabs",
        "Datalabs in kaart",
        "Bevindingen in beeld",
        "10 do's voor datalabs",
        "Verantwoording en colofon",
    ]:
        assert heading in text
    assert fixture_html.count('class="chart"') == 5
    assert fixture_html.count("<svg") == 6  # five charts and the map
    assert '<html lang="nl">' in fixture_html
    assert "De onderzoekers kenden in Nederland 16 datalabs." in text


def test_html_report_of_a_synthetic_wave_says_so_at_the_top(synthetic_wave):
    html = render_report(synthetic_wave, "html", "nl").decode()
    banner = html.index('class="synthetic-banner"')
    assert banner < html.index('class="cover"')
    assert html.count("Fictieve gegevens: demo-antwoorden, geen echte datalabs") >= 2


def test_report_without_boundary_files_still_has_its_map_and_says_why(
    fixture_wave, settings, tmp_path
):
    settings.DATALAB_GEO_DIR = tmp_path  # no boundary files here
    html = render_report(fixture_wave, "html", "nl").decode()
    text = re.sub(r"\s+", " ", " ".join(parse(html).text))
    assert "De gemeentegrenzen konden niet worden getekend" in text
    assert "topojson" not in text  # no file names for the public
    assert html.count('class="lab-list__number"') == 38
    assert "<svg" in html[html.index('id="map"') :]


def test_wave_with_only_drafts_says_no_answers_are_submitted_yet(fixture_wave):
    fixture_wave.responses.update(status=Response.Status.DRAFT)
    html = render_report(fixture_wave, "html", "nl").decode()
    text = re.sub(r"\s+", " ", " ".join(parse(html).text))
    assert "Nog geen enkel datalab heeft zijn antwoorden voor deze inventarisatie ingediend" in text
    assert 'class="chart"' not in html


def test_the_small_number_rule_follows_the_setting(fixture_wave, settings):
    settings.DATALAB_MIN_CELL = 7
    html = render_report(fixture_wave, "html", "nl").decode()
    text = re.sub(r"\s+", " ", " ".join(parse(html).text))
    assert "minder dan 7 datalabs" in text
    assert re.search(r"Universiteiten</th><td class=\"num\">&lt; 7</td>", html)  # 6 labs: hidden
