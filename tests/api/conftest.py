"""API test fixtures: a client, users with the roles' permissions, and their API tokens."""

from __future__ import annotations

import pytest
from django.test import Client


@pytest.fixture(autouse=True)
def _fresh_api_state(settings):
    """No rate limit unless a test sets one; an empty response cache and throttle counts."""
    from django.core.cache import cache

    from datalab_monitor.api import caching

    settings.DATALAB_API_RATES = {"anonymous": None, "token": None}
    caching.clear()
    cache.clear()
    yield
    caching.clear()


@pytest.fixture
def api(register) -> Client:
    return Client(HTTP_HOST="localhost")


def _user_with(username: str, *permissions: str):
    from django.contrib.auth.models import Permission, User

    user = User.objects.create_user(username, password="unused-password-123")
    for dotted in permissions:
        app_label, codename = dotted.split(".", 1)
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    return user


@pytest.fixture
def token_for(register):
    """``token_for("registry.change_datalab", ...)``: a plain API token of a user with those rights."""
    from datalab_monitor.api.tokens import create_token

    counter = iter(range(1000))

    def make(*permissions: str) -> str:
        user = _user_with(f"api-user-{next(counter)}", *permissions)
        _token, plain = create_token(user, "test")
        return plain

    return make
