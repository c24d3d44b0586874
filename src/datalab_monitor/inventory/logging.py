"""Keep invitation tokens out of the logs: Django logs request paths, and a link's path holds one."""

from __future__ import annotations

import logging
import re

TOKEN_IN_PATH = re.compile(r"(/invullen/)[^/\s\"']+")
REDACTED = r"\1[token]"
# Loggers that write request paths: 4xx/5xx responses, the development server's access log,
# and security warnings (a refused CSRF check names the path).
PATH_LOGGERS = (
    "django.request",
    "django.server",
    "django.security.csrf",
    "django.security.SuspiciousOperation",
    "django.security.DisallowedHost",
)


class RedactTokens(logging.Filter):
    """Replace the token in ``/inventarisatie/invullen/<token>/`` by ``[token]``."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/invullen/" in message:
            record.msg = TOKEN_IN_PATH.sub(REDACTED, message)
            record.args = ()
        return True


def install() -> None:
    token_filter = RedactTokens()
    for name in PATH_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactTokens) for f in logger.filters):
            logger.addFilter(token_filter)
