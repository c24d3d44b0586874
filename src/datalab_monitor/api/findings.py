"""The findings of a published wave as JSON: the same protected numbers as the public page.

Everything comes from ``results.services.wave_findings(wave, exact=False)``, the entry point the
page, the report and the open data use; SVGs, CSV texts and free texts are left out.
"""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.db.models import Count, Max

from datalab_monitor.inventory.models import Response, Wave

RESPONSES = Response._meta.db_table
WAVES = Wave._meta.db_table
# The responses of a wave (by slug) and of its previous wave; the wave's status too.
FINDINGS_STAMP_SQL = (
    f"SELECT w.status, COUNT(r.id), MAX(r.updated_at) FROM {WAVES} w "  # noqa: S608
    f"LEFT JOIN {RESPONSES} r ON r.wave_id = w.id OR r.wave_id = w.previous_wave_id "
    "WHERE w.slug = %s GROUP BY w.status"
)


def findings_stamp(slug: str) -> str:
    """Changes whenever a response of wave ``slug`` or of its previous wave changes."""
    with connection.cursor() as cursor:
        cursor.execute(FINDINGS_STAMP_SQL, [slug])
        row = cursor.fetchone()
    return ":".join(str(value) for value in row) if row else "no-wave"


def responses_stamp() -> str:
    stats = Response.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    return f"{stats['n']}:{stats['last']}"


def _row(row) -> dict[str, Any]:
    return {
        "code": row.code,
        "label": row.label,
        "count": row.count,
        "percent": None if row.percent is None else round(row.percent, 1),
        "countDisplay": row.count_display,
        "percentDisplay": row.percent_display,
        "suppression": row.status,
        "suppressed": row.hidden,
    }


def _breakdown(table) -> dict[str, Any] | None:
    if table is None:
        return None
    return {
        "columns": [{"label": label, "base": base} for label, base in table.columns],
        "rows": [{"label": label, "cells": list(cells)} for label, cells in table.rows],
        "unclassified": table.unclassified,
    }


def _chart(chart) -> dict[str, Any]:
    return {
        "topic": chart.topic,
        "question": chart.question,
        "title": chart.title,
        "base": chart.base_n,
        "statement": chart.statement,
        "suppressed": chart.suppressed,
        "withheld": chart.withheld,
        "breakdownWithheld": chart.breakdown_withheld,
        "missing": chart.missing,
        "notAsked": chart.not_asked,
        "classRule": chart.class_rule,
        "summary": {
            key: None if value is None else float(value) for key, value in chart.summary.items()
        },
        "rows": [] if chart.withheld else [_row(row) for row in chart.table],
        "breakdown": None if chart.withheld else _breakdown(chart.breakdown),
    }


def _trend_row(row) -> dict[str, Any]:
    return {
        "label": row.label,
        "previous": row.previous_display,
        "current": row.current_display,
        "change": row.change_display,
        "changeValue": None if row.change is None else float(row.change),
    }


def _trend(trend) -> dict[str, Any] | None:
    if trend is None:
        return None
    return {
        "previousWave": trend.previous_slug,
        "previousTitle": trend.previous_title,
        "previousIsSynthetic": trend.previous_is_synthetic,
        "tables": [
            {
                "topic": table.topic,
                "title": table.title,
                "previousBase": table.previous_base,
                "currentBase": table.current_base,
                "notComparable": list(table.not_comparable),
                "rows": [_trend_row(row) for row in table.rows],
                "summaryRows": [_trend_row(row) for row in table.summary_rows],
            }
            for table in trend.tables
        ],
    }


def findings_document(findings, wave: Wave) -> dict[str, Any]:
    key = findings.key_figures
    return {
        "wave": wave.slug,
        "title": findings.title,
        "source": findings.source,
        "isSynthetic": findings.is_synthetic,
        "minCell": findings.min_cell,
        "hasResponses": findings.has_responses,
        "keyFigures": {
            "labsKnown": key.labs_known,
            "questionnairesReceived": key.questionnaires_received,
            "responseRate": None if key.response_rate is None else round(key.response_rate, 4),
            "responsePercent": key.response_percent,
            "interviewsHeld": key.interviews_held,
            "perCategory": [
                {"code": c.code, "label": c.label, "count": c.count} for c in key.per_category
            ],
        },
        "charts": [_chart(chart) for chart in findings.charts],
        "trend": _trend(findings.trend),
    }
