"""The open-data page and its downloads (register, findings, codebook, data package)."""

from __future__ import annotations

import json
from datetime import date

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from datalab_monitor.core.dataversion import current_stamp
from datalab_monitor.inventory.models import Wave
from datalab_monitor.reports.content import min_cell_size

from .catalogue import TABLE_NAMES, datapackage_files, public_table, published_waves, versions_of
from .codebook import codebook_table
from .datapackage import package_zip
from .findings import findings_table
from .formats import CONTENT_TYPES, FORMATS, serialise
from .tables import Table


def _download(table: Table, fmt: str, filename: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404("unknown format")
    response = HttpResponse(serialise(table, fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def index(request: HttpRequest) -> HttpResponse:
    waves = published_waves()
    return render(
        request,
        "opendata/index.html",
        {
            "waves": waves,
            "versions": versions_of(waves),
            "formats": FORMATS,
            "min_cell": min_cell_size(),
            "report_link_start": format_html(
                '<a class="utrecht-link" href="{}">', reverse("reports:index")
            ),
            "breadcrumbs": [
                (reverse("web:home"), pgettext("site menu", "Home")),
                ("", _("Open data")),
            ],
        },
    )


def table_download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    if name not in TABLE_NAMES:
        raise Http404("unknown table")
    if fmt not in FORMATS:
        raise Http404("unknown format")
    if name == "findings":  # follows every response: built per request
        return _download(public_table(name), fmt, f"datalab-monitor-{name}")
    # Register, codebook and lab-page tables change only with the data: one file per stamp.
    key = f"opendata:{name}:{fmt}:{get_language()}:{date.today()}:{current_stamp()}"
    data = cache.get(key)
    if data is None:
        data = serialise(public_table(name), fmt)
        cache.set(key, data, 24 * 3600)
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="datalab-monitor-{name}.{fmt}"'
    return response


def wave_findings_download(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    wave = get_object_or_404(Wave.objects.published(), slug=slug)
    return _download(findings_table([wave]), fmt, f"datalab-monitor-findings-{wave.slug}")


def codebook_download(request: HttpRequest, version: str, fmt: str) -> HttpResponse:
    if version not in versions_of(published_waves()):
        raise Http404("no published wave uses this questionnaire version")
    return _download(codebook_table([version]), fmt, f"datalab-monitor-codebook-{version}")


def datapackage_json(request: HttpRequest) -> HttpResponse:
    descriptor = json.loads(datapackage_files()["datapackage.json"])
    return HttpResponse(
        json.dumps(descriptor, ensure_ascii=False, indent=2), content_type="application/json"
    )


def datapackage_zip(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(package_zip(datapackage_files()), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="datalab-monitor-datapackage.zip"'
    return response
