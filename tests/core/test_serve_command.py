"""`datalab-monitor serve`: gunicorn with the project's configuration; `--dev`: runserver."""

from __future__ import annotations

import importlib

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from datalab_monitor.core import gunicorn_conf
from datalab_monitor.core.management.commands import serve


def test_serve_execs_gunicorn_with_the_project_configuration(monkeypatch, settings, tmp_path):
    (tmp_path / "staticfiles.json").write_text("{}")
    settings.STATIC_ROOT = tmp_path
    calls = []
    monkeypatch.setattr(serve.os, "execv", lambda path, argv: calls.append(argv))
    call_command("serve", "127.0.0.1:8123")
    call_command("serve", "8124")
    first, second = calls
    assert first[1:3] == ["-m", "gunicorn"]
    assert "python:datalab_monitor.core.gunicorn_conf" in first
    assert first[first.index("--bind") + 1] == "127.0.0.1:8123"
    assert second[second.index("--bind") + 1] == "127.0.0.1:8124"


def test_serve_refuses_to_start_without_collected_static_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    with pytest.raises(CommandError, match="datalab-monitor init"):
        call_command("serve")


def test_serve_dev_is_the_development_server(monkeypatch):
    calls = []
    monkeypatch.setattr(serve, "call_command", lambda *args, **kw: calls.append(args))
    call_command("serve", "--dev", "127.0.0.1:8125")
    assert calls == [("runserver", "127.0.0.1:8125")]


def test_gunicorn_sizes_and_timeouts_come_from_the_environment(monkeypatch):
    try:
        monkeypatch.setenv("WEB_CONCURRENCY", "3")
        monkeypatch.setenv("GUNICORN_THREADS", "8")
        monkeypatch.setenv("GUNICORN_TIMEOUT", "90")
        monkeypatch.setenv("GUNICORN_ACCESS_LOG", "")
        conf = importlib.reload(gunicorn_conf)
        assert (conf.workers, conf.threads, conf.timeout) == (3, 8, 90)
        assert conf.accesslog is None
        assert conf.preload_app and conf.worker_class == "gthread"
        monkeypatch.delenv("WEB_CONCURRENCY")
        monkeypatch.delenv("GUNICORN_THREADS")
        conf = importlib.reload(gunicorn_conf)
        assert conf.workers >= 2 and conf.threads == 4 and conf.timeout == 90
        assert conf.logger_class.endswith("RedactingLogger")
    finally:
        monkeypatch.undo()
        importlib.reload(gunicorn_conf)
