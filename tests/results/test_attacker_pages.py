"""The attacker against what the findings pages, CSVs, open data and report publish."""

from __future__ import annotations

import pytest

from datalab_monitor.results.services import wave_findings

from .attack_pages import attack_wave

pytestmark = pytest.mark.django_db
THRESHOLDS = (3, 5)


def _assert_safe(wave, scenario: str):
    report = attack_wave(wave)
    print(f"{scenario}: {report}")
    assert report.disclosures == [], report.disclosures
    return report


@pytest.mark.parametrize("min_cell", THRESHOLDS)
def test_demo_wave(register, settings, min_cell):
    from datalab_monitor.inventory.demo import create_demo_wave

    settings.DATALAB_MIN_CELL = min_cell
    wave = create_demo_wave().wave
    report = _assert_safe(wave, f"demo wave, min_cell {min_cell}")
    assert report.attacked > 0
    found = wave_findings(wave)
    assert len(found.charts) == 5 and not any(c.withheld for c in found.charts)


def _small_wave(make_wave, slug, numbers, answers=None):
    from datalab_monitor.inventory.models import Response
    from datalab_monitor.registry.models import Datalab
    from tests.results.conftest import answers_for

    wave = make_wave(slug, labs=0)
    for lab in Datalab.objects.filter(number__in=numbers):
        found = answers_for(lab.number)
        found.update((answers or {}).get(lab.number, {}))
        Response.objects.create(wave=wave, lab=lab, status="submitted", answers=found)
    return wave


@pytest.mark.parametrize("min_cell", THRESHOLDS)
@pytest.mark.parametrize("n", [2, 3, 4])
def test_waves_of_a_few_labs(make_wave, settings, n, min_cell):
    settings.DATALAB_MIN_CELL = min_cell
    values = {1: 0.4, 2: 1.2, 3: 0.4, 4: 3}
    wave = _small_wave(
        make_wave, f"few-{n}", range(1, n + 1), {k: {"fte_own": v} for k, v in values.items()}
    )
    _assert_safe(wave, f"{n} labs, min_cell {min_cell}")
    fte = wave_findings(wave).chart("fte")
    if n < min_cell:
        assert fte.withheld and fte.statement is None and not fte.summary
        assert all(row.count_display == "–" for row in fte.table)


@pytest.mark.parametrize("min_cell", THRESHOLDS)
def test_a_category_of_one_lab_and_everyone_ticking_none(make_wave, settings, min_cell):
    """The register's one DataHub lab answers; all labs tick "Geen" as partners."""
    from datalab_monitor.registry.models import Datalab

    settings.DATALAB_MIN_CELL = min_cell
    datahub = Datalab.objects.filter(category__code="datahub").values_list("number", flat=True)
    numbers = [*range(1, 9), *datahub]
    answers = {k: {"partners": ["none"]} for k in numbers}
    wave = _small_wave(make_wave, "geen", numbers, answers)
    _assert_safe(wave, f"DataHub + all 'Geen', min_cell {min_cell}")
    for chart in wave_findings(wave).charts:
        if chart.breakdown is not None:
            assert "DataHub" not in [label for label, _b in chart.breakdown.columns]


@pytest.mark.parametrize("min_cell", THRESHOLDS)
def test_trend_tables_against_the_earlier_wave(make_wave, settings, min_cell):
    """A small earlier wave (hidden cells) and a full one: the trend shows no share of either
    wave that its own page hides, and both waves withstand the attacker."""
    from .attack_pages import assert_trend_adds_nothing

    settings.DATALAB_MIN_CELL = min_cell
    before = _small_wave(make_wave, "trend-before", range(1, 8))
    after = make_wave("trend-after", previous=before)
    _assert_safe(before, f"earlier wave, min_cell {min_cell}")
    _assert_safe(after, f"later wave, min_cell {min_cell}")
    assert assert_trend_adds_nothing(after) > 0
