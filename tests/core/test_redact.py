"""No secret in any log: the one redaction rule, applied to every handler and to gunicorn."""

from __future__ import annotations

import io
import logging
import secrets
import sys
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection

from datalab_monitor.core.gunicorn_logging import RedactingLogger
from datalab_monitor.core.redact import REDACTED, RedactingFilter, redact


@pytest.mark.parametrize(
    "text",
    [
        "GET /inventarisatie/invullen/{t}/ HTTP/1.1",
        "POST /inventarisatie/invullen/{t}/pagina/lab/ HTTP/1.1",
        "Not Found: /datalabs/bewerken/{t}/",
        "https://datalabs.example.nl/labs/bewerken/{t}/?x=1",
        "GET /api/v1/export?token={t}&format=csv",
        "Authorization: Bearer {t}",
        "Authorization: Token {t}",
        "invalid token {t} in message",  # no known prefix: caught as a random string
        '{{"link": "/inventarisatie/invullen/{t}"}}',
    ],
)
def test_tokens_are_redacted_wherever_they_appear(text):
    for _ in range(20):  # random tokens: every shape token_urlsafe makes
        token = secrets.token_urlsafe(32)
        redacted = redact(text.format(t=token))
        assert token not in redacted and token[:12] not in redacted
        assert REDACTED in redacted


def test_short_and_unknown_path_tokens_after_a_prefix_are_redacted_too():
    assert redact("/inventarisatie/invullen/abc/") == f"/inventarisatie/invullen/{REDACTED}/"
    assert redact("/datalabs/bewerken/x-y_z/") == f"/datalabs/bewerken/{REDACTED}/"


@pytest.mark.parametrize(
    "text",
    [
        "GET /bevindingen/demo-2019/ HTTP/1.1",
        "inventarisatie-datalabs-2019 gemeente_2019.topojson noto-sans-cyrillic-ext-wght-normal",
        "django.core.exceptions.ImproperlyConfigured: RedactingConsoleBackend",
        "Issued 38 invitation(s) for wave demo-2019",
        "GET /static/vendor/@utrecht/component-library-css/dist/index.d5d70458567a.css",
    ],
)
def test_ordinary_text_is_left_alone(text):
    assert redact(text) == text


def test_the_filter_redacts_arguments_and_tracebacks():
    token = secrets.token_urlsafe(32)
    try:
        raise ValueError(f"bad link /inventarisatie/invullen/{token}/")
    except ValueError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Error: %s",
            (f"/invullen/{token}/",),
            exc_info=sys.exc_info(),
        )
    RedactingFilter().filter(record)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.emit(record)
    assert token not in stream.getvalue() and "ValueError" in stream.getvalue()


def test_every_configured_handler_redacts(caplog):
    """Django's request logger, the development server's and the app's loggers all print
    through handlers with the redacting filter."""
    handlers = settings.LOGGING["handlers"]
    assert handlers and all("redact" in h.get("filters", []) for h in handlers.values())
    for name in ("django.request", "django.server", "datalab_monitor.inventory.services"):
        logger = logging.getLogger(name)
        stream = io.StringIO()
        target = logger if not logger.propagate else logging.getLogger()
        printing = [h for h in target.handlers if isinstance(h, logging.StreamHandler)]
        assert printing, name
        for handler in printing:
            old, handler.stream = handler.stream, stream
            try:
                token = secrets.token_urlsafe(32)
                logger.warning("Not Found: /inventarisatie/invullen/%s/", token)
            finally:
                handler.stream = old
            assert "Not Found" in stream.getvalue() and token not in stream.getvalue(), name


def test_gunicorn_access_log_atoms_are_redacted():
    token = secrets.token_urlsafe(32)
    logger = RedactingLogger.__new__(RedactingLogger)
    logger.cfg = SimpleNamespace()
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/inventarisatie/invullen/{token}/",
        "PATH_INFO": f"/inventarisatie/invullen/{token}/",
        "QUERY_STRING": f"token={token}",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": f"https://x.example/inventarisatie/invullen/{token}/",
    }
    response = SimpleNamespace(status="200 OK", headers=[], sent=10)
    request = SimpleNamespace(headers=[("AUTHORIZATION", f"Bearer {token}")])
    atoms = logger.atoms(response, request, environ, timedelta(seconds=1))
    assert not [key for key, value in atoms.items() if token in str(value)]
    assert atoms["r"] == f"GET /inventarisatie/invullen/{REDACTED}/ HTTP/1.1"


def test_console_email_backend_hides_token_links_in_text_and_html():
    token = secrets.token_urlsafe(32)
    link = f"https://datalabs.example.nl/inventarisatie/invullen/{token}/"
    stream = io.StringIO()
    connection = get_connection("datalab_monitor.core.mail.RedactingConsoleBackend", stream=stream)
    message = EmailMultiAlternatives(
        "Uitnodiging", f"Uw link: {link}", to=["a@example.org"], connection=connection
    )
    message.attach_alternative(f'<a href="{link}">invullen</a>', "text/html")
    message.send()
    output = stream.getvalue()
    assert token not in output and "/inventarisatie/invullen/[token]/" in output
    assert link in message.body  # the message that is really sent keeps its link
