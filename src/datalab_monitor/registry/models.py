"""Register models: provinces, municipalities (with mergers), categories, labs, partners, do's."""

from __future__ import annotations

from datetime import date

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from datalab_monitor.core.translated import TranslatedFieldsMixin

municipality_code_validator = RegexValidator(
    r"^GM\d{4}$", _("A CBS municipality code is 'GM' followed by four digits, e.g. GM0361.")
)
province_code_validator = RegexValidator(
    r"^PV\d{2}$", _("A CBS province code is 'PV' followed by two digits, e.g. PV27.")
)


class Province(models.Model):
    code = models.CharField(
        _("CBS code"), max_length=4, unique=True, validators=[province_code_validator]
    )
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["name"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self) -> str:
        return self.name


class MunicipalityQuerySet(models.QuerySet):
    def in_force(self, on: date | int) -> MunicipalityQuerySet:
        """Municipalities that existed on ``on`` (a date, or 1 January of a year)."""
        day = date(on, 1, 1) if isinstance(on, int) else on
        known_from = models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day)
        not_ended = models.Q(valid_to__isnull=True) | models.Q(valid_to__gt=day)
        return self.filter(known_from & not_ended)


class Municipality(models.Model):
    """A municipality with its CBS code. Merged municipalities stay, with an end date and successors."""

    code = models.CharField(
        _("CBS code"), max_length=6, unique=True, validators=[municipality_code_validator]
    )
    name = models.CharField(_("name"), max_length=100, help_text=_("The newest official CBS name."))
    names = models.JSONField(
        _("names per year"),
        default=dict,
        blank=True,
        help_text=_('Official CBS name per reference year, e.g. {"2019": "Hengelo"}.'),
    )
    province = models.ForeignKey(Province, on_delete=models.PROTECT, verbose_name=_("province"))
    valid_from = models.DateField(
        _("valid from"),
        null=True,
        blank=True,
        help_text=_("Empty: already existed in the first reference year."),
    )
    valid_to = models.DateField(
        _("valid to"), null=True, blank=True, help_text=_("The day it ceased to exist (merger).")
    )
    successors = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successors"),
    )

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def name_in(self, year: int) -> str:
        """The official name in ``year`` (the nearest earlier reference year), else the newest."""
        years = sorted((int(y) for y in self.names), reverse=True)
        for known in years:
            if known <= year:
                return self.names[str(known)]
        return self.name

    def exists_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to > day
        )

    def successors_on(self, day: date) -> list[Municipality]:
        """The municipalities that hold this one's territory on ``day`` (following every merger)."""
        if self.exists_on(day):
            return [self]
        found: dict[str, Municipality] = {}
        for successor in self.successors.all():
            for current in successor.successors_on(day):
                found[current.code] = current
        return sorted(found.values(), key=lambda m: m.code)


class Category(TranslatedFieldsMixin, models.Model):
    """One of the four kinds of data lab of the 2019 publication."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name_nl = models.CharField(_("name (Dutch)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100)
    description_nl = models.TextField(_("explanation (Dutch)"))
    description_en = models.TextField(_("explanation (English)"))

    class Meta:
        ordering = ["order"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return self.tr("name")

    def get_absolute_url(self) -> str:
        return reverse("web:categories") + f"#{self.code}"


class Partner(models.Model):
    """An organisation a lab works with (knowledge institution, CBS, other municipality, ...)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")

    def __str__(self) -> str:
        return self.name


class DatalabQuerySet(models.QuerySet):
    def with_relations(self) -> DatalabQuerySet:
        return self.select_related("category", "lead_municipality__province").prefetch_related(
            "municipalities__province", "partners"
        )


class Datalab(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        STOPPED = "stopped", _("stopped")

    number = models.PositiveSmallIntegerField(
        _("inventory number"),
        unique=True,
        validators=[MinValueValidator(1)],
        help_text=_("The lab's number in the 2019 publication (1-38); new labs continue from 39."),
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, verbose_name=_("category"))
    lead_municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="led_labs",
        verbose_name=_("lead municipality"),
        help_text=_("Empty for a regional lab whose lead municipality is not known."),
    )
    municipalities = models.ManyToManyField(
        Municipality, related_name="datalabs", verbose_name=_("municipalities covered")
    )
    partners = models.ManyToManyField(
        Partner, blank=True, related_name="datalabs", verbose_name=_("partner organisations")
    )
    aliases = models.TextField(
        _("aliases"),
        blank=True,
        help_text=_(
            "Other names respondents use for this lab, one per line (used to match imports)."
        ),
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
    )
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    # Personal data: never shown publicly, exported or logged.
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    objects = DatalabQuerySet.as_manager()

    class Meta:
        ordering = ["number"]
        verbose_name = _("data lab")
        verbose_name_plural = _("data labs")

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("web:lab-detail", kwargs={"slug": self.slug})

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]

    @property
    def provinces(self) -> list[Province]:
        found = {m.province.code: m.province for m in self.municipalities.all()}
        return sorted(found.values(), key=lambda p: p.name)


class Do(TranslatedFieldsMixin, models.Model):
    """One of the "10 do's for data labs" from the publication."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    body_nl = models.TextField(_("text (Dutch)"))
    body_en = models.TextField(_("text (English)"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("do")
        verbose_name_plural = _("do's")

    def __str__(self) -> str:
        return f"{self.number}. {self.tr('title')}"
