"""gunicorn's logger with every secret redacted from the access log and the error log."""

from __future__ import annotations

from gunicorn.glogging import Logger

from datalab_monitor.core.redact import RedactingFilter, redact


class RedactingLogger(Logger):
    """Redacts tokens in request lines, paths, query strings and headers of the access log, and
    in every error-log message and traceback (``/invullen/<token>/`` and the like)."""

    def setup(self, cfg) -> None:
        super().setup(cfg)
        redacting = RedactingFilter()
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                if not any(isinstance(f, RedactingFilter) for f in handler.filters):
                    handler.addFilter(redacting)

    def atoms(self, resp, req, environ, request_time) -> dict:
        atoms = super().atoms(resp, req, environ, request_time)
        return {
            key: redact(value) if isinstance(value, str) else value for key, value in atoms.items()
        }
