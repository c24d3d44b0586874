"""The codebook of each questionnaire version, as a page and as CSV (public: no answers)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from datalab_monitor.core.navigation import home_crumb
from datalab_monitor.core.translated import current_language
from datalab_monitor.questionnaire import QuestionnaireError, available_versions, load_version
from datalab_monitor.questionnaire.codebook import codebook_csv, codebook_rows


def _version(version: str):
    try:
        return load_version(version)
    except QuestionnaireError as exc:
        raise Http404(str(exc)) from exc


def codebook_index(request: HttpRequest) -> HttpResponse:
    versions = [load_version(v) for v in available_versions()]
    return render(
        request,
        "inventory/codebook_index.html",
        {
            "versions": versions,
            "language": current_language(),
            "breadcrumbs": [home_crumb(), ("", _("Codebooks"))],
        },
    )


def codebook_page(request: HttpRequest, version: str) -> HttpResponse:
    questionnaire = _version(version)
    language = current_language()
    return render(
        request,
        "inventory/codebook.html",
        {
            "questionnaire": questionnaire,
            "title": questionnaire.title.get(language),
            "rows": codebook_rows(questionnaire),
            "breadcrumbs": [
                home_crumb(),
                (reverse("inventory:codebook-index"), _("Codebooks")),
                ("", _("Questionnaire %(version)s") % {"version": questionnaire.version}),
            ],
        },
    )


def codebook_download(request: HttpRequest, version: str) -> HttpResponse:
    questionnaire = _version(version)
    response = HttpResponse(codebook_csv(questionnaire), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="codebook-{questionnaire.version}.csv"'
    return response
