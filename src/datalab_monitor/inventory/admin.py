"""Admin for inventory waves, invitations (no tokens) and responses (read-only, with history)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from datalab_monitor.core.translated import current_language

from . import services
from .invitations import links_csv
from .models import Invitation, Response, ResponseRevision, Wave
from .monitor import build_monitor
from .views_form import answer_summary


def synthetic_notice(wave: Wave) -> str:
    html = render_to_string("inventory/_synthetic_notice.html", {"wave": wave}).strip()
    return mark_safe(html) if html else "–"  # noqa: S308 - our own template, autoescaped


@admin.register(Wave)
class WaveAdmin(admin.ModelAdmin):
    list_display = [
        "slug",
        "year",
        "title_nl",
        "questionnaire_version",
        "status",
        "is_synthetic",
        "invited_count",
        "submitted_count",
        "response_rate_display",
    ]
    list_filter = ["status", "is_synthetic"]
    search_fields = ["slug", "title_nl", "title_en"]
    prepopulated_fields = {"slug": ["title_nl"]}
    filter_horizontal = ["invited_labs"]
    readonly_fields = ["notice", "monitor_link"]
    actions = ["open_waves", "close_waves"]

    def get_readonly_fields(self, request, obj=None):
        """A wave's status changes only through the wave page (checklist, refusals): a new wave
        is a draft."""
        return [*self.readonly_fields, "status"]

    def get_fields(self, request, obj=None):
        fields = [f for f in super().get_fields(request, obj) if f not in self.readonly_fields]
        return [*self.readonly_fields, *fields] if obj else fields

    @admin.display(description=_("notice"))
    def notice(self, obj: Wave) -> str:
        return synthetic_notice(obj)

    @admin.display(description=_("response monitor"))
    def monitor_link(self, obj: Wave) -> str:
        url = reverse("inventory:wave-detail", args=[obj.slug])
        return format_html('<a href="{}">{}</a>', url, _("Monitor, links and e-mail"))

    @admin.display(description=_("invited"))
    def invited_count(self, obj: Wave) -> int:
        return build_monitor(obj).invited

    @admin.display(description=_("submitted"))
    def submitted_count(self, obj: Wave) -> str:
        monitor = build_monitor(obj)
        if monitor.reported:
            return f"{obj.reported_questionnaires} / {obj.labs_known}"
        return str(monitor.submitted)

    @admin.display(description=_("response rate"))
    def response_rate_display(self, obj: Wave) -> str:
        rate = build_monitor(obj).response_rate
        return "–" if rate is None else f"{rate:.0%}"

    @admin.action(description=_("Open the selected waves"))
    def open_waves(self, request: HttpRequest, queryset) -> None:
        self._change_state(request, queryset, services.open_wave, _("Opened."))

    @admin.action(description=_("Close the selected waves"))
    def close_waves(self, request: HttpRequest, queryset) -> None:
        self._change_state(request, queryset, services.close_wave, _("Closed."))

    def _change_state(self, request: HttpRequest, queryset, change, done: str) -> None:
        """Apply ``change`` to each wave; a wave whose state does not allow it is named."""
        changed = 0
        for wave in queryset:
            try:
                change(wave)
                changed += 1
            except services.WaveStateError as refusal:
                self.message_user(request, f"{wave}: {refusal}", messages.ERROR)
        if changed:
            self.message_user(request, done, messages.SUCCESS)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations without their token (only its hash is stored, and not shown)."""

    list_display = [
        "lab",
        "wave",
        "created_at",
        "expires_at",
        "revoked_at",
        "first_opened_at",
        "sent_at",
        "submitted_at",
    ]
    list_filter = ["wave", ("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["lab__name"]
    exclude = ["token_hash"]
    readonly_fields = [
        "wave",
        "lab",
        "created_at",
        "expires_at",
        "revoked_at",
        "first_opened_at",
        "last_opened_at",
        "sent_at",
        "submitted_at",
    ]
    actions = ["revoke", "reissue"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # links are made per wave: see the wave's page

    @admin.action(description=_("Withdraw the selected links"))
    def revoke(self, request: HttpRequest, queryset) -> None:
        for invitation in queryset:
            services.revoke_invitation(invitation)
        self.message_user(request, _("The links were withdrawn."), messages.SUCCESS)

    @admin.action(description=_("Make new links for the selected labs (download CSV)"))
    def reissue(self, request: HttpRequest, queryset) -> HttpResponse:
        issued = []
        seen = set()
        for invitation in queryset.select_related("wave", "lab"):
            if (invitation.wave_id, invitation.lab_id) in seen:
                continue
            seen.add((invitation.wave_id, invitation.lab_id))
            issued.append(services.reissue_invitation(invitation))
        response = HttpResponse(
            links_csv(issued, request.build_absolute_uri), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="new-links-{stamp}.csv"'
        response["Cache-Control"] = "no-store"
        return response


class RevisionInline(admin.TabularInline):
    model = ResponseRevision
    extra = 0
    can_delete = False
    fields = ["version", "status", "changed_at", "changed_by"]
    readonly_fields = fields
    ordering = ["-version"]

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Response)
class ResponseAdmin(admin.ModelAdmin):
    """Responses are read-only here: labs change them through their link, imports in bulk."""

    list_display = ["lab", "wave", "status", "version", "source", "updated_at", "submitted_at"]
    list_filter = ["wave", "status", "source"]
    search_fields = ["lab__name"]
    fields = [
        "notice",
        "wave",
        "lab",
        "status",
        "version",
        "source",
        "created_at",
        "updated_at",
        "submitted_at",
        "answers_view",
    ]
    readonly_fields = fields
    inlines = [RevisionInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    @admin.display(description=_("notice"))
    def notice(self, obj: Response) -> str:
        return synthetic_notice(obj.wave)

    @admin.display(description=_("answers"))
    def answers_view(self, obj: Response) -> str:
        questionnaire = obj.wave.questionnaire()
        summary = answer_summary(questionnaire, obj.answers, current_language())
        return render_to_string(
            "inventory/_summary.html",
            {"summary": [{"page": page, "url": ""} for page in summary], "edit": False},
        )
