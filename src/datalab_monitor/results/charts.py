"""One chart of the findings as published: table, statement, SVG, CSV, breakdown, summary."""

from __future__ import annotations

from django.utils.translation import gettext as _

from datalab_monitor.charts import BarRow
from datalab_monitor.findings import NumberResult, Status
from datalab_monitor.findings.formatting import PERCENT_DECIMALS, rounded_float
from datalab_monitor.findings.publication import Publication
from datalab_monitor.findings.statements import choice_statement, fte_statement
from datalab_monitor.inventory.models import Wave

from .csvfiles import breakdown_csv, chart_csv
from .present import format_percent, hidden_mark
from .published import BreakdownTable, ChartFinding, TableRow
from .svg import chart_svg


def chart_finding(
    wave: Wave,
    frames,
    findings,
    publication: Publication,
    code,
    topic,
    title,
    exact,
    language,
    limit,
) -> ChartFinding:
    result = findings.result(code)
    counts = list(result.classes if isinstance(result, NumberResult) else result.counts)
    rows = [
        _table_row(count, status, language, limit)
        for count, status in zip(counts, publication.counts, strict=True)
    ]
    published = {row.code for row in rows if not row.hidden}
    statement = None
    if not publication.withheld and result.base:
        if isinstance(result, NumberResult):
            statement = fte_statement(result, language, published=published)
        else:
            statement = choice_statement(topic, result, language, published=published)
    base_text = _("n = %(n)s (labs that answered the question)") % {"n": result.base}
    source = wave.tr("source", language) or wave.tr("title", language)
    subtitle = [base_text, _("Source: %(source)s") % {"source": source}]
    if wave.is_synthetic:
        subtitle.append(_("Fictional demo data"))
    label = _("Bar chart: %(title)s (%(base)s). The numbers are in the table below.") % {
        "title": title,
        "base": base_text,
    }
    svg = chart_svg(
        [BarRow(r.label, r.percent, _bar_text(r)) for r in rows],
        title=title,
        subtitle=subtitle,
        axis_title=_("% of the data labs that answered"),
        label=label,
        keep_order=isinstance(result, NumberResult),
    )
    breakdown = None
    if publication.columns is not None and not publication.breakdown_withheld:
        breakdown = _breakdown(findings.crosstabs[code], publication, wave, language, limit)
    summary, rule = _summary(result, publication, exact, language)
    texts = []
    if exact:
        from datalab_monitor.findings.compute import other_texts  # pandas: load on first use

        names = dict(zip(frames.respondents["respondent"], frames.respondents["lab"], strict=True))
        texts = [
            (str(names.get(t.respondent, t.respondent)), t.text) for t in other_texts(frames, code)
        ]
    return ChartFinding(
        topic=topic,
        question=code,
        title=title,
        base_n=result.base,
        statement=statement,
        svg=svg,
        table=rows,
        csv_text=chart_csv(rows, result.base, wave.slug, wave.is_synthetic, limit),
        suppressed=publication.any_hidden,
        missing=result.coverage.missing,
        not_asked=result.coverage.not_asked,
        breakdown=breakdown,
        class_rule=rule,
        summary=summary,
        other_texts=texts,
        withheld=publication.withheld,
        breakdown_withheld=publication.columns is not None and publication.breakdown_withheld,
        statistics_withheld=isinstance(result, NumberResult)
        and not exact
        and not publication.withheld
        and publication.mean is None,
    )


def _table_row(count, status: Status, language: str, limit: int) -> TableRow:
    label = count.category.label.get(language)
    if status.hidden:
        mark = hidden_mark(status, limit)
        return TableRow(count.code, label, None, None, mark, mark, status.value)
    return TableRow(
        count.code,
        label,
        count.count,
        rounded_float(count.percent, PERCENT_DECIMALS),
        str(count.count),
        format_percent(count.percent, language),
    )


def _summary(result, publication: Publication, exact: bool, language: str):
    if not isinstance(result, NumberResult):
        return {}, None
    rule = result.class_rule.get(language) if result.class_rule else None
    if exact:
        summary = {
            "median": result.median,
            "q1": result.q1,
            "q3": result.q3,
            "mean": result.mean,
            "minimum": result.minimum,
            "maximum": result.maximum,
        }
        return summary, rule
    return ({"mean": publication.mean} if publication.mean is not None else {}), rule


def _bar_text(row: TableRow) -> str:
    if row.hidden:
        return row.count_display
    return f"{row.count} ({row.percent_display})"


def _breakdown(crosstab, publication: Publication, wave: Wave, language: str, limit: int):
    columns = publication.columns
    cells = []
    rows = []
    for r, category in enumerate(crosstab.rows):
        label = category.label.get(language)
        shown_row = []
        for c, value in enumerate(columns.counts[r]):
            status = publication.grid[r][c]
            shown = hidden_mark(status, limit) if status.hidden else str(value)
            shown_row.append(shown)
            group = columns.categories[c]
            cells.append(
                (
                    category.code,
                    label,
                    group.code,
                    group.label.get(language),
                    columns.bases[c],
                    shown,
                    status,
                )
            )
        rows.append((label, shown_row))
    return BreakdownTable(
        columns=[
            (c.label.get(language), b)
            for c, b in zip(columns.categories, columns.bases, strict=True)
        ],
        rows=rows,
        unclassified=crosstab.unclassified,
        csv_text=breakdown_csv(cells, wave.slug, wave.is_synthetic, limit),
        merged=[c.label.get(language) for c in columns.merged],
        left_out=[c.label.get(language) for c in columns.left_out],
    )
