"""Keep secrets out of every log line and console output: the one place that knows what a secret
looks like.

Respondents and lab coordinators act through links that carry a token, API clients send tokens
in headers, and Django, gunicorn and the console e-mail backend all write request paths. Every
log handler, the gunicorn access/error logs and the console e-mail backend pass their text
through :func:`redact`, which replaces

1. the path segment after a known token prefix (``TOKEN_PATH_PREFIXES``), e.g.
   ``/inventarisatie/invullen/<token>/pagina/...`` -> ``/inventarisatie/invullen/[token]/pagina/...``;
2. the value of a secret-looking query parameter (``?token=...``, ``key``, ``secret``, ...);
3. credentials after an ``Authorization`` scheme (``Bearer``, ``Token``, ``Basic``);
4. any other long random-looking url-safe string: 20+ characters from ``[A-Za-z0-9_-]`` mixing
   upper case, lower case and digits, or 32+ characters mixing letters and digits (hashes,
   session keys). Words, slugs and dotted names are left alone.

A new kind of token link only needs its prefix added to ``TOKEN_PATH_PREFIXES``; rule 4 catches
tokens even where nobody registered them.
"""

from __future__ import annotations

import logging
import re

REDACTED = "[token]"

# Path segments after which the next segment is a secret (invitation and lab edit links, ...).
TOKEN_PATH_PREFIXES = ("invullen", "bewerken", "token", "tokens", "link", "uitnodiging")
SECRET_QUERY_KEYS = ("token", "key", "secret", "password", "code", "signature", "sig")

_PREFIXES = "|".join(TOKEN_PATH_PREFIXES)
_KEYS = "|".join(SECRET_QUERY_KEYS)
_PATH_TOKEN = re.compile(rf"(/(?:{_PREFIXES})/)[^/\s?#\"'<>]+", re.I)
_QUERY_SECRET = re.compile(rf"([?&;](?:{_KEYS})=)[^&;\s\"'<>#]+", re.I)
_AUTH_CREDENTIALS = re.compile(r"\b(Bearer|Token|Basic)(\s+)[A-Za-z0-9._~+/=-]{8,}", re.I)
_LONG_RUN = re.compile(r"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{20,}(?![A-Za-z0-9_-])")


def _looks_random(run: str) -> bool:
    has_upper = any(c.isupper() for c in run)
    has_lower = any(c.islower() for c in run)
    has_digit = any(c.isdigit() for c in run)
    if has_upper and has_lower and has_digit:
        return True
    return len(run) >= 32 and has_digit and (has_upper or has_lower)


def _redact_run(match: re.Match[str]) -> str:
    run = match.group(0)
    return REDACTED if _looks_random(run) else run


def redact(text: str) -> str:
    """``text`` with every token-like secret replaced by ``[token]``."""
    if not text:
        return text
    text = _PATH_TOKEN.sub(r"\1" + REDACTED, text)
    text = _QUERY_SECRET.sub(r"\1" + REDACTED, text)
    text = _AUTH_CREDENTIALS.sub(r"\1\2" + REDACTED, text)
    return _LONG_RUN.sub(_redact_run, text)


class RedactingFilter(logging.Filter):
    """A logging filter that redacts the message, its arguments and any traceback text.

    Attach it to handlers (not loggers), so records propagated from any logger pass it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: log it raw rather than lose it
            message = str(record.msg)
        record.msg = redact(message)
        record.args = ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


# Loggers that write request paths (4xx/5xx responses, the development server's access log,
# security warnings naming the path, gunicorn). Besides the handlers, the filter sits on these
# loggers themselves, so every consumer of their records (test capture, a handler a deployment
# adds) sees them redacted.
PATH_LOGGERS = (
    "django.request",
    "django.server",
    "django.security.csrf",
    "django.security.SuspiciousOperation",
    "django.security.DisallowedHost",
    "gunicorn.access",
    "gunicorn.error",
)


def install_logger_filters() -> None:
    """Put the redacting filter on the loggers that write request paths (idempotent)."""
    for name in PATH_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())
