"""Findings pages: public (protected) vs researcher (exact), CSV, synthetic warning."""

from __future__ import annotations

import csv
import io
import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_index_lists_published_waves(client, make_wave):
    make_wave("shown")
    make_wave("hidden", status="closed")
    page = client.get(reverse("results:index")).content.decode()
    assert "Testmeting shown" in page and "Testmeting hidden" not in page


def test_public_findings_page(client, make_wave):
    wave = make_wave()
    response = client.get(reverse("results:wave", args=[wave.slug]))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('role="img"') == 5
    assert "&lt; 3" in page  # the province cell of one lab
    assert "Waterschap Testland" not in page  # other-texts are for researchers only
    assert "Bescherming van kleine aantallen" in page or "Small-number protection" in page
    assert "n = 38" in page
    assert "dm-synthetic-notice" not in page
    for topic in ("partners", "analysis_types", "domains", "improvements", "fte"):
        assert reverse("results:csv", args=[wave.slug, topic]) in page
    # every table has a caption
    assert page.count("<table") == page.count("<caption")


def test_researcher_view_needs_staff(client, staff_client, make_wave):
    wave = make_wave()
    url = reverse("results:researcher", args=[wave.slug])
    assert client.get(url).status_code == 302
    page = staff_client.get(url).content.decode()
    assert "Waterschap Testland" in page
    # the province row shows its exact count
    assert re.search(r"Provincie</th><td[^>]*>1</td>", page)


def test_csv_download(client, staff_client, make_wave):
    wave = make_wave()
    response = client.get(reverse("results:csv", args=[wave.slug, "partners"]))
    assert response["Content-Type"].startswith("text/csv")
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(response.content.decode()))}
    assert rows["province"]["count"] == "< 3" and rows["province"]["percent"] == ""
    assert rows["cbs"]["count"] == "19" and rows["cbs"]["base"] == "38"
    assert client.get(reverse("results:csv", args=[wave.slug, "nope"])).status_code == 404
    exact = staff_client.get(reverse("results:researcher-csv", args=[wave.slug, "partners"]))
    rows = {r["code"]: r for r in csv.DictReader(io.StringIO(exact.content.decode()))}
    assert rows["province"]["count"] == "1"


def test_synthetic_wave_warns(client, make_wave):
    wave = make_wave("demo-test", synthetic=True)
    page = client.get(reverse("results:wave", args=[wave.slug])).content.decode()
    assert "dm-synthetic-notice" in page
    assert "Fictieve demogegevens" in page or "Fictional demo data" in page  # in the charts
    rows = list(
        csv.DictReader(
            io.StringIO(
                client.get(reverse("results:csv", args=[wave.slug, "domains"])).content.decode()
            )
        )
    )
    assert all(r["synthetic"] == "true" for r in rows)


def test_unpublished_wave_only_for_researchers(client, staff_client, make_wave):
    wave = make_wave("closed-wave", status="closed")
    url = reverse("results:wave", args=[wave.slug])
    assert client.get(url).status_code == 404
    assert staff_client.get(url).status_code == 200


def test_wave_without_stored_answers_shows_key_figures(client, register):
    page = client.get(reverse("results:wave", args=["2019"])).content.decode()
    assert "48" in page and "38" in page and 'role="img"' not in page


def test_trend_section(client, make_wave):
    before = make_wave("before", labs=20)
    after = make_wave("after", previous=before)
    page = client.get(reverse("results:wave", args=[after.slug])).content.decode()
    assert 'id="trend"' in page and "Testmeting before" in page


def test_english_page(client, make_wave):
    wave = make_wave()
    client.cookies["django_language"] = "en"
    page = client.get(
        reverse("results:wave", args=[wave.slug]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "A clear majority of the data labs work in the social domain." in page


def test_rendered_numbers_are_the_protected_ones(client, make_wave):
    """Every number cell of the page is what the protection published, in order."""
    from datalab_monitor.results.services import wave_findings

    wave = make_wave()
    page = client.get(reverse("results:wave", args=[wave.slug])).content.decode()
    found = wave_findings(wave, language="nl")
    for chart in found.charts:
        section = page.split(f'<section class="dm-section dm-chart" id="{chart.topic}"')[1]
        section = section.split("</section>")[0]
        cells = [_shown(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", section)]
        expected = [v for row in chart.table for v in (row.count_display, row.percent_display)]
        if chart.breakdown:
            expected += [cell for _label, row in chart.breakdown.rows for cell in row]
        assert cells == expected, chart.topic
        exact = wave_findings(wave, exact=True, language="nl").chart(chart.topic)
        for shown, true in zip(chart.table, exact.table, strict=True):
            assert shown.hidden or shown.count == true.count
            assert not (0 < true.count < found.min_cell) or shown.count_display == "< 3"


def _shown(cell: str) -> str:
    """What a sighted reader sees in a cell ("–" keeps its hidden explanation out)."""
    cell = re.sub(r'<span class="dm-visually-hidden">[^<]*</span>', "", cell)
    return re.sub(r"<[^>]+>", "", cell).replace("&lt;", "<")


def test_withheld_breakdown_rows_are_shown_and_explained(client, staff_client, register):
    from datalab_monitor.inventory.demo import create_demo_wave
    from datalab_monitor.results.services import wave_findings

    wave = create_demo_wave().wave
    found = wave_findings(wave)
    chart = next(c for c in found.charts if c.breakdown and c.breakdown.has_withheld_rows)
    page = client.get(reverse("results:wave", args=[wave.slug])).content.decode()
    section = page.split(f'id="{chart.topic}"')[1].split("</section>")[0]
    assert '<span aria-hidden="true">–</span><span class="dm-visually-hidden">' in section
    assert "niet gepubliceerd" in section
    assert "Rijen met – worden niet uitgesplitst" in section
    assert "wordt niet uitgesplitst (‘–’)" in page  # the page's statement of the rule
    url = reverse("results:breakdown-csv", args=[wave.slug, chart.topic])
    assert url in section
    response = client.get(url)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    withheld = {label for label, cells in chart.breakdown.rows if set(cells) == {"–"}}
    assert withheld
    for row in rows:
        assert row["synthetic"] == "true"
        if row["label"] in withheld:
            assert row["count"] == "–" and row["note"].startswith("niet gepubliceerd")
    shown = [r["count"] for r in rows]
    assert shown == [cell for _label, cells in chart.breakdown.rows for cell in cells]
    exact = staff_client.get(
        reverse("results:researcher-breakdown-csv", args=[wave.slug, chart.topic])
    )
    assert "–" not in exact.content.decode()
    assert (
        client.get(
            reverse("results:researcher-breakdown-csv", args=[wave.slug, chart.topic])
        ).status_code
        == 302
    )
