"""A wave of 38 fictional responses made directly in the database (one per lab)."""

from __future__ import annotations

import pytest


def answers_for(number: int) -> dict:
    """Deterministic answers; lab 1 alone works with the province (a cell of 1)."""
    partners = ["cbs"] if number % 2 else ["municipalities"]
    if number % 3 == 0:
        partners.append("universities")
    if number == 1:
        partners += ["province", "other"]
    answers = {
        "start_year": 2015 + number % 5,
        "partners": partners,
        "analysis_types": ["descriptive"] + (["predictive"] if number % 4 == 0 else []),
        "domains": ["social"] if number % 3 else ["safety", "mobility"],
        "fte_own": [0, 0.5, 1, 2, 3, 6][number % 6],
        "funding": ["project_basis"],
        "improvements": ["staff"] + (["money"] if number % 2 else []),
    }
    if number == 1:
        answers["partners.other"] = "Waterschap Testland"
    if number == 38:
        del answers["domains"]  # a missing answer
    return answers


@pytest.fixture
def make_wave(register):
    from datalab_monitor.inventory.models import Response, Wave
    from datalab_monitor.registry.models import Datalab

    def make(slug="test-wave", *, synthetic=False, status="published", previous=None, labs=None):
        wave = Wave.objects.create(
            slug=slug,
            year=2024,
            title_nl=f"Testmeting {slug}",
            title_en=f"Test wave {slug}",
            status=status,
            is_synthetic=synthetic,
            labs_known=48,
            previous_wave=previous,
            source_nl="Testbron",
            source_en="Test source",
        )
        for lab in Datalab.objects.filter(number__lte=38 if labs is None else labs):
            Response.objects.create(
                wave=wave, lab=lab, status="submitted", answers=answers_for(lab.number)
            )
        return wave

    return make


@pytest.fixture
def staff_client(django_user_model):
    from django.contrib.auth.models import Group
    from django.test import Client

    from datalab_monitor.core.roles import ensure_roles

    ensure_roles()

    user = django_user_model.objects.create_user("researcher", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Onderzoeker"))
    staff = Client()
    staff.force_login(user)
    return staff
