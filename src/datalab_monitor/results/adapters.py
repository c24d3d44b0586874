"""From the database to the engine's frames (the only place where findings meet the ORM)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from datalab_monitor.findings.results import Category
from datalab_monitor.inventory.models import Response, Wave
from datalab_monitor.questionnaire.schema import Text
from datalab_monitor.registry.models import Category as LabCategory

if TYPE_CHECKING:
    from datalab_monitor.findings.frames import Frames


def submitted_responses(wave: Wave):
    return Response.objects.filter(wave=wave, status=Response.Status.SUBMITTED)


def responses_frames(wave: Wave) -> Frames:
    """The submitted responses of ``wave`` as frames; respondent = the lab's number.

    Respondent attributes: ``category`` (code of the lab's category) and ``lab`` (its name, for
    the researchers' view only).
    """
    from datalab_monitor.findings.frames import answers_to_frames  # pandas: load on first use

    rows = submitted_responses(wave).select_related("lab__category").order_by("lab__number")
    records = [
        (r.lab.number, {"category": r.lab.category.code, "lab": r.lab.name}, r.answers or {})
        for r in rows
    ]
    return answers_to_frames(records, wave.questionnaire())


def category_groups() -> list[Category]:
    """The register's categories in their order, as breakdown groups."""
    return [
        Category(c.code, Text(c.name_nl, c.name_en)) for c in LabCategory.objects.order_by("order")
    ]
