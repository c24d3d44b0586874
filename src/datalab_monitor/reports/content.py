"""Everything a wave's report shows, gathered from the database (nothing about data is typed in).

The HTML and the PDF report are rendered from the same :class:`ReportContent`; the findings
come from :mod:`datalab_monitor.results.services` (suppressed, as published) and the map from
:mod:`datalab_monitor.maps`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils import formats, timezone, translation

from datalab_monitor.findings.formatting import rounded
from datalab_monitor.inventory.models import Wave
from datalab_monitor.registry.models import Category, Do


@dataclass(frozen=True)
class LabEntry:
    number: int
    name: str


@dataclass(frozen=True)
class CategorySection:
    code: str
    name: str
    description: str
    labs: tuple[LabEntry, ...]


@dataclass(frozen=True)
class LeadFigures:
    """The inventory's own figures: labs known, questionnaires, interviews, response rate."""

    labs_known: int | None
    questionnaires: int | None
    interviews: int | None
    response_rate: float | None

    @property
    def response_percent(self) -> int | None:
        return None if self.response_rate is None else int(rounded(100 * self.response_rate, 0))


@dataclass(frozen=True)
class DoEntry:
    number: int
    title: str
    body: str


@dataclass
class ReportContent:
    wave: Wave
    language: str
    title: str
    wave_title: str
    lead: LeadFigures
    categories: list[CategorySection]
    map: MapPart
    findings: Any  # results.services.WaveFindings, or None when the wave has no stored responses
    charts: list[ChartPart]
    dos: list[DoEntry]
    questionnaire_title: str
    generated_on: date
    min_cell: int
    sources: list[str] = field(default_factory=list)

    @property
    def has_findings(self) -> bool:
        return bool(self.charts)

    @property
    def awaits_answers(self) -> bool:
        """Answers are stored here, but none is submitted yet: nothing to show."""
        return self.findings is not None and not self.charts

    @property
    def is_synthetic(self) -> bool:
        return self.wave.is_synthetic

    @property
    def is_concept(self) -> bool:
        """The wave is not published: the report is a concept (only the CLI can make one)."""
        return self.wave.status != Wave.Status.PUBLISHED


def lead_figures(wave: Wave) -> LeadFigures:
    return LeadFigures(
        labs_known=wave.labs_known,
        questionnaires=wave.questionnaires_received,
        interviews=wave.interviews_held,
        response_rate=wave.response_rate,
    )


def category_sections(part: MapPart, language: str) -> list[CategorySection]:
    """Every category with the numbered labs drawn on the map."""
    sections = []
    for category in Category.objects.all():
        entries = tuple(
            lab for lab in part.labs if part.lab_categories[lab.number] == category.code
        )
        sections.append(
            CategorySection(
                code=category.code,
                name=category.tr("name", language),
                description=category.tr("description", language),
                labs=entries,
            )
        )
    return sections


@dataclass(frozen=True)
class ChartPart:
    """A chart of the findings as the report prints it (the SVG with a font that is installed)."""

    chart: Any  # results.services.ChartFinding
    svg: str

    def __getattr__(self, name: str):
        return getattr(self.chart, name)


# Vega measures its labels with Arial-like metrics; a bare "sans-serif" can resolve to a wider
# font (DejaVu Sans) when the PDF is drawn, which clips the labels. Name the metric-compatible one.
GENERIC_FONT = 'font-family="sans-serif"'
REPORT_FONT = 'font-family="Liberation Sans, Arial, Helvetica, sans-serif"'


def wave_findings_or_none(wave: Wave, language: str):
    """The published (suppressed) findings, or None for a wave whose responses are not stored."""
    if not wave.has_stored_responses:
        return None
    from datalab_monitor.results.services import wave_findings

    return wave_findings(wave, exact=False, language=language)


def chart_parts(findings) -> list[ChartPart]:
    if findings is None:
        return []
    return [
        ChartPart(chart, chart.svg.replace(GENERIC_FONT, REPORT_FONT)) for chart in findings.charts
    ]


@dataclass(frozen=True)
class MapPart:
    """The map of the wave's year: SVG, its numbered labs, coverage, and any drawing problem."""

    svg: str
    labs: tuple[LabEntry, ...]
    lab_categories: dict[int, str]
    covered: int
    municipalities: int
    share: float
    problem: str

    @property
    def share_percent(self) -> str:
        return formats.number_format(round(self.share * 100, 1), decimal_pos=1)


LINK_OPEN = re.compile(r"<a\b[^>]*>")
LINK_CLOSE = re.compile(r"</a>")


def without_links(svg: str) -> str:
    """The map's SVG with its links to lab pages removed: the report stands on its own."""
    return LINK_CLOSE.sub("", LINK_OPEN.sub("", svg))


def map_part(year: int) -> MapPart:
    """The map of the labs for ``year`` (in the active language), from the maps app."""
    from datalab_monitor.maps.services import lab_map

    view = lab_map(year, id_prefix="report-map")
    national = view.coverage.national
    return MapPart(
        svg=without_links(view.svg),
        labs=tuple(LabEntry(lab.number, lab.name) for lab in view.labs),
        lab_categories={lab.number: lab.category for lab in view.labs},
        covered=national.covered,
        municipalities=national.total,
        share=national.share,
        problem=view.problem,
    )


def source_lines(wave: Wave, language: str) -> list[str]:
    lines = []
    if wave.tr("source", language):
        lines.append(wave.tr("source", language))
    return lines


def min_cell_size() -> int:
    """The small-number rule in force (settings.DATALAB_MIN_CELL), as the findings apply it."""
    from datalab_monitor.results.services import min_cell

    return min_cell()


def as_sentence(title: str) -> str:
    """A do's title as the run-in sentence the publication prints ("Organiseer draagvlak.")."""
    title = title.strip()
    return title if title[-1:] in ".!?" else f"{title}."


def build_report(wave: Wave, language: str = "nl") -> ReportContent:
    """Collect the content of the report of ``wave`` in ``language`` ("nl" or "en")."""
    with translation.override(language):
        from django.utils.translation import gettext as _

        findings = wave_findings_or_none(wave, language)
        part = map_part(wave.year)
        return ReportContent(
            wave=wave,
            language=language,
            title=_("Data lab inventory: the results"),
            wave_title=wave.tr("title", language),
            lead=lead_figures(wave),
            categories=category_sections(part, language),
            map=part,
            findings=findings,
            charts=chart_parts(findings),
            dos=[
                DoEntry(d.number, as_sentence(d.tr("title", language)), d.tr("body", language))
                for d in Do.objects.all()
            ],
            questionnaire_title=wave.questionnaire().title.get(language),
            generated_on=timezone.localdate(),
            min_cell=findings.min_cell if findings is not None else min_cell_size(),
            sources=source_lines(wave, language),
        )
