"""Inventory waves, invitations, responses and their history."""

from __future__ import annotations

from datetime import date

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from datalab_monitor.core.translated import TranslatedFieldsMixin
from datalab_monitor.registry.models import Datalab


class WaveQuerySet(models.QuerySet):
    def published(self) -> WaveQuerySet:
        return self.filter(status=Wave.Status.PUBLISHED)


class Wave(TranslatedFieldsMixin, models.Model):
    """One run of the inventory (e.g. the 2018-2019 inventory, published in 2019)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        CLOSED = "closed", _("closed")
        PUBLISHED = "published", _("published")

    year = models.PositiveSmallIntegerField(_("year"), help_text=_("The year of publication."))
    questionnaire_version = models.CharField(
        _("questionnaire version"),
        max_length=20,
        default="2019",
        help_text=_("A version in datalab_monitor/questionnaire/definitions/."),
    )
    previous_wave = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_waves",
        verbose_name=_("previous wave"),
        help_text=_("Answers of this wave can pre-fill the form; findings show the change since."),
    )
    slug = models.SlugField(_("slug"), max_length=50, unique=True)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    is_synthetic = models.BooleanField(
        _("synthetic"),
        default=False,
        help_text=_("The answers are fictional demo data; every page that shows them says so."),
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    labs_known = models.PositiveIntegerField(
        _("labs known"),
        null=True,
        blank=True,
        help_text=_("How many data labs the researchers knew of when the wave ran."),
    )
    reported_questionnaires = models.PositiveIntegerField(
        _("questionnaires received (reported)"),
        null=True,
        blank=True,
        help_text=_("For a wave run outside this system: the number of questionnaires received."),
    )
    interviews_held = models.PositiveIntegerField(_("interviews held"), null=True, blank=True)
    source_nl = models.CharField(_("source (Dutch)"), max_length=300, blank=True)
    source_en = models.CharField(_("source (English)"), max_length=300, blank=True)
    invited_labs = models.ManyToManyField(
        Datalab,
        blank=True,
        related_name="invited_to_waves",
        verbose_name=_("invited data labs"),
        help_text=_("The labs asked to fill in this wave; each gets a personal link."),
    )

    objects = WaveQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "slug"]
        verbose_name = _("inventory wave")
        verbose_name_plural = _("inventory waves")
        # The researchers' rights; roles (groups) combine them: see core/roles.py.
        permissions = [
            ("manage_wave", _("Run waves: create, open, close, publish, links and imports")),
            ("view_monitor", _("See the response monitor of a wave (no answers)")),
            ("view_exact_figures", _("See exact, unprotected figures")),
        ]

    def __str__(self) -> str:
        return self.tr("title")

    @property
    def questionnaires_received(self) -> int | None:
        """Submitted responses stored here; for a wave run elsewhere, the reported number."""
        submitted = self.responses.filter(status=Response.Status.SUBMITTED).count()
        if submitted or self.reported_questionnaires is None:
            return submitted
        return self.reported_questionnaires

    @property
    def has_stored_responses(self) -> bool:
        return self.responses.exists()

    def questionnaire(self):
        from datalab_monitor.questionnaire import load_version

        return load_version(self.questionnaire_version)

    def accepts_answers(self, today: date | None = None) -> bool:
        """Open, and today lies between the open and close dates (both inclusive)."""
        today = today or timezone.localdate()
        return (
            self.status == Wave.Status.OPEN
            and (self.opens_on is None or self.opens_on <= today)
            and (self.closes_on is None or today <= self.closes_on)
        )

    @property
    def response_rate(self) -> float | None:
        """Share of known labs that returned a questionnaire (0-1), if both are known."""
        received = self.questionnaires_received
        if not self.labs_known or received is None:
            return None
        return received / self.labs_known


class Invitation(models.Model):
    """A personal link for one lab to fill in one wave. The token itself is never stored."""

    wave = models.ForeignKey(
        Wave, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("wave")
    )
    lab = models.ForeignKey(
        Datalab, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("data lab")
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    first_opened_at = models.DateTimeField(_("first opened at"), null=True, blank=True)
    last_opened_at = models.DateTimeField(_("last opened at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["wave", "lab__number", "-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.wave} - {self.lab}"


class Response(models.Model):
    """One lab's answers to one wave. ``version`` guards against silent overwrites."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")

    class Source(models.TextChoices):
        WEB = "web", _("web form")
        IMPORT = "import", _("import")
        DEMO = "demo", _("demo data")
        ADMIN = "admin", _("researcher")

    wave = models.ForeignKey(
        Wave, on_delete=models.CASCADE, related_name="responses", verbose_name=_("wave")
    )
    lab = models.ForeignKey(
        Datalab, on_delete=models.PROTECT, related_name="responses", verbose_name=_("data lab")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.WEB
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["wave", "lab__number"]
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        constraints = [
            models.UniqueConstraint(fields=["wave", "lab"], name="one_response_per_lab_per_wave")
        ]

    def __str__(self) -> str:
        return f"{self.wave} - {self.lab}"


class ResponseRevision(models.Model):
    """A saved state of a response: its history of changes."""

    response = models.ForeignKey(
        Response, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("response")
    )
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=10, choices=Response.Status.choices)
    answers = models.JSONField(_("answers"), default=dict)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = models.CharField(
        _("changed by"),
        max_length=200,
        help_text=_("Who or what saved it: the invitation link, an import file, a researcher."),
    )

    class Meta:
        ordering = ["response", "version"]
        verbose_name = _("response revision")
        verbose_name_plural = _("response revisions")
        constraints = [
            models.UniqueConstraint(fields=["response", "version"], name="one_revision_per_version")
        ]

    def __str__(self) -> str:
        return f"{self.response} v{self.version}"
