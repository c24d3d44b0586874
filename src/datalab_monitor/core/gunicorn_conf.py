"""gunicorn settings for ``datalab-monitor serve``, from the environment.

Sized for a small box (2 cores): ``WEB_CONCURRENCY`` worker processes (default: 2 per core),
each with ``GUNICORN_THREADS`` threads (default 4), so 16 requests run at once on 2 cores;
slow clients and keep-alive connections wait in gthread's event loop, not in a thread.

- ``WEB_CONCURRENCY``: worker processes. Default: 2 x CPU cores.
- ``GUNICORN_THREADS``: threads per worker. Default: 4.
- ``GUNICORN_TIMEOUT``: seconds before a silent worker is restarted. Default: 60 (a cold chart
  or PDF render takes seconds; the app is preloaded, so booting a worker takes none).
- ``GUNICORN_GRACEFUL_TIMEOUT``: seconds to finish requests on restart/stop. Default: 30.
- ``GUNICORN_KEEPALIVE``: seconds to keep an idle connection open. Default: 5.
- ``GUNICORN_MAX_REQUESTS``: restart a worker after this many requests (0 = never). Default: 0.
- ``GUNICORN_ACCESS_LOG``: ``-`` for stdout (default), a file path, or empty for none.
- ``GUNICORN_FORWARDED_ALLOW_IPS``: proxies trusted for X-Forwarded-*. Default: loopback.
- ``LOG_LEVEL``: gunicorn's error-log level. Default: info.

Every log line passes :mod:`datalab_monitor.core.redact` (``RedactingLogger``): no token of an
invitation or edit link, nor any other secret, reaches a log.
"""

from __future__ import annotations

import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "datalab_monitor.wsgi:application"
bind = [os.environ.get("DATALAB_BIND", "127.0.0.1:8000")]
workers = _int("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1))
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)
timeout = _int("GUNICORN_TIMEOUT", 60)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
max_requests = _int("GUNICORN_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
preload_app = True
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

logger_class = "datalab_monitor.core.gunicorn_logging.RedactingLogger"
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
# Remote address, request line (redacted), status, size, duration in ms: no referrer or
# user agent (a referrer can hold a token link of another site; neither is needed).
access_log_format = '%(h)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms'
# Several servers (tests, benchmarks) may run side by side: no shared control socket.
control_socket_disable = True


def when_ready(server) -> None:
    """Import every view module once in the master, so forked workers answer at once."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports the URLconf and its views)


def post_fork(server, worker) -> None:
    """Never share the master's database connections (or pool) with a forked worker."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        connection.close()
        close_pool = getattr(connection, "close_pool", None)
        if close_pool is not None:
            close_pool()
