"""Abuse limits: unknown links per client address get a 429; the admin login locks (django-axes)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client, RequestFactory
from django.urls import reverse

from datalab_monitor.core.ratelimit import RateLimit, client_address, parse_limit
from tests.inventory.helpers import open_wave, token_for

pytestmark = pytest.mark.django_db

UNKNOWN = reverse("inventory:form-start", args=["geen-bestaande-link-" + "z" * 24])


def _client(address: str, **headers) -> Client:
    return Client(REMOTE_ADDR=address, **headers)


@pytest.fixture
def small_limit(settings):
    settings.DATALAB_WRONG_LINK_LIMIT = "5/600"
    settings.DATALAB_TRUSTED_PROXIES = 0


def test_unknown_links_get_429_after_the_limit_and_valid_links_keep_working(register, small_limit):
    from datalab_monitor.registry.models import Datalab

    lab = Datalab.objects.order_by("number").first()
    token = token_for(open_wave("limiet", labs=[lab]), lab)
    attacker = _client("203.0.113.10")
    statuses = [attacker.get(f"{UNKNOWN[:-2]}{i}/").status_code for i in range(5)]
    assert statuses == [404] * 5
    refused = attacker.get(UNKNOWN)
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 600
    assert "no-store" in refused["Cache-Control"]
    page = refused.content.decode()
    assert "Te veel pogingen" in page and "Too many attempts" in page
    assert re.search(r"Probeer het over \d+ minu(ut|ten) opnieuw", page)
    assert attacker.post(UNKNOWN).status_code == 429  # saving with a wrong link as well
    # The lab's own link still opens, from the same address, and others are not affected.
    assert attacker.get(reverse("inventory:form-start", args=[token])).status_code in (200, 302)
    assert _client("203.0.113.11").get(UNKNOWN).status_code == 404


def test_x_forwarded_for_is_ignored_without_trusted_proxies(register, small_limit):
    for i in range(6):
        response = _client("203.0.113.20", HTTP_X_FORWARDED_FOR=f"198.51.100.{i}").get(UNKNOWN)
    assert response.status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_client_counts(register, small_limit, settings):
    settings.DATALAB_TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"
    for i in range(6):  # a client cannot escape by sending its own X-Forwarded-For
        response = _client(proxy, HTTP_X_FORWARDED_FOR=f"1.2.3.{i}, 198.51.100.30").get(UNKNOWN)
    assert response.status_code == 429
    other = _client(proxy, HTTP_X_FORWARDED_FOR="198.51.100.31").get(UNKNOWN)
    assert other.status_code == 404


def test_client_address(settings):
    factory = RequestFactory()
    request = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 7.7.7.7")
    settings.DATALAB_TRUSTED_PROXIES = 0
    assert client_address(request) == "10.0.0.2"
    settings.DATALAB_TRUSTED_PROXIES = 1
    assert client_address(request) == "7.7.7.7"
    settings.DATALAB_TRUSTED_PROXIES = 2
    assert client_address(request) == "6.6.6.6"
    settings.DATALAB_TRUSTED_PROXIES = 5  # more proxies than addresses: the leftmost
    assert client_address(request) == "6.6.6.6"
    # Not an IP address (a proxy that adds ports, a client's garbage): the connection's address.
    garbage = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="<script>, x")
    assert client_address(garbage) == "10.0.0.2"
    settings.DATALAB_TRUSTED_PROXIES = 0
    request.META.pop("REMOTE_ADDR")
    assert client_address(request) is None  # e.g. force_login's request: axes stores no address


def test_the_window_ends(settings):
    settings.DATALAB_TEST_LIMIT = "2/60"
    limit = RateLimit("test-window", setting="DATALAB_TEST_LIMIT")
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.40")
    start = 60 * 16_666_667 + 20.0  # 20 s into a window
    assert limit.fail(request, now=start) is None
    assert limit.fail(request, now=start + 1) is None
    refused = limit.fail(request, now=start + 2)
    assert refused.status_code == 429 and int(refused["Retry-After"]) == 38
    assert limit.fail(request, now=start + 41) is None  # the next window


def test_a_bad_limit_setting_says_what_is_wrong():
    assert parse_limit("20/600") == (20, 600)
    for bad in ("20", "x/600", "0/600", "20/0", ""):
        with pytest.raises(ValueError, match="attempts/seconds"):
            parse_limit(bad)


def test_admin_login_locks_after_repeated_failures(settings):
    settings.AXES_FAILURE_LIMIT = 3
    get_user_model().objects.create_user("onderzoeker", password="juist-wachtwoord", is_staff=True)
    login = reverse("admin:login")
    guesser = _client("203.0.113.50")
    for _ in range(2):
        response = guesser.post(login, {"username": "onderzoeker", "password": "fout"})
        assert response.status_code == 200  # the form again, with its error
    locked = guesser.post(login, {"username": "onderzoeker", "password": "fout"})
    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 30 * 60
    page = locked.content.decode()
    assert "Inloggen geblokkeerd" in page and "Login locked" in page
    # Locked out: even the right password is refused from that address ...
    right = {"username": "onderzoeker", "password": "juist-wachtwoord"}
    assert guesser.post(login, right).status_code == 429
    # ... while a colleague elsewhere logs in.
    colleague = _client("203.0.113.51")
    assert colleague.post(login, right).status_code == 302
