"""Public data cached per data stamp in the shared cache follows every change at once."""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache

from datalab_monitor.labpages.models import LabProfile
from datalab_monitor.labpages.services import public_labs
from datalab_monitor.registry.models import Datalab

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_register_json_follows_a_renamed_lab(register, client):
    first = json.loads(client.get("/open-data/register.json").content)
    lab = Datalab.objects.order_by("number").first()
    lab.name = "Fictief Hernoemd Datalab"
    lab.save()
    second = json.loads(client.get("/open-data/register.json").content)
    assert first != second
    assert "Fictief Hernoemd Datalab" in json.dumps(second)


def test_cached_register_json_is_the_same_file(register, client):
    first = client.get("/open-data/register.json")
    second = client.get("/open-data/register.json")
    assert first.content == second.content
    assert first["Content-Type"] == second["Content-Type"]
    assert client.get("/open-data/register.nope").status_code == 404


def test_peer_data_follows_a_profile_change(register):
    lab = Datalab.objects.order_by("number").first()
    before = next(p for p in public_labs() if p.number == lab.number)
    assert "fictief-domein" not in before.domains
    profile, _created = LabProfile.objects.get_or_create(lab=lab)
    profile.domains = [*(profile.domains or []), "fictief-domein"]
    profile.save()
    after = next(p for p in public_labs() if p.number == lab.number)
    assert "fictief-domein" in after.domains


def test_peer_data_follows_a_register_change(register):
    lab = Datalab.objects.order_by("number").first()
    public_labs()
    lab.name = "Fictief Ander Datalab"
    lab.save()
    assert any(p.name == "Fictief Ander Datalab" for p in public_labs())


def test_peers_follow_a_renamed_peer(register):
    from datalab_monitor.labpages.services import peers_of

    lab = Datalab.objects.order_by("number").first()
    found = peers_of(lab)
    shown = [p.lab for p in found.nearest + found.similar]
    assert shown, "the first lab has peers"
    peer = shown[0]
    peer.name = "Fictief Buurlab"
    peer.save()
    again = peers_of(lab)
    assert "Fictief Buurlab" in [p.lab.name for p in again.nearest + again.similar]
