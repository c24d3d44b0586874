"""A respondent fills in the form through the production server, and no token reaches any output.

`datalab-monitor serve` (gunicorn, access log on) runs on a free loopback port with its own
SQLite database; the respondent opens the link, saves every page, submits, opens a revoked and an
unknown link. Every byte the server and the setup commands wrote to stdout/stderr is searched.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.inventory.helpers import COMPLETE_2019

CLI = [sys.executable, "-m", "datalab_monitor.cli"]
PAGES = {  # answers per page of questionnaire 2019 (codes as in tests/inventory/helpers.py)
    "lab": {"start_year": COMPLETE_2019["start_year"]},
    "collaboration": {"partners": COMPLETE_2019["partners"]},
    "work": {"analysis_types": ["descriptive"], "domains": ["social"]},
    "staff": {"fte_own": "0,5"},
    "resources": {"funding": ["none"]},
    "improvement": {"improvements": ["staff"]},
}
SETUP = """
import json
from datetime import timedelta
from django.utils import timezone
from datalab_monitor.inventory import services
from datalab_monitor.registry.models import Datalab
labs = list(Datalab.objects.order_by("number")[:2])
today = timezone.localdate()
wave = services.create_wave(year=2026, slug="serve-test", title_nl="Serve test",
    questionnaire_version="2019", opens_on=today - timedelta(days=1),
    closes_on=today + timedelta(days=30), labs=labs)
wave = services.open_wave(wave)
live = services.issue_invitations(wave, [labs[0]])[0].token
revoked_invitation = services.issue_invitations(wave, [labs[1]])[0]
services.issue_invitations(wave, [labs[1]])  # reissuing revokes the earlier link
print(json.dumps({"live": live, "revoked": revoked_invitation.token}))
"""


class FormParser(HTMLParser):
    """The fields of a page's POST form (not the language switch), with their current values."""

    def __init__(self):
        super().__init__()
        self.in_form = self.done = False
        self.action: str | None = None
        self.fields: list[tuple[str, str]] = []
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        is_post = (a.get("method") or "").lower() == "post"
        if tag == "form" and not self.done and is_post and "/i18n/" not in a.get("action", ""):
            self.in_form, self.action = True, a.get("action") or ""
        if not self.in_form or not a.get("name") and tag != "option":
            return
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind not in ("submit", "button", "image", "file"):
                self.fields.append((a["name"], a.get("value") or ""))
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields.append((a["name"], ""))
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value") or ""))

    def handle_data(self, data):
        if self._textarea:
            name, value = self.fields[-1]
            self.fields[-1] = (name, value + data)

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def request(self, path: str, data: list[tuple[str, str]] | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body)
        if body is not None:
            request.add_header("Referer", self.base + path)
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode()

    def post_form(self, path: str, answers: dict) -> tuple[int, str, str]:
        status, _, html = self.request(path)
        assert status == 200, (path, status)
        parser = FormParser()
        parser.feed(html)
        fields = [(name, value) for name, value in parser.fields if name not in answers]
        for name, value in answers.items():
            fields += [(name, v) for v in (value if isinstance(value, list) else [value])]
        fields.append(("action", "next"))
        return self.request(parser.action or path, fields)


def ready(client: Client) -> bool:
    try:
        return client.request("/readyz")[0] == 200
    except urllib.error.URLError:  # not listening yet
        return False


def run(args: list[str], env: dict, log: list[str]) -> str:
    result = subprocess.run(CLI + args, env=env, capture_output=True, text=True, timeout=120)
    log += [result.stdout, result.stderr]
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture
def server_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO_"))}
    env.update(
        DATALAB_VAR_DIR=str(tmp_path / "var"),
        DEBUG="0",
        LOG_LEVEL="DEBUG",  # the most talkative setting: every logger has its say
        WEB_CONCURRENCY="2",
        GUNICORN_THREADS="2",
        EMAIL_BACKEND="datalab_monitor.core.mail.RedactingConsoleBackend",
    )
    return env


def test_a_respondent_flow_under_the_production_server_logs_no_token(server_env, tmp_path):
    output: list[str] = []
    run(["init", "-v0"], server_env, output)
    tokens = json.loads(run(["shell", "-c", SETUP], server_env, []).splitlines()[-1])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log_file = tmp_path / "server.log"
    with log_file.open("w") as log:
        server = subprocess.Popen(
            CLI + ["serve", f"127.0.0.1:{port}"],
            env=server_env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        client = Client(base)
        deadline = time.monotonic() + 30
        while not ready(client):
            assert server.poll() is None, log_file.read_text()[-3000:]
            assert time.monotonic() < deadline, "the server did not become ready"
            time.sleep(0.2)

        start = f"/inventarisatie/invullen/{tokens['live']}/"
        status, _, html = client.request(start)
        assert status == 200 and "/pagina/lab/" in html
        for page, answers in PAGES.items():
            status, url, html = client.post_form(f"{start}pagina/{page}/", answers)
            saved = status == 200 and not url.endswith(f"/pagina/{page}/")  # moved on
            assert saved, (page, status, re.findall(r"error-summary.*?</ul>", html, re.S))
        status, url, html = client.post_form(f"{start}controleren/", {})
        assert status == 200 and url.endswith(f"{start}verzonden/"), re.findall(
            r"error-summary.*?</ul>", html, re.S
        )
        assert client.request(f"/inventarisatie/invullen/{tokens['revoked']}/")[0] == 410
        assert client.request("/inventarisatie/invullen/Xy7kLm2Pq9Rs4Tu6Vw8AbCdEf/")[0] == 404
    finally:
        server.terminate()
        server.wait(timeout=30)
    output.append(log_file.read_text())
    everything = "\n".join(output)

    # The server did log the requests, with the token replaced.
    assert re.search(r'"GET /inventarisatie/invullen/\[token\]/ HTTP/1.1" 200', everything)
    assert re.search(r'"POST /inventarisatie/invullen/\[token\]/controleren/ HTTP', everything)
    for token in (*tokens.values(), "Xy7kLm2Pq9Rs4Tu6Vw8AbCdEf"):
        assert token not in everything
        assert token[:16] not in everything
