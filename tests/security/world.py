"""The data the access matrix runs against: two labs with links, a published wave, the actors.

Lab A and lab B each have a questionnaire link (an open wave) and a lab-page edit link. The
published wave has fictional answers of 38 labs, so every findings page and file exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from datalab_monitor.api.tokens import create_token
from datalab_monitor.core.roles import ROLES, ensure_roles
from datalab_monitor.inventory.models import Response, Wave
from datalab_monitor.labpages.editlinks import issue_edit_link
from datalab_monitor.labpages.models import Project
from datalab_monitor.registry.models import Category, Datalab, Do
from tests.inventory.helpers import open_wave, token_for
from tests.results.conftest import answers_for

UNKNOWN_TOKEN = "onbekend-" + "x" * 34


@dataclass
class Actor:
    """Someone who visits the site: a client, its user (if logged in) and its links."""

    name: str
    client: Client
    user: object = None
    tokens: dict[str, str] = field(default_factory=dict)  # token kind -> own token
    lab: Datalab | None = None
    api_token: str = ""

    @property
    def logged_in(self) -> bool:
        return self.user is not None

    def has_perm(self, permission: str) -> bool:
        return self.user is not None and self.user.is_active and self.user.has_perm(permission)


@dataclass
class World:
    wave_slug: str
    lab_a: Datalab
    lab_b: Datalab
    project_a_pk: int
    municipality_code: str
    category_code: str
    do_number: int
    actors: list[Actor]
    topic: str = "partners"
    questionnaire_version: str = "2019"
    fmt: str = "csv"
    table_name: str = "register"
    page_code: str = "lab"
    app_label: str = "registry"
    admin_object_id: str = "1"
    admin_url_tail: str = "bestaat-niet/"
    content_type_id: int = 0

    @property
    def lab_a_number(self) -> int:
        return self.lab_a.number

    @property
    def lab_a_slug(self) -> str:
        return self.lab_a.slug


def _published_wave() -> Wave:
    wave = Wave.objects.create(
        slug="toegang-gepubliceerd",
        year=2024,
        title_nl="Toegangstest (fictief)",
        title_en="Access test (fictional)",
        status=Wave.Status.PUBLISHED,
        is_synthetic=True,
        labs_known=48,
        source_nl="Fictief",
        source_en="Fictional",
    )
    labs = Datalab.objects.filter(number__lte=38)
    Response.objects.bulk_create(
        Response(wave=wave, lab=lab, status="submitted", answers=answers_for(lab.number))
        for lab in labs
    )
    wave.invited_labs.set(labs)
    return wave


def _user(django_user_model, name: str, *, staff: bool, superuser: bool = False, group=None):
    user = django_user_model.objects.create_user(
        name, password=None, is_staff=staff or superuser, is_superuser=superuser
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def build_world(django_user_model) -> World:
    ensure_roles()
    wave = _published_wave()
    lab_a, lab_b = Datalab.objects.order_by("number")[:2]
    questionnaire_wave = open_wave("toegang-open", labs=[lab_a, lab_b])
    project_a = Project.objects.create(lab=lab_a, title_nl="Fictief project A")

    def logged_in(name: str, **options) -> Actor:
        user = _user(django_user_model, name, **options)
        client = Client(raise_request_exception=False)
        client.force_login(user)
        return Actor(name, client, user, api_token=create_token(user, "access matrix")[1])

    def respondent(name: str, lab: Datalab) -> Actor:
        tokens = {
            "invitation": token_for(questionnaire_wave, lab),
            "edit": issue_edit_link(lab).token,
        }
        return Actor(name, Client(raise_request_exception=False), tokens=tokens, lab=lab)

    actors = [
        Actor("anonymous", Client(raise_request_exception=False)),
        logged_in("user-not-staff", staff=False),
        logged_in("staff-no-permissions", staff=True),
        *(logged_in(f"group-{role.name}", staff=True, group=role.name) for role in ROLES),
        logged_in("superuser", staff=True, superuser=True),
        respondent("respondent-lab-a", lab_a),
        respondent("respondent-lab-b", lab_b),
    ]
    municipality = lab_a.municipalities.first() if hasattr(lab_a, "municipalities") else None
    return World(
        wave_slug=wave.slug,
        lab_a=lab_a,
        lab_b=lab_b,
        project_a_pk=project_a.pk,
        municipality_code=municipality.code if municipality else "GM0363",
        category_code=Category.objects.order_by("pk").first().code,
        do_number=Do.objects.order_by("number").first().number,
        actors=actors,
        content_type_id=ContentType.objects.get_for_model(Datalab).pk,
    )
