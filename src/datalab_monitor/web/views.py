"""Public pages: home, the register of labs, one lab, the categories, the 10 do's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from datalab_monitor.core.navigation import home_crumb
from datalab_monitor.labpages.services import lab_page_stamp
from datalab_monitor.registry.models import Datalab, Do, Municipality

from .figures import categories_with_labs, home_stamp, newest_published_wave, register_figures
from .filters import LabFilterForm, filter_labs


def home(request: HttpRequest) -> HttpResponse:
    """The home page; its figures, cards and map are a fragment cached under ``home_stamp``,
    so they are computed (lazily, here) only when the register, a wave or a response changed."""
    wave = newest_published_wave()
    return render(
        request,
        "web/home.html",
        {
            "home_stamp": home_stamp(wave),
            "wave": wave,
            "register": SimpleLazyObject(register_figures),
            "categories": SimpleLazyObject(categories_with_labs),
        },
    )


def lab_list(request: HttpRequest) -> HttpResponse:
    form = LabFilterForm(request.GET or None)
    criteria = {}
    if form.is_bound:
        form.is_valid()  # an invalid filter is reported on the form; the valid ones still apply
        criteria = form.cleaned_data
    labs = filter_labs(Datalab.objects.with_relations(), criteria)
    return render(
        request,
        "web/lab_list.html",
        {
            "form": form,
            "labs": labs,
            "total": Datalab.objects.count(),
            "breadcrumbs": [home_crumb(), ("", _("Data labs"))],
        },
    )


@dataclass(frozen=True)
class CoveredMunicipality:
    municipality: Municipality
    now_part_of: list[Municipality]


def covered_municipalities(lab: Datalab, today: date | None = None) -> list[CoveredMunicipality]:
    """The lab's municipalities, each with the municipalities holding its territory today."""
    today = today or date.today()
    return [
        CoveredMunicipality(m, [] if m.exists_on(today) else m.successors_on(today))
        for m in lab.municipalities.all()
    ]


def lab_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One lab. Everything below the heading is a fragment cached under ``lab_page_stamp``: the
    lab, its municipalities, profile, projects and peers are read only when that changed."""
    lab = get_object_or_404(Datalab.objects.only("number", "name", "slug"), slug=slug)

    def details() -> dict:
        full = Datalab.objects.with_relations().get(pk=lab.pk)
        return {"lab": full, "covered": covered_municipalities(full)}

    return render(
        request,
        "web/lab_detail.html",
        {
            "lab": lab,
            "lab_stamp": lab_page_stamp(),
            "details": SimpleLazyObject(details),
            "breadcrumbs": [
                home_crumb(),
                (reverse("web:lab-list"), _("Data labs")),
                ("", lab.name),
            ],
        },
    )


def categories(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/categories.html",
        {
            "categories": categories_with_labs(),
            "breadcrumbs": [home_crumb(), ("", _("Categories"))],
        },
    )


def dos(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "web/dos.html",
        {"dos": Do.objects.all(), "breadcrumbs": [home_crumb(), ("", _("10 do's"))]},
    )
