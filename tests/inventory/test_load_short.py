"""The short load test: ``bench/load.py`` with ~40 respondents against the production server.

Marked ``load`` (run only these: ``pytest -m load``). It runs on the database the suite runs on:
SQLite, or PostgreSQL when DATABASE_URL says so (a scratch database created and dropped on that
server), so ``.ci/run`` covers both. It asserts every target of the benchmark except latency,
which depends on the machine: 0 5xx, 0 lost writes, 0 silent overwrites, refusals only for true
same-question conflicts, every response submitted. The full size is ``bench/load.py``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

BENCH = Path(__file__).resolve().parents[2] / "bench" / "load.py"


def _bench():
    spec = importlib.util.spec_from_file_location("bench_load", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


load = _bench()


@pytest.mark.load
def test_forty_respondents_lose_nothing_and_are_refused_only_for_true_conflicts():
    database = "postgres" if connection.vendor == "postgresql" else "sqlite"
    pg_url = os.environ.get("DATABASE_URL", "") if database == "postgres" else ""
    result = load.run(database, 40, 0.1, pg_url, Path(settings.STATIC_ROOT), seed=7)
    print(load.report(result))
    assert result["requests"] > 40 * 15 and result["saves"] >= 40 * 8
    assert result["status_5xx"] == 0, result["server_errors"]
    assert result["lost_writes"] == [] and result["silent_overwrites"] == []
    assert result["broken_history"] == []
    assert result["false_refusals"] == []
    assert result["not_submitted"] == [] and result["client_errors"] == []
    assert result["unfinished"] == 0


# --- the checker itself must catch what it is there to catch --------------------------------


def _save(client, wrote, seen):
    return load.Save(client, "w/1", "lab", wrote, {k: set(v) for k, v in seen.items()})


def test_the_checker_finds_a_lost_write_and_a_silent_overwrite():
    first = _save(0, {"lab_name": "c0-1"}, {"lab_name": [""]})
    second = _save(1, {"lab_name": "c1-1"}, {"lab_name": [""]})  # never saw c0-1
    logs = [load.ClientLog(saves=[first]), load.ClientLog(saves=[second])]
    stored = {
        "w/1": {
            "version": 2,
            "status": "submitted",
            "answers": {"lab_name": "c1-1"},
            "revisions": [[1, {"lab_name": "c0-1"}], [2, {"lab_name": "c1-1"}]],
        }
    }
    result = load.check(stored, logs)
    assert result["lost_writes"] == [] and len(result["silent_overwrites"]) == 1
    second.seen["lab_name"].add("c0-1")  # had seen it: a deliberate change
    assert load.check(stored, logs)["silent_overwrites"] == []
    stored["w/1"]["revisions"] = [[1, {"lab_name": "c1-1"}], [2, {"lab_name": "c1-1"}]]
    assert load.check(stored, logs)["lost_writes"] == ["w/1 lab_name='c0-1' (client 0)"]


def test_the_checker_finds_a_gap_in_the_history_and_a_false_refusal():
    refusal = load.Refusal(0, "w/1", "lab", ["projects"], False, "not changed by anyone else")
    stored = {"w/1": {"version": 3, "status": "draft", "answers": {}, "revisions": [[1, {}]]}}
    result = load.check(stored, [load.ClientLog(refusals=[refusal])])
    assert result["broken_history"] and result["false_refusals"] and result["not_submitted"]


def test_the_browser_posts_what_the_page_holds():
    html = (
        '<form method="post"><input type="hidden" name="v" value="1">'
        '<input type="text" name="t" value="a &amp; b"><input type="radio" name="r" value="x">'
        '<input type="radio" name="r" value="y" checked><input type="checkbox" name="c" '
        'value="p" checked><textarea name="l">\nline</textarea><button name="action" '
        'value="next">Go</button></form>'
    )
    assert load.form_fields(html) == [
        ("v", "1"),
        ("t", "a & b"),
        ("r", "y"),
        ("c", "p"),
        ("l", "line"),
    ]
