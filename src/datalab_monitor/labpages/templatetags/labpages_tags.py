"""Template helpers: code-list labels, and the lab page's profile, projects and peers."""

from __future__ import annotations

from django import template

from datalab_monitor.core.translated import current_language
from datalab_monitor.registry.models import Datalab

from .. import codelists, services
from ..changes import profile_of

register = template.Library()


@register.filter
def code_labels(values: list[str] | None, code_list: str) -> list[str]:
    """Labels (reader's language) of the codes in ``values`` from one of the code lists."""
    return codelists.labels(code_list, list(values or []), current_language())


@register.inclusion_tag("labpages/includes/lab_sections.html")
def lab_page_sections(lab: Datalab) -> dict:
    """The profile, projects and peers (nothing per visitor: the lab page caches them)."""
    profile = profile_of(lab)
    return {
        "lab": lab,
        "profile": profile if profile.pk else None,
        "projects": lab.projects.public(),
        "peers": services.peers_of(lab),
    }
