"""A report of a wave that is not published says "concept — niet gepubliceerd" on every page and
in its metadata; a published wave's report does not. Counts in the key figures are pluralised."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from datalab_monitor.inventory.models import Wave
from datalab_monitor.reports.render import render_report

from .pdf import page_count, pdf_info, pdf_text

CONCEPT_NL = "concept — niet gepubliceerd"
CONCEPT_EN = "draft — not published"

pytestmark = pytest.mark.django_db


def unpublish(wave: Wave, status: str = Wave.Status.CLOSED) -> Wave:
    wave.status = status
    wave.save(update_fields=["status"])
    return wave


def test_concept_pdf_is_marked_on_every_page_and_in_its_metadata(fixture_wave, tmp_path):
    unpublish(fixture_wave)
    target = tmp_path / "concept.pdf"
    stderr = io.StringIO()
    call_command(
        "report", wave=fixture_wave.slug, format="pdf", lang="nl", output=str(target), stderr=stderr
    )
    pdf = target.read_bytes()
    pages = page_count(pdf)
    assert pages > 5
    for page in range(1, pages + 1):
        assert CONCEPT_NL in pdf_text(pdf, page=page).lower(), f"no concept marker on page {page}"
    info = pdf_info(pdf)
    assert CONCEPT_NL in info["Title"].lower()
    assert CONCEPT_NL in info["Keywords"] and CONCEPT_NL in info["Subject"]
    assert "not published" in stderr.getvalue()


@pytest.mark.parametrize("status", [Wave.Status.DRAFT, Wave.Status.OPEN, Wave.Status.CLOSED])
def test_concept_html_has_a_banner_title_and_keywords_in_english_too(fixture_wave, status):
    unpublish(fixture_wave, status)
    html = render_report(fixture_wave, "html", "en").decode()
    assert '<p class="concept-banner" role="note">Draft — not published</p>' in html
    assert "<title>Draft — not published: " in html
    assert f'<meta name="keywords" content="{CONCEPT_EN}">' in html
    dutch = render_report(fixture_wave, "html", "nl").decode()
    assert "<title>Concept — niet gepubliceerd: " in dutch


def test_synthetic_concept_carries_both_notices(synthetic_wave):
    unpublish(synthetic_wave)
    html = render_report(synthetic_wave, "html", "nl").decode()
    assert "Fictieve gegevens: demo-antwoorden, geen echte datalabs · concept — niet" in html


def test_a_published_report_is_not_marked(fixture_wave):
    assert fixture_wave.status == Wave.Status.PUBLISHED
    html = render_report(fixture_wave, "html", "nl").decode()
    assert CONCEPT_NL not in html.lower() and "concept-banner" not in html.split("<body", 1)[1]


def test_key_figures_are_pluralised(fixture_wave):
    first = fixture_wave.responses.order_by("lab__number").first()
    fixture_wave.responses.exclude(pk=first.pk).delete()
    fixture_wave.labs_known = 1
    fixture_wave.interviews_held = 1
    fixture_wave.save()
    english = render_report(fixture_wave, "html", "en").decode()
    for label in ("data lab known", "questionnaire received", "interview held"):
        assert f'<span class="key-figures__label">{label}</span>' in english
    assert "questionnaires received" not in english
    dutch = render_report(fixture_wave, "html", "nl").decode()
    assert '<span class="key-figures__label">ingevulde vragenlijst</span>' in dutch
