"""Forms: a lab's profile and projects (edit link), and the public filters (GET, no JavaScript)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from datalab_monitor.core.translated import current_language
from datalab_monitor.registry.models import Category, Province

from . import codelists
from .changes import PROFILE_FIELDS, PROJECT_FIELDS
from .models import LabProfile, Project

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"
SELECT = "utrecht-select utrecht-select--html-select"


def code_choices(name: str) -> list[tuple[str, str]]:
    return codelists.choices(name, current_language())


class CodeListField(forms.MultipleChoiceField):
    """Checkboxes for one of the questionnaire's code lists (labels in the reader's language)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, code_list: str, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(choices=lambda: code_choices(code_list), **kwargs)


def _style(form: forms.Form) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.URLField):
            field.assume_scheme = "https"  # a bare "example.org" means https://example.org
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple | forms.CheckboxInput):
            continue
        if isinstance(widget, forms.Textarea):
            widget.attrs.setdefault("class", TEXTAREA)
            widget.attrs.setdefault("rows", 5)
        elif isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", SELECT)
        else:
            widget.attrs.setdefault("class", TEXTBOX)


class ProfileForm(forms.ModelForm):
    partner_codes = CodeListField("partners", label=_("Partners"))
    domains = CodeListField("domains", label=_("Domains"))

    class Meta:
        model = LabProfile
        fields = list(PROFILE_FIELDS)  # what the lab edits is what the history records
        labels = {
            "description_nl": _("Description (Dutch)"),
            "description_en": _("Description (English)"),
            "website": _("Website"),
            "start_year": _("Start year"),
            "partners_other": _("Other partners"),
            "contact_name": _("Public contact: name"),
            "contact_email": _("Public contact: e-mail"),
            "contact_consent": _("The contact person agrees that their name and e-mail are public"),
        }
        help_texts = {
            "partners_other": _("Names of other organisations, separated by commas."),
            "contact_name": _(
                "Shown on the public page only with the person's consent below. Without "
                "consent, the name and e-mail are not kept."
            ),
            "contact_consent": _("Untick to withdraw consent: the contact is removed at once."),
        }
        widgets = {"website": forms.URLInput(attrs={"placeholder": "https://"})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        consent = data.get("contact_consent")
        if consent and not (data.get("contact_name") or data.get("contact_email")):
            self.add_error(
                "contact_name", _("Give a name or an e-mail address, or untick consent.")
            )
        return data

    def _post_clean(self) -> None:  # the service validates and saves; keep the instance untouched
        pass


class ProjectForm(forms.ModelForm):
    domains = CodeListField("domains", label=_("Domains"))
    analysis_types = CodeListField("analysis_types", label=_("Kinds of analysis"))
    data_sources = CodeListField("data_sources", label=_("Data sources"))

    class Meta:
        model = Project
        fields = [name for name in PROJECT_FIELDS if name != "removed"]  # removing: own button
        labels = {
            "title_nl": _("Title (Dutch)"),
            "title_en": _("Title (English)"),
            "summary_nl": _("Summary (Dutch)"),
            "summary_en": _("Summary (English)"),
            "year": _("Year"),
            "status": _("Status"),
            "result_url": _("Link to the result or report"),
            "code_url": _("Link to the code repository"),
            "reusable": _("Other labs can reuse this project (code, method or product)"),
        }
        widgets = {
            "result_url": forms.URLInput(attrs={"placeholder": "https://"}),
            "code_url": forms.URLInput(attrs={"placeholder": "https://"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _style(self)

    def _post_clean(self) -> None:
        pass


class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    domain = CodeListField("domains", label=_("Domain"))
    analysis = CodeListField("analysis_types", label=_("Kind of analysis"))
    source = CodeListField("data_sources", label=_("Data source"))
    category = forms.MultipleChoiceField(
        label=_("Kind of lab"), required=False, widget=forms.CheckboxSelectMultiple
    )
    province = forms.MultipleChoiceField(
        label=_("Province"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [(c.code, c.tr("name")) for c in Category.objects.all()]
        self.fields["province"].choices = [(p.code, p.name) for p in Province.objects.all()]
        self.fields["q"].widget.attrs.update({"class": TEXTBOX, "type": "search"})

    def criteria(self) -> dict[str, Any]:
        """The valid filters (an invalid value is reported on the form and ignored)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "text": data.get("q", ""),
            "domains": data.get("domain", []),
            "analysis_types": data.get("analysis", []),
            "data_sources": data.get("source", []),
            "categories": data.get("category", []),
            "provinces": data.get("province", []),
        }

    @property
    def is_filtering(self) -> bool:
        return any(self.criteria().values())


class DomainPickForm(forms.Form):
    domain = CodeListField("domains", label=_("Domains you care about"))


class MunicipalitySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Municipality"),
        max_length=100,
        help_text=_("A name, a former name or a CBS code (GM0361)."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs.update({"class": TEXTBOX})
