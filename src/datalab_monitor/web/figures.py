"""Key figures for the home page, computed from the database (nothing is typed in)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, F, Prefetch

from datalab_monitor.inventory.models import Wave
from datalab_monitor.registry.models import Category, Datalab, Municipality, Province


@dataclass(frozen=True)
class RegisterFigures:
    labs: int
    municipalities: int
    provinces: int


def register_figures() -> RegisterFigures:
    """Labs in the register, the distinct municipalities they cover and the provinces with a lab."""
    return RegisterFigures(
        labs=Datalab.objects.count(),
        municipalities=Municipality.objects.filter(datalabs__isnull=False).distinct().count(),
        provinces=Province.objects.filter(municipality__datalabs__isnull=False).distinct().count(),
    )


def newest_published_wave() -> Wave | None:
    """The published inventory wave with the latest year (then the latest start date)."""
    return (
        Wave.objects.published()
        .order_by("-year", F("started_on").desc(nulls_last=True), "-pk")
        .first()
    )


def categories_with_labs() -> list[Category]:
    """Every category, with ``lab_count`` and ``labs`` (its labs by number)."""
    return list(
        Category.objects.annotate(lab_count=Count("datalab"))
        .order_by("order", "code")  # Meta.ordering is not applied to aggregate queries
        .prefetch_related(
            Prefetch("datalab_set", queryset=Datalab.objects.order_by("number"), to_attr="labs")
        )
    )
