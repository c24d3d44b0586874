"""Key figures for the home page, computed from the database (nothing is typed in)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.db.models import Count, F, Max, Prefetch

from datalab_monitor.core.dataversion import current_stamp
from datalab_monitor.inventory.models import Response, Wave
from datalab_monitor.maps import data as map_data
from datalab_monitor.registry.models import Category, Datalab


@dataclass(frozen=True)
class RegisterFigures:
    labs: int
    municipalities: int
    provinces: int


def register_figures() -> RegisterFigures:
    """Labs in the register, the distinct municipalities they cover and the provinces with a lab."""
    figures = Datalab.objects.aggregate(
        n_labs=Count("id", distinct=True),
        n_municipalities=Count("municipalities", distinct=True),
        n_provinces=Count("municipalities__province", distinct=True),
    )
    return RegisterFigures(figures["n_labs"], figures["n_municipalities"], figures["n_provinces"])


def geo_state() -> str:
    """The boundary files the map is drawn from (a file added or replaced changes the map)."""
    directory = map_data.geo_dir()
    try:
        files = sorted(
            (p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in directory.iterdir()
        )
    except OSError:
        files = []
    return hashlib.sha256(repr((str(directory), files)).encode()).hexdigest()[:16]


def home_stamp(wave: Wave | None) -> str:
    """Changes with the register (the data version), the wave shown, any submitted response and
    the map's boundary files. The wave's own fields are part of it, as a bulk update of waves
    sends no signal."""
    responses = Response.objects.filter(status=Response.Status.SUBMITTED).aggregate(
        n=Count("id"), last=Max("updated_at")
    )
    shown = (
        None
        if wave is None
        else [(f.attname, f.value_from_object(wave)) for f in wave._meta.concrete_fields]
    )
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:16]
    return f"{current_stamp()}:{responses['n']}:{responses['last']}:{digest}:{geo_state()}"


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
            Prefetch(
                "datalab_set",
                queryset=Datalab.objects.only("number", "name", "slug", "category").order_by(
                    "number"
                ),
                to_attr="labs",
            )
        )
    )
