"""Load benchmark: many lab coordinators fill in the form at once against the production server.

Run: ``.venv/bin/python bench/load.py`` (300 respondents, SQLite and PostgreSQL), or e.g.
``bench/load.py --clients 40 --think 0.2 --databases sqlite``. For each database it

1. makes a scratch database (SQLite in a temporary directory; PostgreSQL: a database it creates
   and drops on the server of ``--pg-url``/``DATABASE_URL``), runs ``datalab-monitor init`` and
   creates open waves with invitation links for the register's labs (fictional test waves);
2. starts the production server (``datalab-monitor serve``, gunicorn) on a free loopback port;
3. lets the respondents work in threads, each with its own cookies, like a browser without
   JavaScript: open the link, press Start, open every page, change its own questions to unique
   marker values and save (posting back everything else as loaded), then submit. Half of the
   respondents work in pairs of colleagues on the same lab at the same time; both colleagues
   change two shared questions, so true same-question conflicts (409) occur and are resolved
   by choosing an answer, as a person would;
4. stops the server and checks the stored revisions against what every client was told.

It prints requests, 5xx, lost writes (a save the client was told succeeded whose value never
reached the database), silent overwrites (a stored answer replaced by a client that had never
seen it), refused saves and whether each was a true same-question conflict, p50/p95 latency and
the CPU time of server and clients. Targets: 0 5xx, 0 lost writes, 0 silent overwrites, refusals
only for true conflicts, p95 < 2 s. Exit status 1 when a target other than latency is missed.
Loopback only; every loop is bounded and the run stops by itself.
"""

from __future__ import annotations

import argparse
import http.client
import json
import math
import os
import random
import re
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

PROJECT_DIR = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SHARED = ("lab_name", "projects")  # questions both colleagues of a pair change
MARKER_TYPES = ("text", "long_text", "integer")
QUESTIONNAIRE = "2019"


# --- a browser without JavaScript ------------------------------------------------------------


class FormParser(HTMLParser):
    """The fields a browser would post from the page's questionnaire form (no buttons)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self._in_form = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    self.fields.append((a["name"], a.get("value", "on")))
            elif kind not in ("submit", "button"):
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "textarea" and a.get("name"):
            self._textarea, self._text = a["name"], []

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            text = "".join(self._text)
            self.fields.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form = False


def form_fields(html: str) -> list[tuple[str, str]]:
    """The (name, value) pairs of the first POST form of ``html``, as a browser submits them."""
    parser = FormParser()
    parser.feed(html)
    return parser.fields


CONFLICT = re.compile(
    r'name="choice\.([\w.]+)" value="theirs".*?dm-conflict__theirs">(.*?)</span>'
    r'.*?dm-conflict__mine">(.*?)</span>',
    re.S,
)


def conflicts_in(html: str) -> dict[str, tuple[str, str]]:
    """The conflicts a 409 page shows: question code -> (theirs, mine) as displayed."""
    return {code: (unescape(t), unescape(m)) for code, t, m in CONFLICT.findall(html)}


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, status: int, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)
            self.statuses[status] = self.statuses.get(status, 0) + 1


class Browser:
    """One respondent's browser: keep-alive connection, cookies, CSRF token from the form."""

    def __init__(self, port: int, stats: Stats):
        self.port, self.stats = port, stats
        self.cookies: dict[str, str] = {}
        self.conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, fields: list[tuple[str, str]] | None = None):
        body = urlencode(fields or []) if method == "POST" else None
        headers = {"Host": f"127.0.0.1:{self.port}", "Accept-Language": "nl"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):  # a keep-alive connection the server closed: reconnect once
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            start = time.perf_counter()
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read().decode("utf-8", "replace")
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
                continue
            self.stats.record(response.status, time.perf_counter() - start)
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    name, _, rest = value.partition("=")
                    cookie_value = rest.split(";", 1)[0]
                    expired = "max-age=0" in value.lower() or cookie_value in ('""', "")
                    if expired:
                        self.cookies.pop(name.strip(), None)
                    else:
                        self.cookies[name.strip()] = cookie_value
            if response.status >= 500:
                with self.stats.lock:
                    self.stats.errors.append(f"{response.status} {method} {_redact(path)}")
            return response.status, response.getheader("Location") or "", data
        raise RuntimeError("unreachable")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()


