"""Forms for researchers: creating a wave, the number of labs known."""

from __future__ import annotations

from django import forms
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from datalab_monitor.questionnaire import available_versions
from datalab_monitor.registry.models import Datalab

from .models import Wave


class LabChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Datalab) -> str:
        return f"{obj.number}. {obj.name}"


class PreviousWaveField(forms.ModelChoiceField):
    """A wave to pre-fill from, labelled with how many labs' answers it can pre-fill."""

    def label_from_instance(self, obj: Wave) -> str:
        count = getattr(obj, "answered", None)
        if count is None:
            return str(obj)
        if not count:
            return _("%(wave)s (holds no answers: nothing to pre-fill)") % {"wave": obj}
        return ngettext(
            "%(wave)s (answers of %(count)d lab)",
            "%(wave)s (answers of %(count)d labs)",
            count,
        ) % {"wave": obj, "count": count}


def waves_with_answer_counts():
    """Real (not synthetic) waves, each annotated with ``answered``: its responses with answers."""
    return Wave.objects.filter(is_synthetic=False).annotate(
        answered=Count("responses", filter=~Q(responses__answers={}))
    )


def labs_known_field(**kwargs) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Data labs known"),
        min_value=1,
        max_value=100000,
        required=False,
        help_text=_(
            "How many data labs the researchers know of for this wave. The response rate and "
            "the findings use it; it must be filled in before the wave is published."
        ),
        **kwargs,
    )


class LabsKnownForm(forms.Form):
    labs_known = labs_known_field()


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
    previous_wave = PreviousWaveField(
        label=_("Previous wave"),
        queryset=waves_with_answer_counts(),
        required=False,
        help_text=_(
            "Labs' answers to this wave pre-fill the form. A wave that holds no answers (one "
            "run outside this system) pre-fills nothing."
        ),
    )
    labs_known = labs_known_field()
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
                waves_with_answer_counts().filter(answered__gt=0).order_by("-year").first(),
            )
            self.initial.setdefault(
                "labs_known", Datalab.objects.filter(status=Datalab.Status.ACTIVE).count() or None
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
