"""Health checks for the proxy and the orchestrator: ``/healthz`` and ``/readyz``.

Answered by a middleware in front of every other one, so a probe needs no allowed ``Host``
header, is never redirected to HTTPS, and opens no session:

- ``/healthz``: the process is alive (no database access). Always 200.
- ``/readyz``: the database answers and every migration is applied: 200, else 503.

Both return a small JSON body with ``Cache-Control: no-store``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse, JsonResponse

MIGRATED_CHECK_SECONDS = 60.0  # how long a "migrations applied" answer is trusted
_migrated_at: float | None = None


def _unapplied_migrations() -> int:
    global _migrated_at
    if _migrated_at is not None and time.monotonic() - _migrated_at < MIGRATED_CHECK_SECONDS:
        return 0
    executor = MigrationExecutor(connection)
    unapplied = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
    _migrated_at = time.monotonic() if unapplied == 0 else None
    return unapplied


def _json(body: dict, status: int = 200) -> JsonResponse:
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def healthz() -> JsonResponse:
    return _json({"status": "ok"})


def readyz() -> JsonResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        unapplied = _unapplied_migrations()
    except DatabaseError:
        return _json({"status": "unavailable", "database": "unreachable"}, status=503)
    if unapplied:
        return _json(
            {"status": "unavailable", "database": "ok", "unapplied_migrations": unapplied},
            status=503,
        )
    return _json({"status": "ok", "database": "ok"})


PROBES = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        probe = PROBES.get(request.path_info.rstrip("/") or "/")
        if probe is None:
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            response = _json({"status": "method not allowed"}, status=405)
            response["Allow"] = "GET, HEAD"
            return response
        return probe()
