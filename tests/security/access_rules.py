"""Who may open which URL: one rule per URL pattern, checked by ``test_access_matrix.py``.

Every URL pattern the resolver knows must be declared in ``RULES`` under its name
("namespace:name"; unnamed patterns under their route). Adding a page = adding one line:

    "app:name": PUBLIC,                          # anyone, no login
    "app:name": PERMISSION(MANAGE_WAVE),         # logged in and holding the permission
    "app:name": TOKEN("invitation"),             # a lab's personal link (token in the URL)
    "app:name": API(write=CHANGE_REGISTER),      # REST API: public reads, writes need a token
                                                 # ("Authorization: Bearer") with the permission
    "admin:name": ADMIN_PERMISSION(perm),        # an extra admin page that checks a permission

Admin URLs ("admin:...") are covered by one rule (Django's admin: staff login, model perms).

URL parameters are filled from ``SAMPLES`` (by parameter name: "slug" is a published wave's
slug, "number" lab A's number, ...); when a parameter means something else in one URL, say so
on the rule: ``PUBLIC.using(slug="lab_slug")``. The names refer to attributes of
``tests.security.world.World``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from datalab_monitor.core.roles import (
    CHANGE_REGISTER,
    MANAGE_WAVE,
    VIEW_ANSWERS,
    VIEW_EXACT_FIGURES,
    VIEW_MONITOR,
)


@dataclass(frozen=True)
class Rule:
    kind: str  # "public", "permission", "token", "api", "admin"
    permission: str = ""
    token_kind: str = ""
    owned: tuple[str, ...] = ()  # URL parameters naming the link holder's own objects
    write_method: str = "POST"  # API: the method that writes
    public_read: bool = True  # API: GET without a token works
    query: str = ""  # appended to the URL, e.g. "format=html"
    samples: dict[str, str] = field(default_factory=dict)

    def using(self, **samples: str) -> Rule:
        """The same rule, with URL parameters taken from other World attributes."""
        return replace(self, samples={**self.samples, **samples})

    def with_query(self, query: str) -> Rule:
        return replace(self, query=query)


PUBLIC = Rule("public")
ADMIN = Rule("admin")


def PERMISSION(permission: str) -> Rule:  # noqa: N802 (reads like a constant in the table)
    return Rule("permission", permission=permission)


def ADMIN_PERMISSION(permission: str) -> Rule:  # noqa: N802
    """An extra admin page (staff login) that also checks ``permission`` (403 without it)."""
    return Rule("admin", permission=permission)


def TOKEN(kind: str, owned: tuple[str, ...] = ()) -> Rule:  # noqa: N802
    """A link holder's page: ``kind`` is "invitation" (questionnaire) or "edit" (lab page).

    ``owned``: URL parameters that name lab A's objects; lab B's link must not open them.
    """
    return Rule("token", token_kind=kind, owned=owned)


def API(write: str, method: str = "POST", public_read: bool = True) -> Rule:  # noqa: N802
    """REST API resource: GET is public (unless ``public_read=False``); ``method`` writes and
    needs an API token ("Authorization: Bearer") of a user holding ``write``."""
    return Rule("api", permission=write, write_method=method, public_read=public_read)


# URL parameter name -> World attribute that gives its sample value.
SAMPLES = {
    "slug": "wave_slug",
    "number": "lab_a_number",
    "topic": "topic",
    "version": "questionnaire_version",
    "fmt": "fmt",
    "name": "table_name",
    "code": "municipality_code",
    "page_code": "page_code",
    "pk": "project_a_pk",
    "token": "token",  # filled per actor: the actor's own link, or an unknown one
    # admin
    "app_label": "app_label",
    "object_id": "admin_object_id",
    "content_type_id": "content_type_id",
    "url": "admin_url_tail",
    "id": "admin_object_id",
}

RULES: dict[str, Rule] = {
    # Language switch
    "set_language": PUBLIC,
    # Public site
    "web:home": PUBLIC,
    "web:lab-list": PUBLIC,
    "web:lab-detail": PUBLIC.using(slug="lab_a_slug"),
    "web:categories": PUBLIC,
    "web:dos": PUBLIC,
    "maps:map": PUBLIC,
    "maps:svg": PUBLIC,
    "maps:coverage": PUBLIC,
    "results:index": PUBLIC,
    "results:wave": PUBLIC,
    "results:csv": PUBLIC,
    "results:breakdown-csv": PUBLIC,
    "reports:index": PUBLIC,
    "reports:download": PUBLIC.with_query("format=html"),  # the PDF is the same, slower
    "opendata:index": PUBLIC,
    "opendata:datapackage-json": PUBLIC,
    "opendata:datapackage-zip": PUBLIC,
    "opendata:wave-findings": PUBLIC,
    "opendata:codebook": PUBLIC,
    "opendata:table": PUBLIC,
    "inventory:codebook-index": PUBLIC,
    "inventory:codebook": PUBLIC,
    "inventory:codebook-csv": PUBLIC,
    "labpages:project-list": PUBLIC,
    "labpages:project-detail": PUBLIC,
    "labpages:municipality-search": PUBLIC,
    "labpages:municipality": PUBLIC,
    "labpages:request-edit-link": PUBLIC.using(slug="lab_a_slug"),
    # Lab coordinators, with their personal links
    "inventory:form-start": TOKEN("invitation"),
    "inventory:form-page": TOKEN("invitation"),
    "inventory:form-review": TOKEN("invitation"),
    "inventory:form-done": TOKEN("invitation"),
    "labpages:edit-home": TOKEN("edit"),
    "labpages:edit-profile": TOKEN("edit"),
    "labpages:edit-project-new": TOKEN("edit"),
    "labpages:edit-project": TOKEN("edit", owned=("pk",)),
    # Researchers
    "inventory:wave-list": PERMISSION(VIEW_MONITOR),
    "inventory:wave-detail": PERMISSION(VIEW_MONITOR),
    "inventory:wave-create": PERMISSION(MANAGE_WAVE),
    "inventory:wave-status": PERMISSION(MANAGE_WAVE),
    "inventory:wave-labs-known": PERMISSION(MANAGE_WAVE),
    "inventory:links-csv": PERMISSION(MANAGE_WAVE),
    "inventory:links-email": PERMISSION(MANAGE_WAVE),
    "inventory:import-responses": PERMISSION(MANAGE_WAVE),
    "inventory:response-detail": PERMISSION(VIEW_ANSWERS),
    "results:researcher": PERMISSION(VIEW_EXACT_FIGURES),
    "results:researcher-csv": PERMISSION(VIEW_EXACT_FIGURES),
    "results:researcher-breakdown-csv": PERMISSION(VIEW_EXACT_FIGURES),
    # REST API
    "api:root": PUBLIC,
    "api:openapi": PUBLIC,
    "api:datalabs": PUBLIC,
    "api:datalab": API(write=CHANGE_REGISTER, method="PATCH"),
    "api:municipalities": PUBLIC,
    "api:municipality": PUBLIC,
    "api:nearest": PUBLIC,
    "api:profile": PUBLIC,
    "api:projects": PUBLIC,
    "api:project": PUBLIC.using(id="project_a_pk"),
    "api:provinces": PUBLIC,
    "api:categories": PUBLIC.using(code="category_code"),
    "api:category": PUBLIC.using(code="category_code"),
    "api:dos": PUBLIC,
    "api:do": PUBLIC.using(number="do_number"),
    "api:waves": PUBLIC,
    "api:wave": PUBLIC,
    "api:findings": PUBLIC,
    "api:coverage": PUBLIC,
    "api:imports": API(write=MANAGE_WAVE, public_read=False),
    # Extra admin pages
    "admin:labpages_editlink_issue": ADMIN_PERMISSION("labpages.add_editlink"),
}


def rule_for(name: str) -> Rule | None:
    """The declared rule of a URL name (admin URLs share one rule)."""
    if name in RULES:
        return RULES[name]
    if name.startswith("admin:") or name.startswith("admin/"):
        return ADMIN
    return None
