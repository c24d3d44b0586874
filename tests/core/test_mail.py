"""The local e-mail backend prints messages without the recipients' addresses."""

import io
import os
import subprocess
import sys

from django.core.mail import EmailMessage, get_connection

from datalab_monitor.core.mail import HIDDEN_RECIPIENT


def test_console_backend_hides_recipients_but_shows_the_message():
    stream = io.StringIO()
    connection = get_connection("datalab_monitor.core.mail.RedactingConsoleBackend", stream=stream)
    message = EmailMessage(
        subject="Uitnodiging",
        body="Vul de vragenlijst in.",
        to=["jan.jansen@gemeente.example"],
        cc=["piet@gemeente.example"],
        bcc=["geheim@gemeente.example"],
        connection=connection,
    )
    assert message.send() == 1
    output = stream.getvalue()
    assert "gemeente.example" not in output
    assert HIDDEN_RECIPIENT in output
    assert "Uitnodiging" in output and "Vul de vragenlijst in." in output
    assert message.to == ["jan.jansen@gemeente.example"]  # the real message is untouched


def test_it_is_the_default_backend():
    # pytest-django replaces the backend during tests: read the settings module's own default
    env = {k: v for k, v in os.environ.items() if k != "EMAIL_BACKEND"}
    code = "from datalab_monitor import settings; print(settings.EMAIL_BACKEND)"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "datalab_monitor.core.mail.RedactingConsoleBackend"