def _redact(path: str) -> str:
    return re.sub(r"/invullen/[^/]+/", "/invullen/[token]/", path)


# --- respondents -----------------------------------------------------------------------------


@dataclass
class Save:
    """A save a client was told succeeded: the markers it wrote and what it had seen before."""

    client: int
    slot: str
    page: str
    wrote: dict[str, Any]
    seen: dict[str, set[str]]


@dataclass
class Refusal:
    client: int
    slot: str
    page: str
    codes: list[str]
    true_conflict: bool
    why: str = ""


@dataclass
class ClientLog:
    saves: list[Save] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)
    submitted: bool = False


class Respondent:
    """A lab coordinator: fills in every page (own questions get unique markers) and submits."""

    def __init__(self, number, slot, token, role, owned, pages, port, stats, think, rng, barrier):
        self.number, self.slot, self.token, self.role = number, slot, token, role
        self.owned, self.pages = owned, pages  # owned: page -> {question: type}
        self.browser = Browser(port, stats)
        self.think, self.rng, self.barrier = think, rng, barrier
        self.log = ClientLog()
        self.counter = 0
        self.reverse = False
        self.delay = 0.0  # colleagues of a pair arrive together

    def url(self, suffix: str = "") -> str:
        return f"/inventarisatie/invullen/{self.token}/{suffix}"

    def pause(self) -> None:
        time.sleep(self.rng.uniform(0.5, 1.5) * self.think)

    def marker(self, kind: str, options: list[str]) -> Any:
        self.counter += 1
        if kind == "integer":  # unique within a lab: one colleague low, the other high
            return str(1 + self.role * 500 + self.counter)
        return f"c{self.number}-{self.counter}"

    def run(self) -> ClientLog:
        try:
            self._run()
        except Exception as exc:  # reported, never hidden
            self.log.invalid.append(f"client {self.number}: {type(exc).__name__}: {exc}")
        finally:
            self.browser.close()
        return self.log

    def _run(self) -> None:
        status, _location, html = self.browser.request("GET", self.url())
        fields = [f for f in form_fields(html) if f[0] == "csrfmiddlewaretoken"]
        self.pause()
        self.browser.request("POST", self.url(), fields)
        order = list(self.pages)
        if self.role == 1 and self.reverse:
            order.reverse()  # half of the second colleagues work back to front
        for page in [*order, order[0]]:  # every page, then the first page once more
            self.pause()
            self.fill(page)
        if self.barrier is not None:
            try:
                self.barrier.wait(timeout=120)
            except threading.BrokenBarrierError:
                pass
        self.pause()
        status, _location, html = self.browser.request("GET", self.url("controleren/"))
        fields = form_fields(html)
        status, location, html = self.browser.request("POST", self.url("controleren/"), fields)
        if status == 302 and location.rstrip("/").endswith("verzonden"):
            self.log.submitted = True
            self.browser.request("GET", urlsplit(location).path)
        else:
            self.log.invalid.append(f"client {self.number}: submit answered {status}")

    def fill(self, page: str) -> None:
        path = self.url(f"pagina/{page}/")
        status, _location, html = self.browser.request("GET", path)
        if status != 200:
            self.log.invalid.append(f"client {self.number}: GET {page} answered {status}")
            return
        loaded = form_fields(html)
        seen = _values(loaded)
        wrote: dict[str, Any] = {}
        changes: dict[str, list[str]] = {}
        for code, (kind, options) in self.owned.get(page, {}).items():
            if kind in MARKER_TYPES:
                value = self.marker(kind, options)
                wrote[code] = value
                changes[code] = [value]
            elif kind == "other":  # tick an option and "other", with a marker as the text
                value = self.marker("text", options)
                changes[code] = [options[0], "other"]
                changes[f"{code}.other"] = [value]
                wrote[f"{code}.other"] = value
            else:
                changes[code] = options
        self.pause()
        fields = _replace(loaded, changes) + [("action", "next")]
        for _attempt in range(6):  # a conflict resolved against a newer change conflicts again
            status, _location, html = self.browser.request("POST", path, fields)
            if status in (302, 303):
                self.log.saves.append(Save(self.number, self.slot, page, wrote, seen))
                return
            if status != 409:
                self.log.invalid.append(f"client {self.number}: POST {page} answered {status}")
                return
            shown = conflicts_in(html)
            true = bool(shown) and all(
                code in wrote
                and shown[code][0] != shown[code][1]
                and shown[code][0] not in seen.get(code, {""})
                for code in shown
            )
            self.log.refusals.append(
                Refusal(self.number, self.slot, page, sorted(shown), true, _why(shown, wrote))
            )
            # The person reads both answers and chooses: mostly their own, sometimes theirs.
            resolved = form_fields(html)
            for code, (theirs, _mine) in shown.items():
                keep_mine = self.rng.random() < 0.7
                resolved.append((f"choice.{code}", "mine" if keep_mine else "theirs"))
                seen.setdefault(code, set()).add(theirs)
                if not keep_mine:
                    wrote.pop(code, None)
            fields = resolved + [("action", "next")]
            self.pause()
        self.log.invalid.append(f"client {self.number}: {page} kept conflicting")


