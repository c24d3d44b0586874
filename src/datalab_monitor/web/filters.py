"""The lab list's filter form (category, province, text search) and the query it builds."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from datalab_monitor.registry.models import Category, Datalab, Province


class LabFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Name of the lab, another name for it, a municipality or a CBS code (GM0361)."),
    )
    category = forms.ChoiceField(label=_("Category"), required=False)
    province = forms.ChoiceField(label=_("Province"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("All categories"))] + [
            (category.code, category.tr("name")) for category in Category.objects.all()
        ]
        self.fields["province"].choices = [("", _("All provinces"))] + [
            (province.code, province.name) for province in Province.objects.all()
        ]

    @property
    def is_filtering(self) -> bool:
        return self.is_bound and any(self.data.get(name) for name in self.fields)


def search_condition(term: str) -> Q:
    """Labs whose name, an alias, or a covered municipality's name or CBS code contains ``term``."""
    return (
        Q(name__icontains=term)
        | Q(aliases__icontains=term)
        | Q(municipalities__name__icontains=term)
        | Q(municipalities__code__icontains=term)
    )


def filter_labs(labs: QuerySet[Datalab], criteria: dict[str, Any]) -> QuerySet[Datalab]:
    """Apply the valid criteria of a ``LabFilterForm`` (its ``cleaned_data``) to ``labs``."""
    if criteria.get("category"):
        labs = labs.filter(category__code=criteria["category"])
    if criteria.get("province"):
        labs = labs.filter(
            pk__in=Datalab.objects.filter(municipalities__province__code=criteria["province"])
        )
    term = (criteria.get("q") or "").strip()
    if term:
        labs = labs.filter(pk__in=Datalab.objects.filter(search_condition(term)))
    return labs
