"""Public lab profiles, projects, their change history, edit links and curated do examples.

Everything here is public once applied, except ``EditLink`` (only a token hash) and the
history's authors. A profile's contact person is public only while ``contact_consent`` holds.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from datalab_monitor.core.translated import TranslatedFieldsMixin
from datalab_monitor.registry.models import Datalab, Do

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class LabProfile(TranslatedFieldsMixin, models.Model):
    """What a lab tells the public about itself (kept by the lab through an edit link)."""

    lab = models.OneToOneField(
        Datalab, on_delete=models.CASCADE, related_name="profile", verbose_name=_("data lab")
    )
    description_nl = models.TextField(_("description (Dutch)"), blank=True, max_length=4000)
    description_en = models.TextField(_("description (English)"), blank=True, max_length=4000)
    website = models.URLField(_("website"), blank=True)
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    partner_codes = models.JSONField(_("partners (code list)"), default=list, blank=True)
    partners_other = models.CharField(
        _("other partners"), max_length=500, blank=True, help_text=_("Free text, comma-separated.")
    )
    domains = models.JSONField(_("domains"), default=list, blank=True)
    # Public contact: personal data, shown only while the person consents.
    contact_name = models.CharField(_("public contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("public contact e-mail"), blank=True)
    contact_consent = models.BooleanField(
        _("consent to publish the contact"),
        default=False,
        help_text=_("The person agreed that their name and e-mail are shown on the public page."),
    )
    contact_consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    is_fictional = models.BooleanField(
        _("fictional (demo)"), default=False, help_text=_("Made up by the demo command.")
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("lab profile")
        verbose_name_plural = _("lab profiles")

    def __str__(self) -> str:
        return str(self.lab)

    @property
    def public_contact(self) -> tuple[str, str] | None:
        """(name, e-mail) if the person consents to publication, else None."""
        if self.contact_consent and (self.contact_name or self.contact_email):
            return self.contact_name, self.contact_email
        return None

    @property
    def partners_other_list(self) -> list[str]:
        return [p.strip() for p in self.partners_other.split(",") if p.strip()]


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    RUNNING = "running", _("running")
    COMPLETED = "completed", _("completed")
    STOPPED = "stopped", _("stopped")


class ProjectQuerySet(models.QuerySet):
    def public(self) -> ProjectQuerySet:
        return self.filter(removed=False)


class Project(TranslatedFieldsMixin, models.Model):
    """A project of a lab, in the public catalogue."""

    lab = models.ForeignKey(
        Datalab, on_delete=models.CASCADE, related_name="projects", verbose_name=_("data lab")
    )
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_nl = models.TextField(_("summary (Dutch)"), blank=True, max_length=4000)
    summary_en = models.TextField(_("summary (English)"), blank=True, max_length=4000)
    domains = models.JSONField(_("domains"), default=list, blank=True)
    analysis_types = models.JSONField(_("analysis types"), default=list, blank=True)
    data_sources = models.JSONField(_("data sources"), default=list, blank=True)
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.RUNNING
    )
    result_url = models.URLField(_("result or report link"), blank=True)
    code_url = models.URLField(_("code repository link"), blank=True)
    reusable = models.BooleanField(_("reusable by others"), default=False)
    removed = models.BooleanField(
        _("removed"), default=False, help_text=_("Removed by the lab; kept for the history.")
    )
    is_fictional = models.BooleanField(
        _("fictional (demo)"), default=False, help_text=_("Made up by the demo command.")
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "title_nl", "pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title_nl

    def get_absolute_url(self) -> str:
        return reverse("labpages:project-detail", kwargs={"pk": self.pk})


class ChangeRecord(models.Model):
    """One change of a profile or project: the state before and after, who and when."""

    class Kind(models.TextChoices):
        PROFILE = "profile", _("profile")
        PROJECT = "project", _("project")

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        PENDING = "pending", _("waiting for approval")
        REJECTED = "rejected", _("rejected")
        REVERTED = "reverted", _("reverted")

    lab = models.ForeignKey(
        Datalab, on_delete=models.CASCADE, related_name="page_changes", verbose_name=_("data lab")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("project"),
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.APPLIED
    )
    author = models.CharField(_("author"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("researcher"),
    )
    edit_link = models.ForeignKey(
        "EditLink",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
        verbose_name=_("edit link"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    reverts = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reverts"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        permissions = [("review_labpage_change", _("Can review and revert lab page changes"))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.lab.name} · {self.created_at:%Y-%m-%d %H:%M}"


class EditLink(models.Model):
    """A lab coordinator's link to edit the lab's profile and projects. The token is never stored."""

    lab = models.ForeignKey(
        Datalab, on_delete=models.CASCADE, related_name="edit_links", verbose_name=_("data lab")
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    requested_on_site = models.BooleanField(
        _("requested on the lab page"), default=False, help_text=_("Else issued by a researcher.")
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("edit link")
        verbose_name_plural = _("edit links")

    def __str__(self) -> str:
        return f"{self.lab.name} · {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()


class DoExample(TranslatedFieldsMixin, models.Model):
    """A curated link from one of the 10 do's to a project or lab that illustrates it."""

    do = models.ForeignKey(
        Do, on_delete=models.CASCADE, related_name="examples", verbose_name=_("do")
    )
    project = models.ForeignKey(
        Project,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="do_examples",
        verbose_name=_("project"),
    )
    lab = models.ForeignKey(
        Datalab,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="do_examples",
        verbose_name=_("data lab"),
    )
    note_nl = models.CharField(_("why it illustrates the do (Dutch)"), max_length=300, blank=True)
    note_en = models.CharField(_("why it illustrates the do (English)"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_fictional = models.BooleanField(_("fictional (demo)"), default=False)

    class Meta:
        ordering = ["do__number", "order", "pk"]
        verbose_name = _("do example")
        verbose_name_plural = _("do examples")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(project__isnull=False) | models.Q(lab__isnull=False),
                name="labpages_doexample_project_or_lab",
            )
        ]

    def __str__(self) -> str:
        target = self.project or self.lab
        return f"{self.do.number} → {target}"
