"""Benchmark: start-up, the findings page, the home page and public pages against Datasette.

Run: ``.venv/bin/python bench/pages.py`` (``--seconds``, ``--clients``). It

1. sets up a site in a temporary folder (``init`` + ``demo``; SQLite, the file cache) and
   exports the register for Datasette (as ``bench/api.py`` does; Datasette lives in its own
   virtualenv, ``/tmp/bench-datasette-venv``, created with ``pip install datasette``);
2. measures ``datalab-monitor check`` (CPU of the child process), a fresh worker's first public
   page (a new process: start-up + one request, with the shared cache filled by the server),
   the findings page on a cold and a warm cache, and the home page's queries;
3. serves the site with ``datalab-monitor serve`` (gunicorn, as deployed) and Datasette on the
   same register and pairs the lab list, a lab's page and the register as JSON: requests/s,
   p50/p95 and the ratio (target >= 1.0).

Targets: check < 0.8 s CPU; first page of a fresh worker < 1 s; findings page < 300 ms cold and
< 30 ms warm; home page <= 5 queries.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import api as shared  # noqa: E402  (bench/api.py: site set-up, Datasette, load generator)

BIN = shared.BIN
FINDINGS = "/bevindingen/demo-2019/"

PAGE_TIMINGS = """
import json, statistics, time
import django
django.setup()
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

client = Client(HTTP_HOST="127.0.0.1")
def timed(path):
    wall, cpu = time.perf_counter(), time.process_time()
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return time.perf_counter() - wall, time.process_time() - cpu

client.get("/")  # the process's own one-off work (templates, imports)
client.get({findings!r})
cold = []
for _ in range(3):
    cache.clear()  # as after a change to a response: nothing of this wave is cached
    cold.append(timed({findings!r}))
warm = [timed({findings!r}) for _ in range(20)]
client.get("/")
with CaptureQueriesContext(connection) as queries:
    client.get("/")
home = len(queries)
cache.clear()
with CaptureQueriesContext(connection) as queries:
    client.get("/")
home_cold = len(queries)
print(json.dumps({{
    "cold": [statistics.median(w for w, c in cold), statistics.median(c for w, c in cold)],
    "warm": [statistics.median(w for w, c in warm), statistics.median(c for w, c in warm)],
    "home_queries": home, "home_queries_cold": home_cold,
}}))
"""

FIRST_PAGE = """
import time
start_wall, start_cpu = time.perf_counter(), time.process_time()
import django
django.setup()
from django.core.handlers.wsgi import WSGIHandler
from django.test import Client
application = WSGIHandler()  # what a gunicorn worker loads
response = Client(HTTP_HOST="127.0.0.1").get({path!r})
assert response.status_code == 200
print(time.perf_counter() - start_wall, time.process_time() - start_cpu)
"""


def child_cpu(command: list, env: dict) -> tuple[float, float, str]:
    """Wall and CPU seconds (user + system) of a child process, and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{command[0]} failed:\n{done.stderr[-3000:]}")
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER TARGET"


def startup_and_pages(env: dict, base: str) -> None:
    env = {**env, "DJANGO_SETTINGS_MODULE": "datalab_monitor.settings"}
    print("\nStart-up (median of 3 runs; CPU time is what the machine's load inflates least)")
    checks = [child_cpu([BIN / "datalab-monitor", "check"], env) for _ in range(3)]
    check_cpu = sorted(c for _w, c, _o in checks)[1]
    check_wall = sorted(w for w, _c, _o in checks)[1]
    print(
        f"  datalab-monitor check      CPU {check_cpu:5.2f} s  wall {check_wall:5.2f} s   "
        f"target CPU < 0.8 s: {verdict(check_cpu < 0.8)}"
    )
    for path in ("/", "/datalabs/", FINDINGS):
        shared.load(base + path, 0.5, 1)  # the server fills the shared cache
        runs = []
        for _ in range(3):
            _wall, _cpu, out = child_cpu([BIN / "python", "-c", FIRST_PAGE.format(path=path)], env)
            runs.append(tuple(float(v) for v in out.split()))
        wall, cpu = sorted(runs)[1]
        print(
            f"  fresh worker, first {path:<20} {wall:5.2f} s (CPU {cpu:5.2f} s)   "
            f"target < 1 s: {verdict(wall < 1.0)}"
        )
    _w, _c, out = child_cpu([BIN / "python", "-c", PAGE_TIMINGS.format(findings=FINDINGS)], env)
    figures = json.loads(out.strip().splitlines()[-1])
    (cold, cold_cpu), (warm, warm_cpu) = figures["cold"], figures["warm"]
    print("\nFindings page " + FINDINGS + " (one process, median)")
    print(
        f"  cold cache  {1000 * cold:7.1f} ms (CPU {1000 * cold_cpu:7.1f} ms)   "
        f"target < 300 ms: {verdict(cold < 0.3)}"
    )
    print(
        f"  warm cache  {1000 * warm:7.1f} ms (CPU {1000 * warm_cpu:7.1f} ms)   "
        f"target < 30 ms: {verdict(warm < 0.03)}"
    )
    print(
        f"\nHome page: {figures['home_queries']} queries (cold cache: "
        f"{figures['home_queries_cold']})   target <= 5: {verdict(figures['home_queries'] <= 5)}"
    )


def first_lab(env: dict) -> tuple[str, int]:
    code = (
        "import django; django.setup()\n"
        "from datalab_monitor.registry.models import Datalab\n"
        "lab = Datalab.objects.order_by('number').first(); print(lab.slug, lab.number)"
    )
    env = {**env, "DJANGO_SETTINGS_MODULE": "datalab_monitor.settings"}
    out = subprocess.run([BIN / "python", "-c", code], env=env, capture_output=True, text=True)
    slug, number = out.stdout.split()
    return slug, int(number)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    env = shared.site_env(work / "var")
    env["DATABASE_URL"] = f"sqlite:///{work / 'site.sqlite3'}"
    print(f"Setting up a site in {work} ...")
    shared.setup_site(env)
    subprocess.run(
        [BIN / "datalab-monitor", "collectstatic", "--noinput"],
        env=env,
        check=True,
        capture_output=True,
    )
    database = work / "register.db"
    shared.export_for_datasette(env, database)
    slug, number = first_lab(env)

    with shared.site_and_datasette(env, database, "/") as (site, base, ds, ds_base, version):
        print(f"Load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
        startup_and_pages(env, base)
        pairs = [
            ("lab list", base + "/datalabs/", ds_base + "/register"),
            ("lab detail", base + f"/datalabs/{slug}/", ds_base + f"/register/{number}"),
            (
                "register JSON",
                base + "/open-data/register.json",
                ds_base + "/register.json?_shape=array&_size=max",
            ),
        ]
        print(
            f"\nThroughput: {options.clients} clients, {options.seconds:.0f} s per measurement, "
            f"{os.cpu_count()} CPU(s); site: datalab-monitor serve (gunicorn); {version}"
        )
        shared.compare(pairs, site, ds, options.seconds, options.clients, "site")


if __name__ == "__main__":
    main()
