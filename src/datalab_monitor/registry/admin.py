"""The researchers' admin for the register: Dutch labels, search and filters."""

from __future__ import annotations

from datetime import date

from django.contrib import admin
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Category, Datalab, Do, Municipality, Partner, Province


class InForceFilter(admin.SimpleListFilter):
    """Municipalities that exist today versus those that ceased to exist by a merger."""

    title = _("existence")
    parameter_name = "existence"

    def lookups(self, request, model_admin):
        return [("in_force", _("in force today")), ("merged", _("merged (no longer exists)"))]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        today = date.today()
        if self.value() == "in_force":
            return queryset.in_force(today)
        if self.value() == "merged":
            return queryset.exclude(pk__in=queryset.in_force(today).values("pk"))
        return queryset


class LabProvinceFilter(admin.SimpleListFilter):
    """Labs covering at least one municipality in the chosen province."""

    title = _("province")
    parameter_name = "province"

    def lookups(self, request, model_admin):
        return [(p.code, p.name) for p in Province.objects.all()]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if not self.value():
            return queryset
        return queryset.filter(
            pk__in=Datalab.objects.filter(municipalities__province__code=self.value()).values("pk")
        )


@admin.register(Province)
class ProvinceAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "province", "valid_from", "valid_to", "successor_list"]
    list_filter = [InForceFilter, "province"]
    search_fields = ["code", "name"]
    list_select_related = ["province"]
    autocomplete_fields = ["successors"]
    readonly_fields = ["predecessor_list"]
    fields = [
        "code",
        "name",
        "names",
        "province",
        "valid_from",
        "valid_to",
        "successors",
        "predecessor_list",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("successors", "predecessors")

    @admin.display(description=_("successors"))
    def successor_list(self, obj: Municipality) -> str:
        return ", ".join(str(m) for m in obj.successors.all()) or "–"

    @admin.display(description=_("predecessors"))
    def predecessor_list(self, obj: Municipality) -> str:
        return ", ".join(str(m) for m in obj.predecessors.all()) or "–"


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name_nl", "name_en", "code", "order", "lab_count"]
    ordering = ["order"]
    search_fields = ["code", "name_nl", "name_en"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(lab_count=Count("datalab"))

    @admin.display(description=_("data labs"), ordering="lab_count")
    def lab_count(self, obj: Category) -> int:
        return obj.lab_count


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "website"]
    search_fields = ["name"]


@admin.register(Datalab)
class DatalabAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["number", "name", "category", "lead_municipality", "status"]
    list_display_links = ["number", "name"]
    list_filter = ["category", "status", LabProvinceFilter]
    search_fields = [
        "name",
        "aliases",
        "number__exact",
        "municipalities__code",
        "municipalities__name",
    ]
    list_select_related = ["category", "lead_municipality"]
    autocomplete_fields = ["lead_municipality", "municipalities", "partners"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["number", "name", "slug", "category", "status"]}),
        (
            _("Place"),
            {"fields": ["lead_municipality", "municipalities"]},
        ),
        (
            _("About the lab"),
            {
                "fields": [
                    "partners",
                    "start_year",
                    "website",
                    "aliases",
                    "description_nl",
                    "description_en",
                ]
            },
        ),
        (
            _("Personal data (not public)"),
            {
                "fields": ["contact_name", "contact_email"],
                "description": _(
                    "Only for the researchers: never shown on the site, exported or logged."
                ),
            },
        ),
    ]


@admin.register(Do)
class DoAdmin(admin.ModelAdmin):
    list_display = ["number", "title_nl", "title_en"]
    list_display_links = ["number", "title_nl"]
    search_fields = ["title_nl", "title_en", "body_nl", "body_en"]
