"""The demo wave (fictional, consistent with the publication), codebook pages, export commands."""

from __future__ import annotations

import csv
import io
from collections import Counter

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from pyxform.xls2xform import convert

from datalab_monitor.inventory.demo import DEMO_SLUG, create_demo_wave
from datalab_monitor.inventory.models import Response, ResponseRevision, Wave
from datalab_monitor.questionnaire import load_version
from datalab_monitor.registry.models import Datalab

pytestmark = pytest.mark.django_db

NOTICE = "Fictieve gegevens:"


@pytest.fixture
def demo(register):
    call_command("demo", stdout=io.StringIO())
    return Wave.objects.get(slug=DEMO_SLUG)


def ticked(responses, question: str) -> Counter:
    return Counter(code for r in responses for code in r.answers.get(question, []))


def test_demo_wave_has_38_valid_submitted_responses_one_per_lab(demo):
    assert (demo.year, demo.questionnaire_version, demo.status) == (2019, "2019", "published")
    assert demo.is_synthetic and demo.labs_known == 48 and demo.interviews_held == 3
    responses = list(demo.responses.all())
    assert len(responses) == 38 == Datalab.objects.count()
    assert {r.lab_id for r in responses} == set(Datalab.objects.values_list("pk", flat=True))
    questionnaire = load_version("2019")
    for response in responses:
        assert response.status == "submitted" and response.source == "demo"
        cleaned, errors = questionnaire.validate(response.answers)
        assert errors == {} and cleaned == response.answers


def test_demo_answers_agree_with_the_publication(demo):
    responses = list(demo.responses.all())
    n = len(responses)
    domains = ticked(responses, "domains")
    assert domains["social"] / n > 0.25  # "meer dan een kwart ... sociaal domein"
    assert domains.most_common(1)[0][0] == "social"  # "het sociaal domein overheerst"
    analyses = ticked(responses, "analysis_types")
    assert analyses["descriptive"] > analyses["diagnostic"] > analyses["predictive"]
    assert analyses["predictive"] > analyses["prescriptive"]
    fte = [r.answers["fte_own"] for r in responses]
    assert sum(1 for value in fte if value < 1) / n >= 0.75  # little or no own FTE
    assert sum(1 for value in fte if value == 0) / n >= 0.4
    funding = ticked(responses, "funding")
    assert funding["general_funds"] < n / 4  # little structural funding
    assert funding["none"] + funding["project_basis"] > n / 2
    partners = ticked(responses, "partners")
    assert partners["cbs"] > 0 and partners["universities"] > 0


def test_demo_is_idempotent_and_seeded(demo):
    before = {r.lab_id: (r.answers, r.version) for r in demo.responses.all()}
    revisions = ResponseRevision.objects.filter(response__wave=demo).count()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "0 created, 0 changed, 38 unchanged" in out.getvalue()
    assert {r.lab_id: (r.answers, r.version) for r in demo.responses.all()} == before
    assert ResponseRevision.objects.filter(response__wave=demo).count() == revisions
    assert Wave.objects.filter(slug=DEMO_SLUG).count() == 1
    # Another seed gives other answers, in another wave when asked.
    other = create_demo_wave("demo-other", seed=7)
    assert other.created == 38
    other_answers = {r.lab_id: r.answers for r in other.wave.responses.all()}
    assert other_answers != {lab: answers for lab, (answers, _) in before.items()}


def test_every_page_showing_the_demo_wave_says_it_is_fictional(demo, admin_client):
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    lab = Datalab.objects.order_by("number").first()
    response = Response.objects.get(wave=demo, lab=lab)
    pages = [
        reverse("inventory:wave-detail", args=[demo.slug]),
        reverse("inventory:response-detail", args=[demo.slug, lab.number]),
        reverse("admin:inventory_wave_change", args=[demo.pk]),
        reverse("admin:inventory_response_change", args=[response.pk]),
    ]
    for url in pages:
        html = admin_client.get(url).content.decode()
        assert NOTICE in html, url
    monitor = admin_client.get(pages[0]).content.decode()
    assert (
        "Van de 48 datalabs die bekend waren toen deze ronde liep, hebben er 38 verzonden (79%)."
        in monitor
    )
    listing = admin_client.get(reverse("inventory:wave-list")).content.decode()
    assert "Fictieve gegevens" in listing
    # A real wave's page has no such notice.
    real = admin_client.get(reverse("inventory:wave-detail", args=["2019"])).content.decode()
    assert NOTICE not in real


def test_synthetic_notice_snippet_for_other_apps(demo):
    from django.template.loader import render_to_string

    assert NOTICE in render_to_string("inventory/_synthetic_notice.html", {"wave": demo})
    real = Wave.objects.get(slug="2019")
    assert render_to_string("inventory/_synthetic_notice.html", {"wave": real}).strip() == ""


def test_codebook_page_and_csv(client, register):
    html = client.get(reverse("inventory:codebook", args=["2026"])).content.decode()
    assert "Codeboek van vragenlijst 2026" in html
    assert "spatial_planning" in html and "Ruimtelijke ordening" in html and "Housing" in html
    response = client.get(reverse("inventory:codebook-csv", args=["2026"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    housing = next(r for r in rows if r["option_code"] == "housing")
    assert housing["previous"] == "spatial" and housing["label_nl"] == "Wonen"
    assert client.get(reverse("inventory:codebook", args=["1999"])).status_code == 404
    index = client.get(reverse("inventory:codebook-index")).content.decode()
    assert "Vragenlijst 2019" in index and "Vragenlijst 2026" in index


def test_export_xlsform_command(tmp_path):
    target = tmp_path / "form.xlsx"
    out = io.StringIO()
    call_command("export_xlsform", "--version", "2019", "-o", str(target), stdout=out)
    assert target.is_file() and "2019" in out.getvalue()
    assert "<h:title>" in convert(xlsform=str(target)).xform
