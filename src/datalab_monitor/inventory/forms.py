"""Forms for researchers: creating a wave."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from datalab_monitor.questionnaire import available_versions
from datalab_monitor.registry.models import Datalab

from .models import Wave


class LabChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Datalab) -> str:
        return f"{obj.number}. {obj.name}"


class WaveCreateForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    slug = forms.SlugField(
        label=_("Short name in web addresses"),
        max_length=50,
        help_text=_("Letters, digits and hyphens, e.g. inventarisatie-2026."),
    )
    title_nl = forms.CharField(label=_("Title (Dutch)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    questionnaire_version = forms.ChoiceField(label=_("Questionnaire version"))
    opens_on = forms.DateField(
        label=_("Opens on"),
        required=False,
        help_text=_("Date as YYYY-MM-DD. Empty: the day you open the wave."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    closes_on = forms.DateField(
        label=_("Closes on"),
        required=False,
        help_text=_("Links work until the end of this day."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    previous_wave = forms.ModelChoiceField(
        label=_("Previous wave"),
        queryset=Wave.objects.filter(is_synthetic=False),
        required=False,
        help_text=_("Labs' answers to this wave pre-fill the form."),
    )
    labs = LabChoiceField(
        label=_("Labs to invite"),
        queryset=Datalab.objects.order_by("number"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("All active labs of the register are ticked."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        versions = available_versions()
        self.fields["questionnaire_version"].choices = [(v, v) for v in versions]
        if not self.is_bound:
            self.initial.setdefault("questionnaire_version", versions[-1])
            self.initial.setdefault(
                "labs", list(Datalab.objects.filter(status=Datalab.Status.ACTIVE))
            )
            self.initial.setdefault(
                "previous_wave",
                Wave.objects.filter(is_synthetic=False).order_by("-year").first(),
            )

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if Wave.objects.filter(slug=slug).exists():
            raise forms.ValidationError(_("A wave with this short name already exists."))
        return slug

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error("closes_on", _("The close date must not be before the open date."))
        return data
