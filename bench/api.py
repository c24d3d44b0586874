"""Benchmark: the API (production server) against Datasette serving the same register.

Run: ``.venv/bin/python bench/api.py [--seconds 5] [--clients 8]``

1. Sets up a fresh site in a temporary var directory (``datalab-monitor init`` and ``demo``).
2. Exports the register and the published findings (the open-data tables) to a SQLite file
   and serves it with Datasette, installed in its own virtualenv (``/tmp/bench-datasette-venv``,
   created with ``pip install datasette`` on the first run).
3. Serves the site with ``datalab-monitor serve`` (gunicorn, as deployed); rate limits off.
4. In one run, alternating, it pairs: the lab list with Datasette's table JSON, a lab with
   Datasette's row JSON, and the findings of the demo wave with a comparable SQL query. For
   each it prints requests/s, p50 and p95 latency, the servers' CPU seconds and the ratio.

Both servers get the same load: ``--clients`` threads, a new connection per request, for
``--seconds`` each, after a warm-up. Target: ratio >= 1.0 on every pair.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
BIN = PROJECT / ".venv" / "bin"
DATASETTE_VENV = Path(os.environ.get("BENCH_DATASETTE_VENV", "/tmp/bench-datasette-venv"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATALAB_VAR_DIR=str(var_dir),
        DATALAB_API_RATE_ANONYMOUS="",
        DATALAB_API_RATE_TOKEN="",
        DATALAB_CACHE=env.get("DATALAB_CACHE", "file"),
        LOG_LEVEL="WARNING",
        DB_CONN_MAX_AGE=env.get("DB_CONN_MAX_AGE", "60"),  # persistent connections, as deployed
        DEBUG="",
    )
    geo = PROJECT.parent / "shared" / "geo"
    if geo.is_dir():
        env.setdefault("DATALAB_GEO_DIR", str(geo))
    return env


def setup_site(env: dict[str, str]) -> None:
    # bytecode as deployed (pip install and `make run` write it; PYTHONDONTWRITEBYTECODE may be set)
    subprocess.run([BIN / "python", "-m", "compileall", "-q", str(PROJECT / "src")], check=True)
    for command in (["init"], ["demo"]):
        subprocess.run(
            [BIN / "datalab-monitor", *command], env=env, check=True, capture_output=True
        )


def export_for_datasette(env: dict[str, str], target: Path) -> None:
    """The register and findings open-data tables, written to ``target`` by a child process."""
    code = f"""
import django, sqlite3
django.setup()
from datalab_monitor.opendata.register import register_table
from datalab_monitor.opendata.findings import findings_table
from datalab_monitor.inventory.models import Wave
tables = [register_table(), findings_table(list(Wave.objects.published()))]
db = sqlite3.connect({str(target)!r})
for table in tables:
    name = table.name.replace("-", "_")
    columns = [f.name for f in table.fields]
    pk = table.primary_key or []
    types = {{"integer": "INTEGER", "number": "REAL"}}
    spec = ", ".join(f'"{{f.name}}" {{types.get(f.type, "TEXT")}}' for f in table.fields)
    key = f", PRIMARY KEY ({{', '.join(pk)}})" if pk else ""
    db.execute(f"CREATE TABLE {{name}} ({{spec}}{{key}})")
    db.executemany(
        f"INSERT INTO {{name}} VALUES ({{', '.join('?' for _ in columns)}})",
        [[None if row[c] is None else row[c] if isinstance(row[c], (int, float)) else str(row[c])
          for c in columns] for row in table.rows],
    )
