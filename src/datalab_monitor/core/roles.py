"""The researchers' roles: Django groups with explicit permissions, created by ``init``.

Every staff view checks one of these permissions, never just ``is_staff``. A role is data here,
so ``init`` can create or correct the groups idempotently; permissions a deployment added to a
group by hand are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Permissions, as "app_label.codename", that the views check.
MANAGE_WAVE = "inventory.manage_wave"
VIEW_MONITOR = "inventory.view_monitor"
VIEW_EXACT_FIGURES = "inventory.view_exact_figures"
VIEW_ANSWERS = "inventory.view_response"
CHANGE_REGISTER = "registry.change_datalab"
REVIEW_LAB_PAGES = "labpages.review_labpage_change"
# Lab pages (profiles, projects, edit links, do examples): review, revert and issue links.
LAB_PAGES = (
    REVIEW_LAB_PAGES,
    "labpages.view_labprofile",
    "labpages.change_labprofile",
    "labpages.view_project",
    "labpages.change_project",
    "labpages.view_changerecord",
    "labpages.view_editlink",
    "labpages.add_editlink",
    "labpages.change_editlink",
    "labpages.view_doexample",
    "labpages.add_doexample",
    "labpages.change_doexample",
    "labpages.delete_doexample",
)
# Researchers issue and revoke their own API tokens (admin; see docs/api.md).
API_TOKENS = ("api.view_apitoken", "api.add_apitoken", "api.change_apitoken")


@dataclass(frozen=True)
class Role:
    name: str
    description: object
    permissions: tuple[str, ...]


ROLES: tuple[Role, ...] = (
    Role(
        "Onderzoeker",
        _("Runs waves, invitations and imports; reads answers; sees exact figures."),
        (
            MANAGE_WAVE,
            VIEW_MONITOR,
            VIEW_EXACT_FIGURES,
            VIEW_ANSWERS,
            "inventory.view_wave",
            "inventory.add_wave",
            "inventory.change_wave",
            "inventory.view_invitation",
            "inventory.add_invitation",
            "inventory.change_invitation",
            "inventory.add_response",
            "inventory.change_response",
            "inventory.view_responserevision",
            "registry.view_datalab",
            *LAB_PAGES,
            *API_TOKENS,
        ),
    ),
    Role(
        "Meelezer",
        _("Follows the monitor and sees exact figures, but no answers of a single lab."),
        (VIEW_MONITOR, VIEW_EXACT_FIGURES, "inventory.view_wave"),
    ),
    Role(
        "Registerbeheerder",
        _("Keeps the register of data labs."),
        (
            "registry.view_datalab",
            "registry.add_datalab",
            CHANGE_REGISTER,
            "registry.view_municipality",
            "registry.view_category",
            *LAB_PAGES,
            *API_TOKENS,
        ),
    ),
)


def ensure_roles() -> list[str]:
    """Create the groups and give them their permissions; return the names of groups created."""
    from django.contrib.auth.models import Group, Permission

    created_names = []
    for role in ROLES:
        group, created = Group.objects.get_or_create(name=role.name)
        if created:
            created_names.append(role.name)
        for dotted in role.permissions:
            app_label, codename = dotted.split(".", 1)
            permission = Permission.objects.get(
                content_type__app_label=app_label, codename=codename
            )
            group.permissions.add(permission)
    return created_names
