"""The public API for the report: wave_findings on a fixture wave."""

from __future__ import annotations

import pytest

from datalab_monitor.results.adapters import responses_frames
from datalab_monitor.results.services import wave_findings

pytestmark = pytest.mark.django_db


def test_key_figures_and_five_charts(make_wave):
    wave = make_wave()
    found = wave_findings(wave)
    assert found.key_figures.labs_known == 48
    assert found.key_figures.questionnaires_received == 38
    assert found.key_figures.response_percent == 79
    per_category = {c.code: c.count for c in found.key_figures.per_category}
    # DataHub has one lab: never a category of its own in public; with the smallest other
    # category, so that it cannot be told from the total either
    assert per_category == {"internal": 14, "regional": 13, "other-categories": 11}
    assert found.key_figures.merged_categories == ["DataHub", "Urban/Rural Data Center"]
    exact = {c.code: c.count for c in wave_findings(wave, exact=True).key_figures.per_category}
    assert exact == {"internal": 14, "regional": 13, "datahub": 1, "data-center": 10}
    assert [c.topic for c in found.charts] == [
        "partners",
        "analysis_types",
        "domains",
        "improvements",
        "fte",
    ]
    for chart in found.charts:
        assert chart.svg.startswith("<svg") and 'role="img"' in chart.svg
        assert "<text" in chart.svg and chart.table and chart.csv_text
    domains = found.chart("domains")
    assert domains.base_n == 37 and domains.missing == 1
    social = next(r for r in domains.table if r.code == "social")
    # labs not divisible by 3 among 1..37: 25
    assert social.count == 25 and round(social.percent) == 68
    assert domains.statement == (
        "Een ruime meerderheid van de datalabs werkt binnen het sociaal domein."
    )
    assert wave_findings(wave, language="en").chart("domains").statement == (
        "A clear majority of the data labs work in the social domain."
    )


def test_small_cells_hidden_in_public_exact_for_researchers(make_wave):
    wave = make_wave()
    public = wave_findings(wave).chart("partners")
    province = next(r for r in public.table if r.code == "province")
    assert province.count is None and province.count_display == "< 3"
    assert public.suppressed and not public.other_texts
    exact = wave_findings(wave, exact=True).chart("partners")
    province = next(r for r in exact.table if r.code == "province")
    assert province.count == 1
    assert exact.other_texts == [("Alkmaar", "Waterschap Testland")]
    # the datahub category has one lab: it never has a breakdown column of its own
    if public.breakdown is None:
        assert public.breakdown_withheld
    else:
        assert "DataHub" not in [label for label, _base in public.breakdown.columns]
        assert public.breakdown.left_out == ["DataHub"] or "DataHub" in public.breakdown.merged


def test_published_breakdowns_cannot_be_recomputed(make_wave):
    from .attack_pages import attack_wave

    wave = make_wave()
    assert len(responses_frames(wave).respondents) == 38
    report = attack_wave(wave)
    assert report.attacked and report.disclosures == []


def test_demo_wave_publishes_most_breakdowns(register):
    """The demo's DataHub category has one lab: it gets no column; rows, not whole
    breakdowns, are withheld."""
    from datalab_monitor.inventory.demo import create_demo_wave

    wave = create_demo_wave().wave
    public = wave_findings(wave)
    published = [c.topic for c in public.charts if c.breakdown is not None]
    assert len(public.charts) == 5
    assert len(published) >= 3, published
    for chart in public.charts:
        assert not chart.withheld and not any(
            r.hidden and r.status == "withheld" for r in chart.table
        )
        if chart.breakdown is not None:
            assert "DataHub" not in [label for label, _base in chart.breakdown.columns]
            assert "DataHub" in chart.breakdown.merged


def test_trend_with_previous_wave(make_wave):
    before = make_wave("before", labs=20)
    after = make_wave("after", previous=before)
    found = wave_findings(after)
    assert found.trend is not None and found.trend.previous_slug == "before"
    domains = next(t for t in found.trend.tables if t.topic == "domains")
    social = next(r for r in domains.rows if r.label == "Sociaal domein")
    # before: labs 1..20 not divisible by 3 = 14 of 20 (70 %); after 25 of 37 (67.6 %)
    assert social.previous_display == "70%" and social.current_display == "68%"
    assert social.change == -2  # the change between the shares as shown
    assert social.change_display == "-2"
    province = next(
        r
        for r in next(t for t in found.trend.tables if t.topic == "partners").rows
        if r.label == "Provincie"
    )
    assert province.change_display == "x"  # a "< 3" cell has no published change


def test_cache_follows_changes(make_wave):
    from datalab_monitor.inventory.models import Response

    wave = make_wave()
    first = wave_findings(wave, exact=True).chart("analysis_types")
    response = Response.objects.get(wave=wave, lab__number=2)
    response.answers = {**response.answers, "analysis_types": ["diagnostic"]}
    response.save()
    second = wave_findings(wave, exact=True).chart("analysis_types")
    descriptive = [next(r for r in c.table if r.code == "descriptive") for c in (first, second)]
    assert (descriptive[0].count, descriptive[1].count) == (38, 37)


def test_min_cell_from_settings(make_wave, settings):
    settings.DATALAB_MIN_CELL = 10
    found = wave_findings(make_wave())
    assert found.min_cell == 10
    predictive = next(r for r in found.chart("analysis_types").table if r.code == "predictive")
    assert predictive.count_display == "< 10"  # 9 labs (4, 8, ..., 36)


def test_trend_across_questionnaire_versions(make_wave):
    """A 2026 wave compared with a 2019 wave through the version mapping."""
    from datalab_monitor.inventory.models import Response
    from datalab_monitor.questionnaire.mapping import map_answers
    from datalab_monitor.registry.models import Datalab
    from tests.results.conftest import answers_for

    before = make_wave("v2019")
    after = make_wave("v2026", previous=before, labs=0)
    after.questionnaire_version = "2026"
    after.save()
    for lab in Datalab.objects.all():
        mapped = map_answers(answers_for(lab.number), "2019", "2026").answers
        Response.objects.create(wave=after, lab=lab, status="submitted", answers=mapped)
    found = wave_findings(after, exact=True)
    assert [c.topic for c in found.charts] == [
        "partners",
        "analysis_types",
        "domains",
        "improvements",
        "fte",
    ]
    assert found.chart("fte").question == "fte_dedicated"
    domains = {t.topic: t for t in found.trend.tables}["domains"]
    # "spatial" was split into two options: neither can be compared on its own
    assert {"Ruimtelijke ordening", "Wonen"} <= set(domains.not_comparable)
    social = next(r for r in domains.rows if r.label == "Sociaal domein")
    assert social.change == pytest.approx(0)  # the same answers, mapped


def test_cache_follows_a_lab_changing_category(make_wave):
    from datalab_monitor.registry.models import Category, Datalab

    wave = make_wave()

    def per_category():
        found = wave_findings(wave, exact=True).key_figures.per_category
        return {c.code: c.count for c in found}

    before = per_category()
    lab = Datalab.objects.get(number=1)
    lab.category = Category.objects.get(code="datahub")
    lab.save()
    after = per_category()
    assert after["datahub"] == before["datahub"] + 1
    assert after["internal"] == before["internal"] - 1
