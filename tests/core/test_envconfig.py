"""Database, cache and logging settings from the environment (core/envconfig.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from datalab_monitor.core import envconfig


def test_sqlite_waits_for_the_lock_in_wal_mode_with_immediate_transactions(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("DB_BUSY_TIMEOUT", "7")
    options = envconfig.database(Path("/tmp/x"))["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 7
    assert "journal_mode=WAL" in options["init_command"]


def test_postgresql_gets_a_pool_sized_from_the_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@db:5432/dm")
    monkeypatch.setenv("DB_POOL_MAX_SIZE", "6")
    config = envconfig.database(Path("/tmp/x"))
    assert config["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 6, "timeout": 10}
    assert config["CONN_MAX_AGE"] == 0  # Django refuses persistent connections with a pool
    monkeypatch.setenv("DB_POOL", "0")
    monkeypatch.setenv("DB_CONN_MAX_AGE", "60")
    config = envconfig.database(Path("/tmp/x"))
    assert "pool" not in config["OPTIONS"] and config["CONN_MAX_AGE"] == 60


@pytest.mark.django_db
def test_the_running_database_uses_its_concurrency_settings():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] >= 1000
            if connection.settings_dict["NAME"] != ":memory:" and "mode=memory" not in str(
                connection.settings_dict["NAME"]
            ):
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
        else:
            assert (
                connection.settings_dict["OPTIONS"].get("pool")
                or connection.settings_dict["CONN_MAX_AGE"] is not None
            )


def test_caches_are_shared_files_by_default(monkeypatch, tmp_path):
    monkeypatch.delenv("DATALAB_CACHE", raising=False)
    default = envconfig.caches(tmp_path)["default"]
    assert default["BACKEND"].endswith("FileBasedCache")
    assert default["LOCATION"] == str(tmp_path / "cache")
    monkeypatch.setenv("DATALAB_CACHE", "database")
    assert envconfig.caches(tmp_path)["default"]["LOCATION"] == "datalab_cache"
    monkeypatch.setenv("DATALAB_CACHE", "redis")
    with pytest.raises(ValueError, match="DATALAB_CACHE='redis'"):
        envconfig.caches(tmp_path)
