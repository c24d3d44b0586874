"""Fixtures for the lab pages: a lab with a contact address, an edit link, a client per language."""

from __future__ import annotations

import pytest

from tests.web.conftest import client_in, compile_translations


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    compile_translations()


@pytest.fixture
def nl_client():
    return client_in("nl")


@pytest.fixture
def en_client():
    return client_in("en")


@pytest.fixture
def lab(register):
    from datalab_monitor.registry.models import Datalab

    lab = Datalab.objects.get(slug="twente")
    lab.contact_name = "Registered Person"
    lab.contact_email = "registered.person@example.org"
    lab.save()
    return lab


@pytest.fixture
def other_lab(register):
    from datalab_monitor.registry.models import Datalab

    return Datalab.objects.exclude(slug="twente").order_by("number").first()


@pytest.fixture
def issued(lab):
    from datalab_monitor.labpages.editlinks import issue_edit_link

    return issue_edit_link(lab)


@pytest.fixture
def token(issued) -> str:
    return issued.token
