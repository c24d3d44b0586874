"""Roles in practice: what a Meelezer and an Onderzoeker see; the 403 page; the staff chrome."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from datalab_monitor.core.roles import ROLES, ensure_roles
from tests.inventory.helpers import open_wave

pytestmark = pytest.mark.django_db


def _client_in(django_user_model, group: str | None) -> Client:
    ensure_roles()
    user = django_user_model.objects.create_user(f"user-{group}", password=None, is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    client = Client()
    client.force_login(user)
    return client


def test_init_roles_are_idempotent():
    ensure_roles()
    assert ensure_roles() == []
    assert set(Group.objects.values_list("name", flat=True)) >= {role.name for role in ROLES}


def test_staff_without_a_role_gets_the_dutch_403_page(register, django_user_model):
    client = _client_in(django_user_model, None)
    response = client.get(reverse("inventory:wave-list"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Geen toegang" in page and "Uitloggen" in page


def test_meelezer_follows_the_monitor_but_reads_no_answers(register, django_user_model):
    wave = open_wave("rollen")
    lab = wave.invited_labs.order_by("number").first()
    client = _client_in(django_user_model, "Meelezer")
    detail = client.get(reverse("inventory:wave-detail", args=[wave.slug]))
    assert detail.status_code == 200
    assert "private" in detail["Cache-Control"] and "no-store" in detail["Cache-Control"]
    answers = reverse("inventory:response-detail", args=[wave.slug, lab.number])
    assert client.get(answers).status_code == 403
    assert client.post(reverse("inventory:links-csv", args=[wave.slug])).status_code == 403
    close = client.post(reverse("inventory:wave-status", args=[wave.slug]), {"action": "close"})
    assert close.status_code == 403
    wave.refresh_from_db()
    assert wave.status == "open"  # the refused POST changed nothing


def test_onderzoeker_downloads_links_that_no_cache_keeps(register, django_user_model):
    wave = open_wave("rollen-links")
    client = _client_in(django_user_model, "Onderzoeker")
    response = client.post(reverse("inventory:links-csv", args=[wave.slug]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_anonymous_visitors_are_sent_to_the_login(client, register):
    response = client.get(reverse("inventory:wave-list"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/inventarisatie/beheer/")


def test_the_admin_links_back_to_the_researchers_pages(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    assert f'href="{reverse("inventory:wave-list")}"' in page


def test_logout_is_a_post_form(register, django_user_model):
    client = _client_in(django_user_model, "Onderzoeker")
    page = client.get(reverse("inventory:wave-list")).content.decode()
    assert f'method="post" action="{reverse("admin:logout")}"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert f'href="{reverse("admin:index")}"' in page
    client.post(reverse("admin:logout"))
    assert client.get(reverse("inventory:wave-list")).status_code == 302
