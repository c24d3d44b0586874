"""The FTE chart's trend: class shares, median and mean between a 2019 and a 2026 wave."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from datalab_monitor.results.services import wave_findings

pytestmark = pytest.mark.django_db

# 2019 wave, n = 10 (+1 missing): classes 0: 3, >0-1: 3, >1-2: 1, >2-5: 3 (3, 4, 5), >5: 0;
# median 1, mean 16.5 / 10 = 1.65.
BEFORE = [0, 0, 0, 0.5, 1, 1, 2, 3, 4, 5]
# 2026 wave, n = 12 (+2 missing): classes 0: 3, >0-1: 3 (0.5, 0.6, 1), >1-2: 3 (1.4, 2, 2),
# >2-5: 1, >5: 2; median (1 + 1.4) / 2 = 1.2, mean 23.5 / 12 = 1.9583.
AFTER = [0, 0, 0, 0.5, 0.6, 1, 1.4, 2, 2, 3, 6, 7]
CLASSES = ["0", "0-1", "1-2", "2-5", "5+"]


def _wave(make_wave, slug, values, *, version="2019", previous=None, missing=0):
    """A wave whose first labs answered ``values`` for FTE and ``missing`` more did not."""
    from datalab_monitor.inventory.models import Response
    from datalab_monitor.questionnaire.mapping import map_answers
    from datalab_monitor.registry.models import Datalab
    from tests.results.conftest import answers_for

    wave = make_wave(slug, previous=previous, labs=0)
    wave.questionnaire_version = version
    wave.save()
    labs = list(Datalab.objects.order_by("number")[: len(values) + missing])
    for lab, value in zip(labs, [*values, *([None] * missing)], strict=True):
        answers = answers_for(lab.number)
        if value is None:
            del answers["fte_own"]
        else:
            answers["fte_own"] = value
        if version != "2019":
            answers = map_answers(answers, "2019", version).answers
        Response.objects.create(wave=wave, lab=lab, status="submitted", answers=answers)
    return wave


@pytest.fixture
def waves(make_wave):
    before = _wave(make_wave, "fte-2019", BEFORE, missing=1)
    after = _wave(make_wave, "fte-2026", AFTER, version="2026", previous=before, missing=2)
    return before, after


def _fte_table(wave, **kwargs):
    found = wave_findings(wave, **kwargs)
    return {t.topic: t for t in found.trend.tables}["fte"]


def test_researcher_view_is_exact(waves):
    _before, after = waves
    table = _fte_table(after, exact=True)
    assert (table.previous_base, table.current_base) == (10, 12)  # missing answers left out
    shown = [(r.previous_display, r.current_display, r.change_display) for r in table.rows]
    assert shown == [
        ("30%", "25%", "-5"),
        ("30%", "25%", "-5"),
        ("10%", "25%", "+15"),
        ("30%", "8%", "-22"),
        ("0%", "17%", "+17"),
    ]
    assert table.rows[3].change == 8 - 30  # between the shares as shown
    median, mean = table.summary_rows
    assert (median.previous_display, median.current_display) == ("1,0", "1,2")
    assert median.change == pytest.approx(0.2) and median.change_display == "+0,2"
    # 1.65 and 1.9583 are shown as 1,7 and 2,0 (half up): the change shown is theirs
    assert (mean.previous_display, mean.current_display) == ("1,7", "2,0")
    assert mean.change == pytest.approx(0.3) and mean.change_display == "+0,3"


def test_public_view_protects_both_waves(waves):
    """Each wave's classes are shown as that wave's own one-way table publishes them."""
    before, after = waves
    table = _fte_table(after)
    then = [r.count_display for r in wave_findings(before).chart("fte").table]
    now = [r.count_display for r in wave_findings(after).chart("fte").table]
    # 2019: class >1-2 has 1 lab ("< 3"), so two more classes are hidden ("x"); 2026: 1 and 2
    assert then == ["x", "x", "< 3", "3", "0"] and now == ["3", "3", "3", "< 3", "< 3"]
    shown = [(r.previous_display, r.current_display, r.change_display) for r in table.rows]
    assert shown == [
        ("x", "25%", "x"),
        ("x", "25%", "x"),
        ("< 3", "25%", "x"),
        ("30%", "< 3", "x"),
        ("0%", "< 3", "x"),
    ]
    assert all(r.change is None for r in table.rows)  # no change from a hidden share
    # publicly only the mean (both waves have at least 3 labs); never the median
    assert [r.label for r in table.summary_rows] == ["Gemiddelde FTE"]
    assert [r.change_display for r in table.summary_rows] == ["+0,3"]


def test_change_published_when_both_classes_are(make_wave):
    """With all classes of 3 or more labs, every change is shown, in percentage points."""
    big = [0, 0, 0, 1, 1, 1, 2, 2, 2, 5, 5, 5, 6, 6, 6]  # 3 per class (n = 15)
    before = _wave(make_wave, "fte-big-2019", big)
    after = _wave(make_wave, "fte-big-2026", big[:-3] + [1, 1, 1], version="2026", previous=before)
    table = _fte_table(after)
    shown = [(r.previous_display, r.current_display, r.change_display) for r in table.rows]
    assert shown == [
        ("20%", "20%", "0"),
        ("20%", "40%", "+20"),
        ("20%", "20%", "0"),
        ("20%", "20%", "0"),
        ("20%", "0%", "-20"),
    ]
    (mean,) = table.summary_rows
    # mean of 15: 42 / 15 = 2.8 then, 27 / 15 = 1.8 now
    assert (mean.previous_display, mean.current_display, mean.change_display) == (
        "2,8",
        "1,8",
        "-1,0",
    )


def test_median_and_mean_of_fewer_than_three_labs_not_published(make_wave):
    before = _wave(make_wave, "fte-few-2019", [1, 4])
    after = _wave(make_wave, "fte-few-2026", AFTER, version="2026", previous=before)
    table = _fte_table(after)
    # two labs before: that wave publishes nothing of the question ("–"), nor does the trend
    assert all(r.previous_display == "–" and r.change_display == "x" for r in table.rows)
    for row in table.summary_rows:
        assert (row.previous_display, row.change_display, row.change) == ("–", "–", None)
        assert row.current_display != "–"
    exact = _fte_table(after, exact=True)
    assert exact.summary_rows[0].previous_display == "2,5"  # median of 1 and 4
    assert exact.rows[1].previous_display == "50%"


def test_no_fte_trend_when_nobody_answered_before(make_wave):
    before = _wave(make_wave, "fte-none-2019", [], missing=5)
    after = _wave(make_wave, "fte-none-2026", AFTER, version="2026", previous=before)
    topics = [t.topic for t in wave_findings(after, exact=True).trend.tables]
    assert "domains" in topics and "fte" not in topics


def _trend_cells(page: str, caption_start: str) -> list[str]:
    trend = page.split('id="trend"')[1]
    table = trend.split(caption_start)[1].split("</table>")[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", table)
    cells = [re.sub(r'<span class="dm-visually-hidden">[^<]*</span>', "", c) for c in cells]
    return [re.sub(r"<[^>]+>", "", c).replace("&lt;", "<") for c in cells]


def test_page_shows_the_fte_trend(client, staff_client, waves):
    _before, after = waves
    page = client.get(reverse("results:wave", args=[after.slug])).content.decode()
    title = "Hoeveel FTE&#x27;s hebben de datalabs?"
    assert f"{title} (n = 10 toen, 12 nu)" in page
    assert f"{title}: gemiddelde (n = 10 toen, 12 nu)" in page
    table = _fte_table(after)
    expected = [
        v for r in table.rows for v in (r.previous_display, r.current_display, r.change_display)
    ]
    assert _trend_cells(page, f"{title} (n = 10") == expected
    assert _trend_cells(page, f"{title}: gemiddelde") == ["1,7", "2,0", "+0,3"]
    assert "Mediaan FTE" not in page and "Verandering (FTE)" in page
    assert "Een gemiddelde van minder dan 3 datalabs" in page
    assert "De mediaan wordt nooit gepubliceerd" in page
    exact = staff_client.get(reverse("results:researcher", args=[after.slug])).content.decode()
    assert _trend_cells(exact, f"{title} (n = 10")[:3] == ["30%", "25%", "-5"]
    client.cookies["django_language"] = "en"
    english = client.get(
        reverse("results:wave", args=[after.slug]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "How many FTE do the data labs have?: mean (n = 10 then, 12 now)" in english
    assert "Mean FTE" in english and "Median FTE" not in english
