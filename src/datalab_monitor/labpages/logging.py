"""Keep edit-link tokens out of the logs: Django logs request paths, and an edit link holds one."""

from __future__ import annotations

import logging
import re

TOKEN_IN_PATH = re.compile(r"(/bewerken/)[^/\s\"'?]+")
REDACTED = r"\1[token]"
PATH_LOGGERS = (
    "django.request",
    "django.server",
    "django.security.csrf",
    "django.security.SuspiciousOperation",
    "django.security.DisallowedHost",
    "gunicorn.access",
    "gunicorn.error",
)


class RedactEditTokens(logging.Filter):
    """Replace the token in ``/datalabs/bewerken/<token>/`` by ``[token]``."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/bewerken/" in message:
            record.msg = TOKEN_IN_PATH.sub(REDACTED, message)
            record.args = ()
        return True


def install() -> None:
    token_filter = RedactEditTokens()
    for name in PATH_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactEditTokens) for f in logger.filters):
            logger.addFilter(token_filter)
