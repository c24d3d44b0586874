"""The researchers' import page: upload an export and a mapping, check a dry run, then confirm.

It has the admin's look and login, at ``inventory:import-responses``, and needs the
``inventory.manage_wave`` permission. The dry run's file is kept in the session until it is
confirmed; confirming runs the import again on the same bytes, so what is stored is exactly
what the dry run checked (or nothing, if the data changed).
"""

from __future__ import annotations

import base64
import hashlib

from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from datalab_monitor.core.access import require_permission
from datalab_monitor.core.roles import MANAGE_WAVE

from .imports import run_import, shipped_mappings
from .imports.mapping import MAPPINGS_DIR
from .models import Wave

SESSION_KEY = "inventory_import"
MAX_FILE_SIZE = 10 * 1024 * 1024


class ImportForm(forms.Form):
    wave = forms.ModelChoiceField(
        label=_("Wave"), queryset=Wave.objects.all(), to_field_name="slug", empty_label=None
    )
    file = forms.FileField(
        label=_("Export file"), help_text=_("A CSV or XLSX export of the survey tool.")
    )
    shipped_mapping = forms.ChoiceField(
        label=_("Mapping"),
        required=False,
        help_text=_("One of the mappings that come with the system, or upload your own below."),
    )
    mapping_file = forms.FileField(
        label=_("Own mapping file"),
        required=False,
        help_text=_("A YAML mapping file (see docs/imports.md); it takes precedence."),
    )
    sheet = forms.CharField(
        label=_("Sheet"),
        required=False,
        max_length=100,
        help_text=_("XLSX only: the sheet to read; empty for the first sheet."),
    )
    replace = forms.BooleanField(
        label=_("Replace whole responses"),
        required=False,
        help_text=_(
            "Clear the answers the mapping does not cover, and overwrite responses the labs "
            "entered through the web form. Without this, only the mapped answers change."
        ),
    )
    allow_closed = forms.BooleanField(
        label=_("Import into a closed or published wave"),
        required=False,
        help_text=_("Needed when the wave is closed or published: its findings will change."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shipped_mapping"].choices = [("", "---------")] + [
            (name, name) for name in shipped_mappings()
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_SIZE:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("mapping_file") and not cleaned.get("shipped_mapping"):
            raise forms.ValidationError(_("Choose a mapping or upload a mapping file."))
        return cleaned

    def mapping(self) -> tuple[str, str]:
        """(name, YAML text) of the chosen mapping."""
        upload = self.cleaned_data.get("mapping_file")
        if upload:
            return upload.name, upload.read().decode("utf-8-sig", errors="replace")
        name = self.cleaned_data["shipped_mapping"]
        return f"{name}.yaml", (MAPPINGS_DIR / f"{name}.yaml").read_text(encoding="utf-8")


def _digest(data: bytes, mapping_text: str) -> str:
    return hashlib.sha256(data + b"\0" + mapping_text.encode("utf-8")).hexdigest()


def _import(pending: dict, data: bytes, *, dry_run: bool):
    return run_import(
        data,
        pending["file_name"],
        pending["wave"],
        pending["mapping_name"],
        mapping_text=pending["mapping_text"],
        dry_run=dry_run,
        replace=pending["replace"],
        sheet=pending["sheet"] or None,
        allow_closed=pending.get("allow_closed", False),
    )


def import_view(request: HttpRequest) -> HttpResponse:
    context = {
        **admin.site.each_context(request),
        "title": _("Import responses"),
        "report": None,
        "confirm_token": "",
    }
    form = ImportForm()
    if request.method == "POST" and request.POST.get("action") == "confirm":
        pending = request.session.get(SESSION_KEY)
        if not pending or pending.get("token") != request.POST.get("token"):
            context["expired"] = True
        else:
            data = base64.b64decode(pending["data"])
            context["report"] = _import(pending, data, dry_run=False)
            del request.session[SESSION_KEY]
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data["file"].read()
            mapping_name, mapping_text = form.mapping()
            token = _digest(data, mapping_text)
            pending = {
                "token": token,
                "data": base64.b64encode(data).decode("ascii"),
                "file_name": form.cleaned_data["file"].name,
                "wave": form.cleaned_data["wave"].slug,
                "mapping_name": mapping_name,
                "mapping_text": mapping_text,
                "sheet": form.cleaned_data["sheet"],
                "replace": form.cleaned_data["replace"],
                "allow_closed": form.cleaned_data["allow_closed"],
            }
            report = _import(pending, data, dry_run=True)
            context["report"] = report
            if report.ok:
                request.session[SESSION_KEY] = pending
                context["confirm_token"] = token
            else:
                request.session.pop(SESSION_KEY, None)
    context["form"] = form
    return render(request, "inventory/import/import.html", context)


import_responses_view = require_permission(MANAGE_WAVE, private=True)(import_view)
