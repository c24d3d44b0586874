"""The write API for researchers (API token): change a lab in the register, import responses.

Rights are the web UI's: ``registry.change_datalab`` and ``inventory.manage_wave``. Every write
is audited (``audit.record``).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone, translation
from rest_framework import parsers, permissions
from rest_framework.exceptions import NotAuthenticated, NotFound, ValidationError
from rest_framework.views import APIView

from datalab_monitor.core.roles import MANAGE_WAVE
from datalab_monitor.inventory.imports import run_import
from datalab_monitor.registry.models import Category, Datalab, Municipality

from . import audit, shapes
from .caching import dumps
from .problems import problem
from .serializers import DatalabPatch, ImportUpload
from .snapshot import snapshot
from .views import api_language


class MergePatchParser(parsers.JSONParser):
    media_type = "application/merge-patch+json"


def requires(permission: str) -> type[permissions.BasePermission]:
    class HasPermission(permissions.BasePermission):
        def has_permission(self, request, view) -> bool:
            if not (request.user and request.user.is_authenticated):
                raise NotAuthenticated("Send 'Authorization: Bearer <token>' with an API token.")
            return request.user.has_perm(permission)

    HasPermission.__name__ = f"Has_{permission.replace('.', '_')}"
    return HasPermission


def _json(data, status: int = 200) -> HttpResponse:
    return HttpResponse(dumps(data), status=status, content_type="application/json")


FIELD_MAP = {
    "name": "name",
    "status": "status",
    "startYear": "start_year",
    "website": "website",
    "descriptionNl": "description_nl",
    "descriptionEn": "description_en",
}


def _lab_state(lab: Datalab) -> dict:
    return {
        "name": lab.name,
        "category": lab.category.code,
        "status": lab.status,
        "startYear": lab.start_year,
        "website": lab.website,
        "leadMunicipality": lab.lead_municipality.code if lab.lead_municipality else None,
        "municipalities": sorted(m.code for m in lab.municipalities.all()),
        "aliases": lab.alias_list,
        "descriptionNl": lab.description_nl,
        "descriptionEn": lab.description_en,
    }


def _municipalities(codes: list[str], field: str) -> list[Municipality]:
    found = {m.code: m for m in Municipality.objects.filter(code__in=codes)}
    unknown = [code for code in codes if code not in found]
    if unknown:
        raise ValidationError({field: [f"Unknown CBS code(s): {', '.join(unknown)}."]})
    return [found[code] for code in codes]


class DatalabWrite:
    """PATCH /datalabs/{number}: mixed into the lab resource."""

    parser_classes = [parsers.JSONParser, MergePatchParser]

    def patch(self, request, number: int) -> HttpResponse:
        serializer = DatalabPatch(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = serializer.validated_data
        with transaction.atomic():
            lab = (
                Datalab.objects.select_for_update(of=("self",))
                .select_related("category", "lead_municipality")
                .filter(number=number)
                .first()
            )
            if lab is None:
                raise NotFound(f"There is no data lab with number {number}.")
            before = _lab_state(lab)
            for name, attribute in FIELD_MAP.items():
                if name in changes:
                    value = changes[name]
                    setattr(lab, attribute, "" if value is None and name == "website" else value)
            if "category" in changes:
                category = Category.objects.filter(code=changes["category"]).first()
                if category is None:
                    codes = ", ".join(Category.objects.values_list("code", flat=True))
                    raise ValidationError({"category": [f"Unknown category; use one of: {codes}."]})
                lab.category = category
            if "leadMunicipality" in changes:
                code = changes["leadMunicipality"]
                lab.lead_municipality = (
                    _municipalities([code], "leadMunicipality")[0] if code else None
                )
            if "aliases" in changes:
                lab.aliases = "\n".join(a.strip() for a in changes["aliases"] if a.strip())
            try:
                lab.full_clean(exclude=["municipalities", "partners"])
            except DjangoValidationError as exc:
                raise ValidationError(exc.message_dict) from None
            lab.save()
            if "municipalities" in changes:
                lab.municipalities.set(_municipalities(changes["municipalities"], "municipalities"))
            after = _lab_state(lab)
            diff = {
                key: {"old": before[key], "new": after[key]}
                for key in after
                if before[key] != after[key]
            }
            if diff:
                audit.record(request, "update", "datalab", lab.number, diff)
        snap = snapshot()
        language = api_language(request)
        record = snap.lab(lab.number)
        return _json(shapes.lab_detail(request, snap, record, language, timezone.localdate()))


def report_json(report) -> dict:
    return {
        "file": report.file_name,
        "wave": report.wave,
        "mapping": report.mapping,
        "tool": report.tool,
        "dryRun": report.dry_run,
        "stored": report.stored,
        "ok": report.ok,
        "fileFormat": report.file_format,
        "encoding": report.encoding,
        "sheet": report.sheet,
        "rowsRead": report.rows_read,
        "summary": report.summary(),
        "notes": [note.text() for note in report.notes],
        "problems": [
            {
                "row": p.row,
                "column": p.column,
                "question": p.question,
                "message": p.text(),
                "location": p.location(report.file_name),
            }
            for p in report.problems
        ],
        "outcomes": [
            {
                "row": o.row,
                "labNumber": o.lab_number,
                "labName": o.lab_name,
                "action": str(o.action),
                "actionLabel": o.action_label,
                "changed": list(o.changed),
                "stored": o.stored,
            }
            for o in report.outcomes
        ],
    }


class Imports(APIView):
    """POST /imports: check (dry run) or store a survey-tool export."""

    permission_classes = [requires(MANAGE_WAVE)]
    parser_classes = [parsers.MultiPartParser, parsers.FormParser]

    def post(self, request) -> HttpResponse:
        serializer = ImportUpload(data=request.data)
        serializer.is_valid(raise_exception=True)
        form = serializer.validated_data
        upload = form["file"]
        with translation.override(api_language(request)):
            report = run_import(
                upload.read(),
                upload.name,
                form["wave"],
                form["mapping_name"],
                mapping_text=form.get("mapping_text"),
                dry_run=form["dryRun"],
                replace=form["replace"],
                sheet=form.get("sheet") or None,
                allow_closed=form["allowClosed"],
            )
            body = report_json(report)
        if report.stored:
            audit.record(
                request,
                "import",
                "wave",
                report.wave,
                {
                    "file": report.file_name,
                    "mapping": report.mapping,
                    "outcomes": [
                        {k: o[k] for k in ("row", "labNumber", "action", "changed")}
                        for o in body["outcomes"]
                    ],
                },
            )
        if not report.ok:
            return problem(
                422,
                body["summary"],
                instance=request.path,
                extra={"errors": body["problems"], "report": body},
            )
        return _json(body)
