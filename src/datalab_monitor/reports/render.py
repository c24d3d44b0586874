"""Render a wave's report as one self-contained HTML file or as an A4 PDF (WeasyPrint).

Both come from the same templates (``reports/report.html``); the PDF adds paged media: a cover,
a table of contents with page numbers, running headers and page numbers, tagged headings.
"""

from __future__ import annotations

import logging
from typing import Literal

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from datalab_monitor.inventory.models import Wave

from .content import ReportContent, build_report

# WeasyPrint logs every layout step at INFO; the report's output is the file, not the log.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

Format = Literal["html", "pdf"]
LANGUAGES = ("nl", "en")
FORMATS = ("html", "pdf")


def synthetic_warning() -> str:
    return _("Fictional data: demo answers, not real data labs")


def concept_marker() -> str:
    """What every page and the metadata of a report of an unpublished wave say."""
    return _("draft — not published")


def page_notice(report: ReportContent) -> str:
    """The running notice of every PDF page: fictional data and/or concept, else empty."""
    parts = []
    if report.is_synthetic:
        parts.append(synthetic_warning())
    if report.is_concept:
        parts.append(concept_marker())
    return " · ".join(parts)


def table_of_contents(report: ReportContent) -> list[tuple[str, str]]:
    """(anchor, heading) of every section, in the publication's order."""
    dos = len(report.dos)
    return [
        ("introduction", _("Introduction")),
        ("categories", _("Categories of data labs")),
        ("map", _("Data labs on the map")),
        ("findings", _("Findings at a glance")),
        ("dos", ngettext("%(n)s do for data labs", "%(n)s do's for data labs", dos) % {"n": dos}),
        ("methods", _("Methods and colophon")),
    ]


def render_report_html(report: ReportContent, *, for_pdf: bool = False) -> str:
    with translation.override(report.language):
        return render_to_string(
            "reports/report.html",
            {
                "report": report,
                "for_pdf": for_pdf,
                "toc": table_of_contents(report),
                "synthetic_warning": synthetic_warning(),
                "concept_marker": concept_marker(),
                "page_notice": page_notice(report),
            },
        )


def render_report_pdf(report: ReportContent) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_report_html(report, for_pdf=True)
    # Only data: URLs (the report's own figures): anything else stops the rendering, as the
    # report must be self-contained.
    inline_only = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    document = HTML(string=html, url_fetcher=inline_only)
    return document.write_pdf(pdf_variant="pdf/ua-1")


def render_report(wave: Wave, fmt: Format = "pdf", language: str = "nl") -> bytes:
    """The report of ``wave`` as bytes: UTF-8 HTML or PDF."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if language not in LANGUAGES:
        raise ValueError(
            f"unknown report language {language!r}: choose one of {', '.join(LANGUAGES)}"
        )
    report = build_report(wave, language)
    if fmt == "html":
        return render_report_html(report).encode("utf-8")
    return render_report_pdf(report)


def report_filename(wave: Wave, fmt: Format, language: str) -> str:
    return f"datalab-monitor-rapport-{wave.slug}-{language}.{fmt}"
