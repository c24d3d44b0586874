"""E-mail backend for local use: like Django's console backend, but without secrets.

Contact addresses are personal data and are never logged; the console is a log. The recipients
are hidden, and token links in the subject and body (``/inventarisatie/invullen/<token>/`` and
any other secret, see ``core/redact.py``) are redacted. The rest of the message is printed, so a
researcher can still see what would be sent; the links themselves are in the links CSV.
"""

from __future__ import annotations

import copy

from django.core.mail.backends.console import EmailBackend as ConsoleBackend

from datalab_monitor.core.redact import redact

HIDDEN_RECIPIENT = "recipient-hidden@invalid"


class RedactingConsoleBackend(ConsoleBackend):
    def write_message(self, message):
        redacted = copy.copy(message)
        redacted.to = [HIDDEN_RECIPIENT for _ in message.to]
        redacted.cc = [HIDDEN_RECIPIENT for _ in message.cc]
        redacted.bcc = []
        redacted.reply_to = [HIDDEN_RECIPIENT for _ in message.reply_to]
        redacted.subject = redact(str(message.subject))
        redacted.body = redact(str(message.body))
        alternatives = getattr(message, "alternatives", None)
        if alternatives:
            redacted.alternatives = [
                type(alternative)(redact(alternative[0]), *alternative[1:])
                if isinstance(alternative[0], str)
                else alternative
                for alternative in alternatives
            ]
        super().write_message(redacted)
