"""Shared helpers for the inventory tests: an open wave with issued links."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from datalab_monitor.inventory import services
from datalab_monitor.inventory.models import Wave
from datalab_monitor.registry.models import Datalab

# Complete, valid answers to questionnaire 2019 (every required question).
COMPLETE_2019 = {
    "start_year": "2017",
    "partners": ["cbs", "universities"],
    "analysis_types": ["descriptive", "diagnostic"],
    "domains": ["social", "spatial"],
    "fte_own": "0,5",
    "funding": ["project_basis"],
    "improvements": ["knowledge", "money"],
}


def open_wave(
    slug: str = "test-2026",
    version: str = "2019",
    labs: list[Datalab] | None = None,
    closes_in_days: int = 30,
    previous_wave: Wave | None = None,
) -> Wave:
    today = timezone.localdate()
    wave = services.create_wave(
        year=2026,
        slug=slug,
        title_nl=f"Test {slug}",
        questionnaire_version=version,
        opens_on=today - timedelta(days=1),
        closes_on=today + timedelta(days=closes_in_days),
        labs=labs if labs is not None else list(Datalab.objects.order_by("number")[:3]),
        previous_wave=previous_wave,
    )
    return services.open_wave(wave)


def token_for(wave: Wave, lab: Datalab) -> str:
    return services.issue_invitations(wave, [lab])[0].token


def yesterday() -> date:
    return timezone.localdate() - timedelta(days=1)
