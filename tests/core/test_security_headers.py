"""HTTPS, CSP and Permissions-Policy: settings from the environment and the headers on pages."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.urls import reverse

from datalab_monitor.core.csp import style_hashes

pytestmark = pytest.mark.django_db

# The production environment of docs/deploy.md ("Environment"), with a test secret key.
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k3Jd9-f8Ls0_qPz2Xw7Vb4Nm6Ct1Ry5Hg8Ue3Ia0Oo9Ss2Dd7Ff4Gg1Hh6Jj3Kk8Ll5",
    "ALLOWED_HOSTS": "datalabs.example.nl",
    "CSRF_TRUSTED_ORIGINS": "https://datalabs.example.nl",
    "DATALAB_BEHIND_TLS_PROXY": "1",
}
PUBLIC_PAGES = ["/", "/datalabs/", "/kaart/", "/bevindingen/", "/rapport/", "/open-data/"]


def settings_in(env: dict, expression: str, tmp_path) -> str:
    """Evaluate ``expression`` on the settings module loaded fresh with ``env``."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("DATALAB_", "SECURE_"))}
    full.update({"DATALAB_VAR_DIR": str(tmp_path), **env})
    code = f"from datalab_monitor import settings as s; print(repr({expression}))"
    result = subprocess.run(
        [sys.executable, "-c", code], env=full, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


def test_check_deploy_gives_no_warning_with_the_documented_environment(tmp_path):
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATALAB_", "SECURE_", "DATABASE_URL"))
    }
    env.update(PRODUCTION_ENV, DATALAB_VAR_DIR=str(tmp_path))  # on SQLite
    env.pop("DJANGO_SETTINGS_MODULE", None)
    cli = [sys.executable, "-m", "datalab_monitor.cli"]
    subprocess.run(cli + ["migrate", "-v0"], env=env, capture_output=True, check=True)
    result = subprocess.run(
        cli + ["check", "--deploy", "--fail-level", "DEBUG"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_the_documented_environment_is_in_the_deploy_guide():
    from django.conf import settings

    guide = (settings.PROJECT_DIR / "docs" / "deploy.md").read_text()
    for name in PRODUCTION_ENV:
        assert f"{name}=" in guide, name


def test_without_https_settings_nothing_is_forced(tmp_path):
    assert settings_in({}, "getattr(s, 'SECURE_SSL_REDIRECT', False)", tmp_path) == "False"
    assert settings_in({}, "getattr(s, 'SECURE_PROXY_SSL_HEADER', None)", tmp_path) == "None"


def test_behind_a_tls_proxy_everything_https_is_on(tmp_path):
    env = {"DATALAB_BEHIND_TLS_PROXY": "1"}
    assert settings_in(env, "s.SECURE_PROXY_SSL_HEADER", tmp_path) == (
        "('HTTP_X_FORWARDED_PROTO', 'https')"
    )
    expression = (
        "(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS)"
    )
    assert settings_in(env, expression, tmp_path) == "(True, True, True, 31536000, True)"
    env["SECURE_HSTS_SECONDS"] = "3600"
    env["SECURE_HSTS_PRELOAD"] = "0"
    assert settings_in(env, "(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_PRELOAD)", tmp_path) == (
        "(3600, False)"
    )


def test_pages_carry_a_csp_without_inline_code_and_a_permissions_policy(client, register):
    for url in PUBLIC_PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        csp = response["Content-Security-Policy"]
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp
        for directive in ("default-src 'self'", "script-src 'self'", "style-src 'self'"):
            assert directive in csp, (url, directive)
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert "camera=()" in response["Permissions-Policy"]
        assert "geolocation=()" in response["Permissions-Policy"]
        html = response.content.decode()
        # No inline script or style that the policy would block.
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert not re.search(r"<style\b", html), url
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+=", html), url


def test_the_html_report_allows_exactly_its_own_stylesheet(client, register):
    from datalab_monitor.inventory.demo import create_demo_wave

    wave = create_demo_wave().wave
    response = client.get(reverse("reports:download", args=[wave.slug]) + "?format=html")
    assert response.status_code == 200
    hashes = style_hashes(response.content)
    assert hashes
    style_src = re.search(r"style-src ([^;]*)", response["Content-Security-Policy"]).group(1)
    assert style_src.split() == ["'self'", *hashes]


def test_behind_a_tls_proxy_links_and_emails_use_https(client, register, settings):
    from datalab_monitor.core.roles import ensure_roles
    from tests.inventory.helpers import open_wave

    ensure_roles()
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ALLOWED_HOSTS = ["datalabs.example.nl"]
    user = User.objects.create_user("onderzoeker", password="x")
    user.groups.add(Group.objects.get(name="Onderzoeker"))
    client.force_login(user)
    wave = open_wave()
    lab = wave.invited_labs.order_by("number").first()
    lab.contact_email = "coordinator@example.org"
    lab.save()
    proxied = {"HTTP_X_FORWARDED_PROTO": "https", "HTTP_HOST": "datalabs.example.nl"}
    response = client.post(reverse("inventory:links-csv", args=[wave.slug]), **proxied)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows and all(
        row["link"].startswith("https://datalabs.example.nl/inventarisatie/invullen/")
        for row in rows
    )
    client.post(reverse("inventory:links-email", args=[wave.slug]), **proxied)
    assert mail.outbox and "https://datalabs.example.nl/inventarisatie/invullen/" in (
        mail.outbox[0].body
    )
    assert "http://datalabs" not in mail.outbox[0].body
