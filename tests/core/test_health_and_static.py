"""Health endpoints, and the static files that collectstatic publishes."""

from __future__ import annotations

import json
import re

import pytest
from django.conf import settings
from django.db import OperationalError, connection

from datalab_monitor.core import health
from datalab_monitor.core.staticfiles import VENDOR_FILES, vendor_files


def test_healthz_is_alive_without_the_database(client):
    # No django_db mark: any database access would raise here.
    response = client.get("/healthz", HTTP_HOST="10.0.0.7:8000")  # a probe's Host
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


@pytest.mark.django_db
def test_readyz_answers_when_the_database_is_migrated(client):
    response = client.get("/readyz", HTTP_HOST="10.0.0.7:8000")
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_readyz_is_503_with_unapplied_migrations(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated_at", None)

    class Executor:
        def __init__(self, connection):
            self.loader = type("L", (), {"graph": type("G", (), {"leaf_nodes": lambda s: []})()})

        def migration_plan(self, targets):
            return [("registry", "9999_new"), ("inventory", "9999_new")]

    monkeypatch.setattr(health, "MigrationExecutor", Executor)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["unapplied_migrations"] == 2


def test_readyz_is_503_when_the_database_is_unreachable(client, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "unreachable"


def test_probes_accept_only_get_and_head(client):
    assert client.post("/healthz").status_code == 405
    assert client.head("/healthz").status_code == 200


def test_only_the_vendor_files_the_site_uses_are_published():
    manifest = json.loads((settings.STATIC_ROOT / "staticfiles.json").read_text())
    published = sorted(
        name.removeprefix("vendor/") for name in manifest["paths"] if name.startswith("vendor/")
    )
    assert published == vendor_files(settings.NODE_MODULES_DIR)
    assert not [p for p in published if p.startswith((".", "axe-core", "@stoplight"))]
    assert not (settings.STATIC_ROOT / "vendor" / ".package-lock.json").exists()
    assert len(published) < 20


def test_every_vendor_file_a_template_links_is_published():
    linked = set()
    for template in settings.PACKAGE_DIR.rglob("templates/**/*.html"):
        linked |= set(re.findall(r"""static ['"]vendor/([^'"]+)['"]""", template.read_text()))
    assert linked
    assert linked <= set(vendor_files(settings.NODE_MODULES_DIR)), VENDOR_FILES


def test_static_files_are_served_with_hashed_names_and_long_caching(client):
    from django.templatetags.static import static

    url = static("vendor/@utrecht/component-library-css/dist/index.css")
    assert re.search(r"/index\.[0-9a-f]{12}\.css$", url)
    response = client.get(url)
    assert response.status_code == 200
    assert "immutable" in response["Cache-Control"]
    assert client.get("/static/vendor/.package-lock.json").status_code == 404
    assert client.get("/static/vendor/axe-core/axe.min.js").status_code == 404
