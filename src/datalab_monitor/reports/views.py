"""Report downloads: the list of public waves and the report of one of them (PDF or HTML)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from datalab_monitor.core.csp import allow_inline_styles

from .cache import cached_report
from .render import FORMATS, LANGUAGES, report_filename
from .waves import public_waves


def report_index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "reports/index.html",
        {
            "waves": public_waves().order_by("-year", "slug"),
            "breadcrumbs": [
                (reverse("web:home"), pgettext("site menu", "Home")),
                ("", _("Report")),
            ],
        },
    )


def report_download(request: HttpRequest, slug: str) -> HttpResponse:
    """The report of a published wave: ``?format=pdf|html&lang=nl|en``."""
    wave = get_object_or_404(public_waves(), slug=slug)
    fmt = request.GET.get("format", "pdf")
    language = request.GET.get("lang", "nl")
    if fmt not in FORMATS or language not in LANGUAGES:
        raise Http404("unknown format or language")
    data = cached_report(wave, fmt, language)
    content_type = "application/pdf" if fmt == "pdf" else "text/html; charset=utf-8"
    response = HttpResponse(data, content_type=content_type)
    disposition = "attachment" if fmt == "pdf" else "inline"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{report_filename(wave, fmt, language)}"'
    )
    return allow_inline_styles(response)  # the self-contained HTML report has its CSS inline
