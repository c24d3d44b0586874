"""The published findings of waves as open data: exactly the suppressed numbers shown publicly.

One row per answer category of each chart of the report, taken from ``wave_findings`` (the same
protected, rounded figures the pages show). A suppressed number has an empty ``count`` /
``percent`` and ``count_display`` "< 3", "x" or "–"; per-lab answers and free texts never appear.
"""

from __future__ import annotations

from datalab_monitor.inventory.models import Wave

from .tables import CONCEPT_NOTE, Field, Table

FINDINGS_FIELDS = [
    Field("wave_slug", "string", "Identifier of the inventory wave.", True),
    Field("wave_year", "integer", "Year of the wave."),
    Field("wave_is_synthetic", "boolean", "true: FICTIONAL demo data, not real data labs."),
    Field(
        "topic",
        "string",
        "The finding (chart) the row belongs to, e.g. partners, domains, fte.",
        True,
    ),
    Field("question_code", "string", "Question code in the codebook."),
    Field("title", "string", "The chart's question as published."),
    Field("base_n", "integer", "Base: number of labs that answered the question."),
    Field("category_code", "string", "Option code (see the codebook) or class code."),
    Field("category_label", "string", "Label of the option or class as published."),
    Field("count", "integer", "Number of labs; empty when suppressed."),
    Field(
        "count_display",
        "string",
        "The number as published: '< N' fewer than N (min_cell) labs, 'x' hidden so no other number can be worked out, '–' not published (too few labs answered the question).",
    ),
    Field(
        "percent",
        "number",
        "Percentage of the base as published (whole number, rounded half up); empty when suppressed.",
    ),
    Field("suppressed", "boolean", "true when the number is hidden by the small-number rule."),
    Field(
        "suppression",
        "string",
        "published, primary (fewer than min_cell labs), small_group, secondary (hidden so that no other number can be worked out) or withheld (not published at all).",
    ),
    Field("min_cell", "integer", "Small-number rule: numbers based on fewer labs are hidden."),
    Field("language", "string", "Language of the labels (nl)."),
]


def findings_rows(wave: Wave, language: str = "nl") -> list[dict]:
    if not wave.has_stored_responses:
        return []
    from datalab_monitor.results.services import wave_findings

    findings = wave_findings(wave, exact=False, language=language)
    rows = []
    for chart in findings.charts:
        for row in chart.table:
            rows.append(
                {
                    "wave_slug": wave.slug,
                    "wave_year": wave.year,
                    "wave_is_synthetic": wave.is_synthetic,
                    "topic": chart.topic,
                    "question_code": chart.question,
                    "title": chart.title,
                    "base_n": chart.base_n,
                    "category_code": row.code,
                    "category_label": row.label,
                    "count": row.count,
                    "count_display": row.count_display,
                    "percent": row.percent,
                    "suppressed": row.hidden,
                    "suppression": row.status,
                    "min_cell": findings.min_cell,
                    "language": language,
                }
            )
    return rows


def findings_table(waves: list[Wave], language: str = "nl") -> Table:
    rows = [row for wave in waves for row in findings_rows(wave, language)]
    concept = concept_waves(waves)
    table = Table(
        name="findings",
        title=(
            f"Findings of the inventory waves ({CONCEPT_NOTE})"
            if concept
            else "Published findings of the inventory waves"
        ),
        description=(
            "The findings (charts) of each published inventory wave as shown publicly: numbers "
            "based on fewer labs than min_cell are suppressed, with secondary suppression so "
            "that none can be recomputed. Rows of synthetic waves are fictional demo data."
        ),
        fields=FINDINGS_FIELDS,
        rows=rows,
        status_note=f"{CONCEPT_NOTE}: {', '.join(concept)}" if concept else "",
    )
    table.check()
    return table


def concept_waves(waves: list[Wave]) -> list[str]:
    """Slugs of the waves that are not published: their data is a concept."""
    return [wave.slug for wave in waves if wave.status != Wave.Status.PUBLISHED]
