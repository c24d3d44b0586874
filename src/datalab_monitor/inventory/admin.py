"""Admin for inventory waves (kept minimal; the inventory work extends it)."""

from __future__ import annotations

from django.contrib import admin

from .models import Wave


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = ["slug", "year", "title_nl", "status", "is_synthetic"]
    list_filter = ["status", "is_synthetic"]
    search_fields = ["slug", "title_nl", "title_en"]
    prepopulated_fields = {"slug": ["title_nl"]}