def _values(fields: list[tuple[str, str]]) -> dict[str, set[str]]:
    values: dict[str, set[str]] = {}
    for name, value in fields:
        values.setdefault(name, set()).add(value)
    return values


def _replace(fields: list[tuple[str, str]], changes: dict[str, list[str]]) -> list[tuple[str, str]]:
    kept = [(name, value) for name, value in fields if name not in changes]
    return kept + [(name, value) for name, values in changes.items() for value in values]


def _why(shown: dict[str, tuple[str, str]], wrote: dict[str, Any]) -> str:
    return "; ".join(
        f"{c}: theirs {t!r}, mine {m!r}, wrote {wrote.get(c)!r}" for c, (t, m) in shown.items()
    )


def question_plan(questionnaire) -> dict[str, dict[str, tuple[str, list[str]]]]:
    """Per page, how a respondent answers each question: (kind, options to tick)."""
    plan: dict[str, dict[str, tuple[str, list[str]]]] = {}
    for page in questionnaire.pages:
        answers = {}
        for question in page.questions:
            kind = question.type.value
            options = [o.code for o in question.options if not o.exclusive and not o.other]
            if kind in MARKER_TYPES:
                answers[question.code] = (kind, [])
            elif question.other_option is not None and kind == "multiple":
                answers[question.code] = ("other", options[:1])
            elif kind == "multiple":
                answers[question.code] = ("multiple", options[:2])
            elif kind in ("single", "scale"):
                answers[question.code] = ("single", options[:1])
            elif kind == "year":
                answers[question.code] = ("year", ["2018"])
            else:  # decimal
                answers[question.code] = ("number", ["1,5"])
        plan[page.code] = answers
    return plan


def ownership(plan, role: int, paired: bool) -> dict[str, dict[str, tuple[str, list[str]]]]:
    """The questions this colleague changes: all when alone; in a pair, alternate groups of
    questions (a condition stays with the question it depends on) plus the shared ones."""
    if not paired:
        return plan
    owned: dict[str, dict[str, tuple[str, list[str]]]] = {}
    index = 0
    for page, answers in plan.items():
        mine: dict[str, tuple[str, list[str]]] = {}
        group_owner: dict[str, int] = {}
        for code, answer in answers.items():
            if code in SHARED:
                mine[code] = answer
                continue
            group = code if code != "method_known" else "working_method"
            if group not in group_owner:
                group_owner[group] = index % 2
                index += 1
            if group_owner[group] == role:
                mine[code] = answer
        owned[page] = mine
    return owned


# --- the server and its database -------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(var_dir: Path, database_url: str, static_root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATALAB_", "GUNICORN_"))}
    env.update(
        DATALAB_VAR_DIR=str(var_dir),
        DATABASE_URL=database_url,
        DATALAB_STATIC_ROOT=str(static_root),
        SECRET_KEY="load-benchmark-" + "x" * 40,
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        GUNICORN_ACCESS_LOG="",
        DJANGO_SETTINGS_MODULE="datalab_monitor.settings",
    )
    if os.environ.get("DATALAB_GEO_DIR"):
        env["DATALAB_GEO_DIR"] = os.environ["DATALAB_GEO_DIR"]
    return env


