"""Benchmark: time to produce the HTML and the PDF report of the demo wave.

Run: ``.venv/bin/python bench/report.py`` (add ``--runs N`` for more repetitions). Uses a
temporary SQLite database (like the tests): migrate, load the register, create the demo wave,
then render. The first run of each format includes the one-off work (findings and map are
computed and cached); later runs show the steady state (median wall and CPU time). Target: the
PDF rendered in under 1.5 s (median). Last, a download through the shared report cache (what the
site serves after the first download of the same data).
Boundaries come from ``DATALAB_GEO_DIR`` (default: ../shared/geo when it exists).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SHARED_GEO = PROJECT_DIR.parent / "shared" / "geo"


def setup_database(folder: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datalab_monitor.settings")
    if "DATALAB_GEO_DIR" not in os.environ and SHARED_GEO.is_dir():
        os.environ["DATALAB_GEO_DIR"] = str(SHARED_GEO)
    import django
    from django.core.management import call_command

    django.setup()
    quiet = open(os.devnull, "w")  # noqa: SIM115
    call_command("init", verbosity=0, stdout=quiet)
    call_command("compile_translations", verbosity=0)
    call_command("demo", verbosity=0, stdout=quiet)


def timed(function, *args) -> tuple[float, float, bytes]:
    """Wall-clock and CPU seconds (CPU time is what the machine's load does not inflate)."""
    start, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return time.perf_counter() - start, time.process_time() - cpu, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="renders per format (default 3)")
    parser.add_argument("--lang", default="nl", choices=["nl", "en"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        setup_database(Path(folder))
        from datalab_monitor.inventory.demo import DEMO_SLUG
        from datalab_monitor.inventory.models import Wave
        from datalab_monitor.reports.cache import cached_report
        from datalab_monitor.reports.render import render_report

        wave = Wave.objects.get(slug=DEMO_SLUG)
        print(
            f"Report of wave {wave.slug} ({wave.responses.count()} responses), language {args.lang}"
        )
        print(
            f"Load average before: {' '.join(f'{v:.2f}' for v in os.getloadavg())} ({os.cpu_count()} CPUs)"
        )
        steady_pdf = 0.0
        for fmt in ("html", "pdf"):
            walls, cpus, size = [], [], 0
            for _ in range(args.runs):
                wall, cpu, data = timed(render_report, wave, fmt, args.lang)
                walls.append(wall)
                cpus.append(cpu)
                size = len(data)
            rest = slice(1, None) if args.runs > 1 else slice(None)
            print(
                f"{fmt.upper():4}  first {walls[0]:5.2f} s (CPU {cpus[0]:5.2f} s)   "
                f"then median {statistics.median(walls[rest]):5.2f} s "
                f"(CPU {statistics.median(cpus[rest]):5.2f} s)   {size / 1024:,.0f} KB"
            )
            if fmt == "pdf":
                steady_pdf = statistics.median(walls[rest])
        cached_report(wave, "pdf", args.lang)  # the first download fills the cache
        walls, cpus = [], []
        for _ in range(max(args.runs, 3)):
            wall, cpu, _data = timed(cached_report, wave, "pdf", args.lang)
            walls.append(wall)
            cpus.append(cpu)
        print(
            f"PDF from the report cache: median {1000 * statistics.median(walls):.1f} ms "
            f"(CPU {1000 * statistics.median(cpus):.1f} ms)"
        )
        verdict = "within" if steady_pdf < 1.5 else "OVER"
        print(f"PDF target: under 1.5 s rendered; median {steady_pdf:.2f} s: {verdict} target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
