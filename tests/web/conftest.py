"""Fixtures for the public pages: compiled translations and a client per language."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client


def compile_translations() -> None:
    """Compile the .po files and drop Django's cached catalogs, so tests see the current ones."""
    import gettext

    from django.utils.translation import trans_real

    from datalab_monitor.core.i18n import compile_all

    if compile_all():
        gettext._translations.clear()
        trans_real._translations = {}
        trans_real._default = None
        trans_real._active = trans_real.Local()


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    compile_translations()


def client_in(language: str) -> Client:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def nl_client() -> Client:
    return client_in("nl")


@pytest.fixture
def en_client() -> Client:
    return client_in("en")