def run_internal(step: str, env: dict[str, str], args: dict[str, Any], out: Path) -> Any:
    """Run a Django step (setup/check) in a subprocess with the scratch database's settings."""
    command = [sys.executable, __file__, "--internal", step, json.dumps(args), str(out)]
    subprocess.run(command, env=env, check=True, cwd=PROJECT_DIR, timeout=900)
    return json.loads(out.read_text())


def internal(step: str, args: dict[str, Any], out: Path) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from datalab_monitor.inventory import services
    from datalab_monitor.inventory.models import Response
    from datalab_monitor.registry.models import Datalab

    if step == "setup":  # what ``init`` does, minus what the source tree already has
        from django.conf import settings

        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        if not (settings.STATIC_ROOT / "staticfiles.json").is_file():
            call_command("collectstatic", interactive=False, verbosity=0)
        call_command("load_register", verbosity=0)
        labs = list(Datalab.objects.order_by("number"))
        slots = []
        for w in range(math.ceil(args["slots"] / len(labs))):
            wave = services.create_wave(
                year=2026,
                slug=f"load-{w}",
                title_nl=f"Belastingtest {w} (fictief)",
                questionnaire_version=QUESTIONNAIRE,
                labs=labs,
            )
            services.open_wave(wave)
            for issued in services.issue_invitations(wave):
                slots.append({"slot": f"{wave.slug}/{issued.lab.number}", "token": issued.token})
        out.write_text(json.dumps(slots[: args["slots"]]))
    elif step == "check":
        result = {}
        for response in Response.objects.select_related("wave", "lab").prefetch_related(
            "revisions"
        ):
            revisions = sorted(response.revisions.all(), key=lambda r: r.version)
            result[f"{response.wave.slug}/{response.lab.number}"] = {
                "version": response.version,
                "status": response.status,
                "answers": response.answers,
                "revisions": [[r.version, r.answers] for r in revisions],
            }
        out.write_text(json.dumps(result))


def process_cpu(pid: int) -> float:
    """CPU seconds (user + system) of a process and its children still running."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        parts = stat.rsplit(")", 1)[1].split()
        ppid, utime, stime = int(parts[1]), int(parts[11]), int(parts[12])
        if int(entry.name) == pid or ppid == pid:
            total += (utime + stime) / ticks
    return total


class Server:
    def __init__(self, env: dict[str, str], var_dir: Path):
        self.port = free_port()
        self.log_path = var_dir / "server.log"
        self.log = self.log_path.open("w")
        command = [str(BIN / "datalab-monitor"), "serve", f"127.0.0.1:{self.port}"]
        self.process = subprocess.Popen(
            command, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server stopped: {self.log_path.read_text()[-2000:]}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", "/readyz", headers={"Host": "127.0.0.1"})
                if conn.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("server not ready in time")

    def cpu(self) -> float:
        return process_cpu(self.process.pid)

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        self.log.close()
        return self.log_path.read_text(errors="replace")


def warm_up(port: int, token: str) -> None:
    """A few reads (never writes) so every worker has loaded its templates before timing."""
    browser = Browser(port, Stats())
    for _ in range(24):
        browser.request("GET", f"/inventarisatie/invullen/{token}/pagina/lab/")
        browser.close()
        browser.conn = None


# --- checking the database against what clients were told -----------------------------------


def check(stored: dict[str, Any], logs: list[ClientLog]) -> dict[str, Any]:
    """Lost writes, silent overwrites and refusals, from the revisions and the clients' logs."""
    saves = [save for log in logs for save in log.saves]
    by_marker: dict[tuple[str, str, str], Save] = {}
    for save in saves:
        for code, value in save.wrote.items():
            by_marker[(save.slot, code, str(value))] = save
    lost = []
    for save in saves:
        history = stored.get(save.slot, {}).get("revisions", [])
        for code, value in save.wrote.items():
            if not any(str(answers.get(code)) == str(value) for _v, answers in history):
                lost.append(f"{save.slot} {code}={value!r} (client {save.client})")
    overwrites = []
    broken_history = []
    for slot, response in stored.items():
        history = response["revisions"]
        versions = [version for version, _answers in history]
        if versions != list(range(1, response["version"] + 1)):
            broken_history.append(f"{slot}: revisions {versions}, version {response['version']}")
        if history and history[-1][1] != response["answers"]:
            broken_history.append(f"{slot}: answers differ from the last revision")
        previous: dict[str, Any] = {}
        for _version, answers in history:
            for code in set(previous) | set(answers):
                old, new = previous.get(code), answers.get(code)
                if old == new or old is None:
                    continue
                writer = by_marker.get((slot, code, str(new)))
                if writer is None:
                    if new is None:
                        overwrites.append(f"{slot} {code}: {old!r} was cleared")
                    continue  # not a marker question (ticked options)
                if str(old) not in writer.seen.get(code, set()):
                    overwrites.append(
                        f"{slot} {code}: {old!r} replaced by {new!r} (client {writer.client}, "
                        "who had not seen it)"
                    )
            previous = answers
    refusals = [r for log in logs for r in log.refusals]
    return {
        "saves": len(saves),
        "lost_writes": lost,
        "silent_overwrites": overwrites,
        "broken_history": broken_history,
        "refusals": len(refusals),
        "false_refusals": [
            f"{r.slot} {r.page} {r.codes} {r.why}" for r in refusals if not r.true_conflict
        ],
        "not_submitted": [s for s, r in stored.items() if r["status"] != "submitted"],
        "client_errors": [e for log in logs for e in log.invalid],
    }


