"""The PDF report: every section, the numbers of a hand-made wave, page numbers, the warning of a
synthetic wave on every page, vector graphics, tagged A4."""

from __future__ import annotations

import re

import pytest

from datalab_monitor.inventory.models import Wave
from datalab_monitor.reports.render import render_report

from .fixtures import Expected
from .pdf import image_count, page_count, pdf_info, pdf_text, squeeze

SECTIONS_NL = [
    "Inleiding",
    "Categorieën datalabs",
    "Datalabs in kaart",
    "Bevindingen in beeld",
    "10 do's voor datalabs",
    "Verantwoording en colofon",
]
WARNING_NL = "Fictieve gegevens: demo-antwoorden, geen echte datalabs"

pytestmark = pytest.mark.django_db


@pytest.fixture
def fixture_pdf(fixture_wave) -> bytes:
    return render_report(fixture_wave, "pdf", "nl")


def test_pdf_is_a_tagged_a4_document(fixture_pdf):
    info = pdf_info(fixture_pdf)
    assert "A4" in info["Page size"]
    assert info["Tagged"] == "yes"
    assert info["Title"].startswith("Inventarisatie datalabs: de resultaten")


def test_pdf_has_every_section_in_the_publications_order(fixture_pdf):
    text = pdf_text(fixture_pdf)
    body = text.split("Inhoud", 1)[1]  # after the table of contents
    body = body.split("Inleiding", 1)[1]
    positions = [body.find(section) for section in SECTIONS_NL[1:]]
    assert all(p >= 0 for p in positions), positions
    assert positions == sorted(positions)
    assert "Inventarisatie datalabs: de resultaten" in text  # the cover


def test_table_of_contents_gives_the_page_of_each_section(fixture_pdf):
    toc = pdf_text(fixture_pdf, page=2)
    assert "Inhoud" in toc
    for section in SECTIONS_NL:
        match = re.search(re.escape(section) + r"\s+(\d+)\s*$", toc, re.MULTILINE)
        assert match, f"{section} not in the table of contents"
        page = int(match.group(1))
        lines = [line.strip() for line in pdf_text(fixture_pdf, page=page).splitlines()]
        assert section in lines, f"{section} is not a heading on page {page}"


def test_pdf_shows_the_numbers_of_the_wave(fixture_pdf):
    expected = Expected()
    text = pdf_text(fixture_pdf)
    flat = squeeze(text)
    # Lead: labs known, questionnaires, interviews, response rate.
    assert f"De onderzoekers kenden in Nederland {expected.labs_known} datalabs." in flat
    assert f"hebben {expected.respondents} datalabs een uitgebreide vragenlijst ingevuld" in flat
    assert f"een respons van {expected.response_percent}%" in flat
    assert f"Daarna zijn {expected.interviews} datalabs geïnterviewd" in flat
    # Charts: bases and data tables (count, percentage), with small numbers hidden.
    assert f"Basis: n = {expected.respondents} datalabs" in flat
    count, percent = expected.partners_cbs
    assert re.search(rf"^\s*CBS\s+{count}\s+{percent}%\s*$", text, re.MULTILINE)
    count, percent = expected.partners_universities
    assert re.search(rf"^\s*Universiteiten\s+{count}\s+{percent}%\s*$", text, re.MULTILINE)
    assert re.search(r"^\s*Bedrijven en adviesbureaus\s+< ?3\s+< ?3\s*$", text, re.MULTILINE)
    count, percent = expected.domains_social
    assert re.search(rf"^\s*Sociaal domein\s+{count}\s+{percent}%\s*$", text, re.MULTILINE)
    # The methods: dates, questionnaire version, response rate, the small-number rule, sources.
    assert "1 december 2023" in flat and "31 januari 2024" in flat
    assert "versie 2019" in flat
    assert f"{expected.response_percent}% ({expected.respondents} / {expected.labs_known})" in flat
    assert "minder dan 3 datalabs" in flat
    assert "CC BY 4.0" in flat and "Kadaster" in flat and "VNG" in flat


def test_pdf_has_the_map_lists_and_the_dos(fixture_pdf):
    flat = squeeze(pdf_text(fixture_pdf))
    for number, name in [(1, "Alkmaar"), (24, "Twente"), (28, "Den Bosch"), (38, "Venlo")]:
        assert f"{number} {name}" in flat
    assert "Begin gewoon!" in flat and "Organiseer draagvlak" in flat


def test_charts_and_map_are_vector_graphics(fixture_pdf):
    assert image_count(fixture_pdf) == 0


def test_synthetic_wave_carries_its_warning_on_every_page(synthetic_wave):
    pdf = render_report(synthetic_wave, "pdf", "nl")
    pages = page_count(pdf)
    assert pages > 5
    for page in range(1, pages + 1):
        assert WARNING_NL in pdf_text(pdf, page=page), f"no warning on page {page}"


def test_real_wave_has_no_fictional_warning(fixture_pdf):
    assert WARNING_NL not in pdf_text(fixture_pdf)


def test_english_pdf(fixture_wave):
    text = squeeze(pdf_text(render_report(fixture_wave, "pdf", "en")))
    for heading in ["Contents", "Introduction", "Data labs on the map", "Findings at a glance"]:
        assert heading in text
    assert "The researchers knew of 16 data labs" in text


def test_wave_without_stored_responses_says_so_instead_of_charts(register):
    wave = Wave.objects.get(slug="2019")
    assert not wave.has_stored_responses
    text = squeeze(pdf_text(render_report(wave, "pdf", "nl")))
    assert (
        "De antwoorden van deze inventarisatie zijn niet in de Datalab Monitor opgeslagen" in text
    )
    assert "Basis: n =" not in text
    assert "De onderzoekers kenden in Nederland 48 datalabs." in text
    assert "hebben 38 datalabs een uitgebreide vragenlijst ingevuld" in text
    assert "een respons van 79%" in text and "Daarna zijn 3 datalabs geïnterviewd" in text


def test_pdf_figures_are_svg_images_with_their_title_and_description_as_alt_text():
    from datalab_monitor.reports.templatetags.report_tags import svg_image

    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">'
        '<title>Kaart "A" &amp; B</title><desc>Twee <tspan>labs</tspan>.</desc>'
        '<rect width="4" height="4"/></svg>'
    )
    html = str(svg_image(svg))
    assert html.startswith('<img src="data:image/svg+xml;base64,')
    assert 'alt="Kaart &quot;A&quot; &amp; B Twee labs."' in html
    assert 'width="40" height="20"' in html
    untitled = str(svg_image('<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>'))
    assert 'alt=""' in untitled


def test_pdf_loads_nothing_from_outside_the_document(fixture_wave, monkeypatch):
    from weasyprint.urls import FatalURLFetchingError

    from datalab_monitor.reports import render

    original = render.render_report_html

    def with_external_image(report, *, for_pdf=False):
        html = original(report, for_pdf=for_pdf)
        return html.replace("<main>", '<main><img src="http://127.0.0.1:9/x.png" alt="x">', 1)

    monkeypatch.setattr(render, "render_report_html", with_external_image)
    with pytest.raises(FatalURLFetchingError):
        render_report(fixture_wave, "pdf", "nl")
