"""Inventory waves and the facts each wave reports about itself."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from datalab_monitor.registry.translated import TranslatedFieldsMixin


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

    objects = WaveQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "slug"]
        verbose_name = _("inventory wave")
        verbose_name_plural = _("inventory waves")

    def __str__(self) -> str:
        return self.tr("title")

    @property
    def questionnaires_received(self) -> int | None:
        return self.reported_questionnaires

    @property
    def response_rate(self) -> float | None:
        """Share of known labs that returned a questionnaire (0-1), if both are known."""
        received = self.questionnaires_received
        if not self.labs_known or received is None:
            return None
        return received / self.labs_known
