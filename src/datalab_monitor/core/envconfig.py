"""Database, cache and logging settings from the environment (used by ``settings.py``).

Plain functions without Django imports, so settings stay short and these choices are testable.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return default if not value else value in {"1", "true", "yes", "on"}


def database(var_dir: Path) -> dict[str, Any]:
    """``DATABASES["default"]`` from ``DATABASE_URL`` (default: SQLite in ``var_dir``).

    SQLite: WAL (readers never wait for the writer), a busy timeout of ``DB_BUSY_TIMEOUT``
    seconds (default 20) and ``BEGIN IMMEDIATE`` transactions, so concurrent writers queue for
    the lock instead of failing with "database is locked" halfway through a transaction.

    PostgreSQL: a psycopg connection pool per process of ``DB_POOL_MIN_SIZE`` (default 1) to
    ``DB_POOL_MAX_SIZE`` (default 4) connections; a request waits up to ``DB_POOL_TIMEOUT``
    seconds (default 10) for a free one. The server never sees more than
    ``WEB_CONCURRENCY x DB_POOL_MAX_SIZE`` connections from one host (default 4 x 4 = 16, well
    under PostgreSQL's default ``max_connections`` of 100). ``DB_POOL=0`` turns the pool off and
    uses ``DB_CONN_MAX_AGE`` (persistent connections, at most one per thread) instead.
    """
    config = dj_database_url.config(
        default=f"sqlite:///{var_dir / 'datalab_monitor.sqlite3'}",
        conn_max_age=_int("DB_CONN_MAX_AGE", 0),
    )
    options = config.setdefault("OPTIONS", {})
    if config["ENGINE"] == "django.db.backends.sqlite3":
        options.setdefault("timeout", _int("DB_BUSY_TIMEOUT", 20))
        options.setdefault("transaction_mode", "IMMEDIATE")
        options.setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    elif config["ENGINE"] == "django.db.backends.postgresql" and _bool("DB_POOL", True):
        config["CONN_MAX_AGE"] = 0  # the pool keeps the connections
        options["pool"] = {
            "min_size": _int("DB_POOL_MIN_SIZE", 1),
            "max_size": _int("DB_POOL_MAX_SIZE", 4),
            "timeout": _int("DB_POOL_TIMEOUT", 10),
        }
    return config


def caches(var_dir: Path) -> dict[str, Any]:
    """``CACHES``: one cache shared by all server processes of a host.

    ``DATALAB_CACHE`` = ``file`` (default: files in ``var_dir/cache``, shared by the gunicorn
    workers of one host), ``database`` (table ``datalab_cache``, created by ``init``: shared by
    several hosts) or ``memory`` (per process; development only).
    """
    kind = os.environ.get("DATALAB_CACHE", "file").strip().lower() or "file"
    if kind == "database":
        default = {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "datalab_cache",
        }
    elif kind == "memory":
        default = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    elif kind == "file":
        default = {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(var_dir / "cache"),
        }
    else:
        raise ValueError(f"DATALAB_CACHE={kind!r}: use file, database or memory")
    default.setdefault("OPTIONS", {"MAX_ENTRIES": _int("DATALAB_CACHE_MAX_ENTRIES", 5000)})
    return {"default": default}


def logging_config(level: str) -> dict[str, Any]:
    """``LOGGING``: everything to stderr through the redacting filter (no token in any line).

    Django's own ``django`` and ``django.server`` loggers get the same handler instead of their
    defaults, which would print request paths unredacted.
    """
    handler = {"class": "logging.StreamHandler", "filters": ["redact"]}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": {"()": "datalab_monitor.core.redact.RedactingFilter"}},
        "formatters": {
            "plain": {"format": "%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s"}
        },
        "handlers": {"console": {**handler, "formatter": "plain"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django": {"handlers": ["console"], "level": level, "propagate": False},
            "django.server": {"handlers": ["console"], "level": level, "propagate": False},
        },
    }
