"""The HTML report opens in a browser with the network cut off, and shows every section."""

from __future__ import annotations

import pytest

from datalab_monitor.reports.render import render_report
from tests.browser.support import chromium


@pytest.mark.browser
@pytest.mark.django_db
def test_html_report_works_offline(fixture_wave, tmp_path):
    path = tmp_path / "rapport.html"
    path.write_bytes(render_report(fixture_wave, "html", "nl"))
    requested: list[str] = []
    with chromium() as browser:
        context = browser.new_context(offline=True)
        page = context.new_page()
        page.on("request", lambda request: requested.append(request.url))
        page.goto(path.as_uri())
        headings = page.locator("h2").all_inner_texts()
        map_box = page.locator("#map svg").first.bounding_box()
        chart_boxes = [box.bounding_box() for box in page.locator(".chart svg").all()]
    assert requested == [path.as_uri()]  # nothing but the file itself
    for heading in [
        "Inleiding",
        "Datalabs in kaart",
        "Bevindingen in beeld",
        "Verantwoording en colofon",
    ]:
        assert heading in headings
    assert map_box and map_box["width"] > 300
    assert len(chart_boxes) == 5 and all(box and box["height"] > 100 for box in chart_boxes)