db.execute("CREATE INDEX findings_wave ON findings (wave_slug)")
db.commit()
"""
    env = {**env, "DJANGO_SETTINGS_MODULE": "datalab_monitor.settings"}
    subprocess.run([BIN / "python", "-c", code], env=env, check=True)


def datasette_binary() -> Path:
    binary = DATASETTE_VENV / "bin" / "datasette"
    if not binary.exists():
        subprocess.run([sys.executable, "-m", "venv", str(DATASETTE_VENV)], check=True)
        subprocess.run(
            [DATASETTE_VENV / "bin" / "pip", "install", "--quiet", "datasette"], check=True
        )
    return binary


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer: {url}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of ``pid`` and its children (from /proc; 0 where unavailable)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for each in pids:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return total


def load(url: str, seconds: float, clients: int) -> list[float]:
    latencies: list[float] = []
    errors = []
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def worker() -> None:
        mine = []
        while time.monotonic() < stop:
            start = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
                    if response.status != 200:
                        errors.append(response.status)
            except OSError as exc:
                errors.append(str(exc))
                continue
            mine.append(time.perf_counter() - start)
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        print(f"  {len(errors)} errors on {url}: {errors[:3]}")
        raise SystemExit("a server answered with errors: the comparison would be meaningless")
    return latencies


def measure(name: str, url: str, pid: int, seconds: float, clients: int) -> dict:
    load(url, 1.0, clients)  # warm-up: every worker's caches
    cpu_before, wall_before = cpu_seconds(pid), time.perf_counter()
    latencies = load(url, seconds, clients)
    wall = time.perf_counter() - wall_before
    cpu = cpu_seconds(pid) - cpu_before
    latencies.sort()
    result = {
        "name": name,
        "requests": len(latencies),
        "rps": len(latencies) / wall,
        "p50_ms": 1000 * statistics.median(latencies) if latencies else float("nan"),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan"),
        "server_cpu_s": cpu,
        "wall_s": wall,
    }
    print(
        f"  {name:<34} {result['rps']:8.1f} req/s  p50 {result['p50_ms']:7.2f} ms  "
        f"p95 {result['p95_ms']:7.2f} ms  server CPU {cpu:6.2f} s / wall {wall:5.2f} s"
    )
    return result


@contextmanager
def site_and_datasette(env: dict[str, str], database: Path, ready_path: str):
    """The production server (``datalab-monitor serve``) and Datasette on ``database``, side by
    side on free loopback ports; yields (site, site base URL, datasette, datasette base URL,
    datasette version). Both are stopped afterwards."""
    datasette = datasette_binary()
    port, ds_port = free_port(), free_port()
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    site = subprocess.Popen(
        [BIN / "datalab-monitor", "serve", f"127.0.0.1:{port}"], env=env, **quiet
    )
    ds = subprocess.Popen([datasette, "serve", str(database), "--port", str(ds_port)], **quiet)
    try:
        base = f"http://127.0.0.1:{port}"
        ds_base = f"http://127.0.0.1:{ds_port}/register"
        wait_for(base + ready_path)
        wait_for(ds_base + "/register.json")
        version = subprocess.run([datasette, "--version"], capture_output=True, text=True)
        yield site, base, ds, ds_base, version.stdout.strip()
    finally:
        for process in (site, ds):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def compare(pairs, site, ds, seconds: float, clients: int, ours: str) -> list[tuple[str, float]]:
    """Measure each (name, our URL, Datasette URL) pair; print and return the throughput ratios."""
    summary = []
    for name, our_url, ds_url in pairs:
        print(f"\n{name}")
        mine = measure(f"{ours} {name}", our_url, site.pid, seconds, clients)
        theirs = measure(f"Datasette {name}", ds_url, ds.pid, seconds, clients)
        ratio = mine["rps"] / theirs["rps"] if theirs["rps"] else float("inf")
        summary.append((name, ratio))
        print(f"  ratio {ours} / Datasette: {ratio:.2f}x")
    print("\nSummary (throughput ratio, target >= 1.0x):")
    for name, ratio in summary:
        print(f"  {name:<14} {ratio:5.2f}x  {'ok' if ratio >= 1.0 else 'BELOW TARGET'}")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=8)
    options = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench-api-"))
    env = site_env(work / "var")
    print(f"Setting up a site in {work} ...")
    setup_site(env)
    database = work / "register.db"
    export_for_datasette(env, database)
    with site_and_datasette(env, database, "/api/v1/datalabs") as (api, base, ds, ds_base, version):
        api_base = base + "/api/v1"
        findings_sql = (
            "select topic, question_code, category_code, category_label, count, count_display, "
            "percent, suppression from findings where wave_slug = 'demo-2019'"
        )
        pairs = [
            (
                "lab list",
                api_base + "/datalabs?pageSize=100",
                ds_base + "/register.json?_size=100",
            ),
            ("lab detail", api_base + "/datalabs/1", ds_base + "/register/1.json"),
            (
                "findings",
                api_base + "/inventarisaties/demo-2019/bevindingen",
                ds_base + ".json?" + urllib.parse.urlencode({"sql": findings_sql}),
            ),
        ]
        print(
            f"\n{options.clients} clients, {options.seconds:.0f} s per measurement, "
            f"{os.cpu_count()} CPU(s); API: datalab-monitor serve (gunicorn); {version}"
        )
        summary = compare(pairs, api, ds, options.seconds, options.clients, "API")
        print(json.dumps({name: round(ratio, 3) for name, ratio in summary}))


if __name__ == "__main__":
    main()
