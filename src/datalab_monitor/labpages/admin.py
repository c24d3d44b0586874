"""Researchers' admin: profiles, projects, the change history (approve, reject, revert), edit
links (issue, revoke) and the curated do examples."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from datalab_monitor.registry.models import Datalab

from . import changes
from .editlinks import issue_edit_link, revoke_edit_link
from .models import ChangeRecord, DoExample, EditLink, LabProfile, Project

REVIEW = "labpages.review_labpage_change"


class VersionedAdmin(admin.ModelAdmin):
    """Edits in the admin are versioned too: a change record with the researcher as author."""

    def save_model(self, request, obj, form, change) -> None:
        before = changes.snapshot(type(obj).objects.get(pk=obj.pk)) if change else None
        if isinstance(obj, LabProfile) and not obj.contact_consent:
            obj.contact_name, obj.contact_email, obj.contact_consent_at = "", "", None
        super().save_model(request, obj, form, change)
        after = changes.snapshot(obj)
        if before != after:
            ChangeRecord.objects.create(
                lab=obj.lab,
                kind="profile" if isinstance(obj, LabProfile) else "project",
                project=obj if isinstance(obj, Project) else None,
                before=before,
                after=after,
                author=changes.Author.researcher(request.user).label,
                user=request.user,
            )


@admin.register(LabProfile)
class LabProfileAdmin(VersionedAdmin):
    list_display = ("lab", "start_year", "contact_consent", "is_fictional", "updated_at")
    list_filter = ("contact_consent", "is_fictional")
    search_fields = ("lab__name",)
    readonly_fields = ("contact_consent_at", "updated_at")
    autocomplete_fields = ("lab",)


@admin.register(Project)
class ProjectAdmin(VersionedAdmin):
    list_display = ("title_nl", "lab", "year", "status", "reusable", "removed", "is_fictional")
    list_filter = ("status", "reusable", "removed", "is_fictional")
    search_fields = ("title_nl", "title_en", "lab__name")
    autocomplete_fields = ("lab",)


def _decide(modeladmin, request, queryset, action, done: str) -> None:
    if not request.user.has_perm(REVIEW):
        raise PermissionDenied
    count = 0
    for change in queryset.order_by("-created_at"):
        try:
            action(change, request.user)
        except (changes.ChangeError, Exception) as error:  # a clear message, never a 500
            modeladmin.message_user(request, f"{change}: {error}", messages.ERROR)
        else:
            count += 1
    modeladmin.message_user(request, done % {"count": count}, messages.SUCCESS)


@admin.action(description=_("Approve the selected changes"), permissions=["review"])
def approve_changes(modeladmin, request, queryset):
    _decide(modeladmin, request, queryset, changes.approve, _("%(count)s change(s) approved."))


@admin.action(description=_("Reject the selected changes"), permissions=["review"])
def reject_changes(modeladmin, request, queryset):
    _decide(modeladmin, request, queryset, changes.reject, _("%(count)s change(s) rejected."))


@admin.action(description=_("Revert the selected changes"), permissions=["review"])
def revert_changes(modeladmin, request, queryset):
    _decide(modeladmin, request, queryset, changes.revert, _("%(count)s change(s) reverted."))


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    list_display = ("created_at", "lab", "kind", "project", "status", "author")
    fields = (
        "lab",
        "kind",
        "project",
        "status",
        "author",
        "created_at",
        "decided_at",
        "differences",
    )
    list_filter = ("status", "kind")
    search_fields = ("lab__name", "author")
    date_hierarchy = "created_at"
    actions = [approve_changes, reject_changes, revert_changes]
    readonly_fields = [*(f.name for f in ChangeRecord._meta.fields), "differences"]

    @admin.display(description=_("Differences"))
    def differences(self, obj: ChangeRecord) -> str:
        """Each changed field: before → after."""
        before = obj.before or {}
        rows = [
            format_html("<li><strong>{}</strong>: {} → {}</li>", name, before.get(name, "–"), value)
            for name, value in (obj.after or {}).items()
            if before.get(name) != value
        ]
        return format_html("<ul>{}</ul>", format_html_join("", "{}", ((row,) for row in rows)))

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_review_permission(self, request) -> bool:
        return request.user.has_perm(REVIEW)


class IssueForm(forms.Form):
    lab = forms.ModelChoiceField(queryset=Datalab.objects.order_by("number"), label=_("Data lab"))


@admin.action(description=_("Revoke the selected edit links"), permissions=["change"])
def revoke_links(modeladmin, request, queryset):
    for link in queryset:
        revoke_edit_link(link)
    modeladmin.message_user(request, _("Revoked."), messages.SUCCESS)


@admin.register(EditLink)
class EditLinkAdmin(admin.ModelAdmin):
    list_display = (
        "lab",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
        "requested_on_site",
    )
    list_filter = ("requested_on_site",)
    search_fields = ("lab__name",)
    readonly_fields = [f.name for f in EditLink._meta.fields if f.name != "id"]
    actions = [revoke_links]
    change_list_template = "admin/labpages/editlink/change_list.html"

    def has_add_permission(self, request) -> bool:
        return False

    def get_urls(self):
        issue = self.admin_site.admin_view(self.issue_view)
        return [path("issue/", issue, name="labpages_editlink_issue"), *super().get_urls()]

    def issue_view(self, request):
        """Issue a link for a lab and show it once (the token is stored only as a hash)."""
        if not request.user.has_perm("labpages.add_editlink"):
            raise PermissionDenied
        form = IssueForm(request.POST or None)
        issued_url = ""
        if request.method == "POST" and form.is_valid():
            issued = issue_edit_link(form.cleaned_data["lab"], user=request.user)
            issued_url = request.build_absolute_uri(issued.path)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Issue an edit link"),
            "form": form,
            "issued_url": issued_url,
            "opts": self.model._meta,
            "back": reverse("admin:labpages_editlink_changelist"),
        }
        response = TemplateResponse(request, "admin/labpages/editlink/issue.html", context)
        response["Cache-Control"] = "private, no-store"
        return response


@admin.register(DoExample)
class DoExampleAdmin(admin.ModelAdmin):
    list_display = ("do", "project", "lab", "order", "is_fictional")
    list_filter = ("do", "is_fictional")
    autocomplete_fields = ("project", "lab")