# --- one run ---------------------------------------------------------------------------------


def run(
    database: str,
    clients: int,
    think: float,
    pg_url: str,
    static_root: Path,
    seed: int = 1,
    ramp: float | None = None,
) -> dict[str, Any]:
    var_dir = Path(tempfile.mkdtemp(prefix=f"datalab-load-{database}-"))
    scratch = None
    try:
        if database == "postgres":
            scratch = f"datalab_load_{os.getpid()}"
            _pg_admin(pg_url, f'CREATE DATABASE "{scratch}"')
            database_url = urlsplit(pg_url)._replace(path=f"/{scratch}").geturl()
        else:
            database_url = f"sqlite:///{var_dir / 'load.sqlite3'}"
        env = server_env(var_dir, database_url, static_root)
        pairs = clients // 4
        singles = clients - 2 * pairs
        slots = run_internal("setup", env, {"slots": pairs + singles}, var_dir / "slots.json")
        from datalab_monitor.questionnaire import load_version

        questionnaire = load_version(QUESTIONNAIRE)
        plan = question_plan(questionnaire)
        pages = [page.code for page in questionnaire.pages]
        server = Server(env, var_dir)
        try:
            server.wait_ready()
            warm_up(server.port, slots[0]["token"])
            stats = Stats()
            rng = random.Random(seed)
            respondents = []
            for index, slot in enumerate(slots):
                paired = index < pairs
                barrier = threading.Barrier(2) if paired else None
                delay = rng.uniform(0, think * 3 if ramp is None else ramp)  # arrivals
                for role in range(2 if paired else 1):
                    respondents.append(
                        Respondent(
                            len(respondents),
                            slot["slot"],
                            slot["token"],
                            role,
                            ownership(plan, role, paired),
                            pages,
                            server.port,
                            stats,
                            think,
                            random.Random(rng.random()),
                            barrier,
                        )
                    )
                    respondents[-1].reverse = index % 2 == 1
                    respondents[-1].delay = delay
            cpu_before, client_before = server.cpu(), time.process_time()
            started = time.perf_counter()
            logs: list[ClientLog] = [ClientLog() for _ in respondents]

            def work(i: int, respondent: Respondent) -> None:
                time.sleep(respondent.delay)
                logs[i] = respondent.run()

            threads = [
                threading.Thread(target=work, args=(i, r), daemon=True)
                for i, r in enumerate(respondents)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=max(1.0, 900 - (time.perf_counter() - started)))
            wall = time.perf_counter() - started
            server_cpu = server.cpu() - cpu_before
            client_cpu = time.process_time() - client_before
        finally:
            server_log = server.stop()
        stored = run_internal("check", env, {}, var_dir / "stored.json")
        result = check(stored, logs)
        latencies = sorted(stats.latencies)
        result.update(
            database=database,
            clients=len(respondents),
            pairs=pairs,
            requests=len(latencies),
            status_5xx=sum(n for s, n in stats.statuses.items() if s >= 500),
            statuses=dict(sorted(stats.statuses.items())),
            p50=statistics.median(latencies) if latencies else 0.0,
            p95=latencies[int(0.95 * (len(latencies) - 1))] if latencies else 0.0,
            wall=wall,
            server_cpu=server_cpu,
            client_cpu=client_cpu,
            unfinished=sum(thread.is_alive() for thread in threads),
            server_tracebacks=server_log.count("Traceback"),
            database_locked=server_log.count("database is locked"),
            server_errors=stats.errors[:10],
        )
        return result
    finally:
        if scratch:
            _pg_admin(pg_url, f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        shutil.rmtree(var_dir, ignore_errors=True)


def _pg_admin(url: str, sql: str) -> None:
    import psycopg

    with psycopg.connect(urlsplit(url)._replace(path="/postgres").geturl(), autocommit=True) as c:
        c.execute(sql)


def meets_targets(result: dict[str, Any]) -> bool:
    """Every target except latency (that is printed and judged by a person on the machine)."""
    return not (
        result["status_5xx"]
        or result["lost_writes"]
        or result["silent_overwrites"]
        or result["broken_history"]
        or result["false_refusals"]
        or result["not_submitted"]
        or result["client_errors"]
        or result["unfinished"]
    )


def report(result: dict[str, Any]) -> str:
    lines = [
        f"== {result['database']}: {result['clients']} respondents ({result['pairs']} pairs of "
        f"colleagues), {result['wall']:.1f} s",
        f"requests {result['requests']}  statuses {result['statuses']}  5xx {result['status_5xx']}",
        f"saves told OK {result['saves']}  lost writes {len(result['lost_writes'])}  silent "
        f"overwrites {len(result['silent_overwrites'])}  broken histories "
        f"{len(result['broken_history'])}",
        f"refused saves (409) {result['refusals']}, of which not a true same-question conflict "
        f"{len(result['false_refusals'])}",
        f"not submitted {len(result['not_submitted'])}  client errors "
        f"{len(result['client_errors'])}  unfinished {result['unfinished']}",
        f"latency p50 {result['p50'] * 1000:.0f} ms  p95 {result['p95'] * 1000:.0f} ms "
        f"(target < 2000 ms)",
        f"CPU: server {result['server_cpu']:.1f} s, clients {result['client_cpu']:.1f} s, "
        f"wall {result['wall']:.1f} s",
        f"server log: {result['server_tracebacks']} tracebacks, "
        f"{result['database_locked']} 'database is locked'",
    ]
    for name in ("lost_writes", "silent_overwrites", "broken_history", "false_refusals"):
        lines += [f"  {name}: {item}" for item in result[name][:5]]
    lines += [f"  client error: {item}" for item in result["client_errors"][:5]]
    lines += [f"  server error: {item}" for item in result["server_errors"][:5]]
    lines.append("targets met" if meets_targets(result) else "TARGETS MISSED")
    return "\n".join(lines)


def default_pg_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    return "postgres://postgres@127.0.0.1:5432/postgres"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=300)
    parser.add_argument("--think", type=float, default=5.0, help="mean seconds between actions")
    parser.add_argument("--ramp", type=float, default=60.0, help="seconds over which they arrive")
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--pg-url", default=default_pg_url())
    parser.add_argument("--static-root", type=Path, help="collected static files to reuse")
    parser.add_argument("--internal", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.internal:
        step, data, out = args.internal
        internal(step, json.loads(data), Path(out))
        return 0
    ok = True
    with tempfile.TemporaryDirectory(prefix="datalab-load-static-") as scratch:
        static_root = args.static_root or Path(scratch)  # collected once, for every run
        for database in args.databases.split(","):
            result = run(
                database.strip(),
                args.clients,
                args.think,
                args.pg_url,
                static_root,
                ramp=args.ramp,
            )
            print(report(result), flush=True)
            ok = ok and meets_targets(result)
    print(f"bench CPU (this process): {resource.getrusage(resource.RUSAGE_SELF).ru_utime:.1f} s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
