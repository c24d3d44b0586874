"""The attacker reads a wave as the public gets it: the per-chart CSVs and breakdown CSVs that
the findings pages link to, checked against the page tables, the open data and the report, and
attacks it with findings.audit (integer programming)."""

from __future__ import annotations

import csv
import io

from datalab_monitor.findings.audit import AuditReport, PublishedQuestion, attack
from datalab_monitor.findings.classes import CLASSES_BY_TOPIC
from datalab_monitor.findings.publication import exclusive_indexes
from datalab_monitor.findings.statistics import class_bounds
from datalab_monitor.opendata.findings import findings_rows
from datalab_monitor.results.services import wave_findings


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def published_questions(wave) -> list[PublishedQuestion]:
    """Every chart of ``wave`` as the public sees it, read from its CSV files."""
    public = wave_findings(wave)
    exact = wave_findings(wave, exact=True)
    questionnaire = wave.questionnaire()
    opendata = {(r["topic"], r["category_code"]): r for r in findings_rows(wave)}
    found = []
    for chart in public.charts:
        question = questionnaire.question(chart.question)
        lines = _rows(chart.csv_text)
        # the CSV, the page's table and the open data show every number the same way
        assert [r["count"] for r in lines] == [row.count_display for row in chart.table]
        for line, row in zip(lines, chart.table, strict=True):
            data = opendata[(chart.topic, row.code)]
            assert data["count_display"] == line["count"]
            assert (data["percent"] is None) == (line["percent"] == "")
            if data["percent"] is not None:
                assert f"{data['percent']:.0f}" == line["percent"]
                assert row.percent_display == f"{line['percent']}%"
        multiple = question.type.value == "multiple"
        published = PublishedQuestion(
            name=f"{wave.slug}/{chart.topic}",
            base=chart.base_n,
            multiple=multiple,
            headline=[r["count"] for r in lines],
            exclusive=exclusive_indexes(question) if multiple else (),
        )
        if chart.breakdown is not None:
            cells = _rows(chart.breakdown.csv_text)
            groups = list(dict.fromkeys((c["group_code"], int(c["group_base"])) for c in cells))
            assert [b for _label, b in chart.breakdown.columns] == [b for _c, b in groups]
            assert all(b >= public.min_cell for _c, b in groups), "a column of too few labs"
            published.column_bases = [b for _c, b in groups]
            codes = list(dict.fromkeys(c["code"] for c in cells))
            by_cell = {(c["code"], c["group_code"]): c["count"] for c in cells}
            published.grid = [[by_cell[(code, g)] for g, _b in groups] for code in codes]
            assert [cells for _label, cells in chart.breakdown.rows] == published.grid
            published.remainder_base = chart.base_n - sum(published.column_bases)
        classes = CLASSES_BY_TOPIC.get(question.topic or "")
        assert set(chart.summary) <= {"mean"}, "a public median or quartile"
        if chart.summary.get("mean") is not None and classes is not None:
            published.mean = chart.summary["mean"]
            published.class_bounds = class_bounds(classes, question.minimum, question.maximum)
            published.true_classes = [r.count for r in exact.chart(chart.topic).table]
        found.append(published)
    return found


def attack_wave(wave) -> AuditReport:
    report = AuditReport()
    min_cell = wave_findings(wave).min_cell
    for published in published_questions(wave):
        report.add(attack(published, min_cell))
    return report


def assert_trend_adds_nothing(wave) -> int:
    """Every share of the trend table is shown exactly as (or hidden wherever) the chart of its
    own wave shows it; returns the number of trend cells checked."""
    found = wave_findings(wave)
    previous = wave_findings(wave.previous_wave)
    checked = 0
    for table in found.trend.tables:
        now = {row.label: row for row in found.chart(table.topic).table}
        try:
            then_chart = previous.chart(table.topic)
        except StopIteration:
            then_chart = None
        then = {row.label: row for row in then_chart.table} if then_chart else {}
        for row in table.rows:
            assert row.current_display in (
                now[row.label].percent_display,
                now[row.label].count_display,
            )
            if row.label in then and then[row.label].hidden:
                assert row.previous_display in ("x", "–") or row.previous_display.startswith("<")
            elif row.label in then and not row.previous_display.startswith(("x", "–", "<")):
                assert row.previous_display == then[row.label].percent_display
            if row.change is not None:
                assert not row.previous_display.startswith(("x", "–", "<"))
            checked += 1
    return checked
