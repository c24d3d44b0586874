"""E-mail backend for local use: like Django's console backend, but recipients are hidden.

Contact addresses are personal data and are never logged; the console is a log. The message
itself (subject, body) is printed, so a researcher can still see what would be sent.
"""

from __future__ import annotations

import copy

from django.core.mail.backends.console import EmailBackend as ConsoleBackend

HIDDEN_RECIPIENT = "recipient-hidden@invalid"


class RedactingConsoleBackend(ConsoleBackend):
    def write_message(self, message):
        redacted = copy.copy(message)
        redacted.to = [HIDDEN_RECIPIENT for _ in message.to]
        redacted.cc = [HIDDEN_RECIPIENT for _ in message.cc]
        redacted.bcc = []
        redacted.reply_to = [HIDDEN_RECIPIENT for _ in message.reply_to]
        super().write_message(redacted)
