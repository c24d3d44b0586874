"""Work that runs once the response has gone to the client.

For work whose duration must not show in the response time, such as whether an e-mail was sent.
The WSGI server (gunicorn, the development server, Django's test client) closes the response
after writing it; Django then runs the response's closers, before ``request_finished``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpResponseBase

logger = logging.getLogger(__name__)


def after_response(response: HttpResponseBase, task: Callable[[], object], what: str) -> None:
    """Run ``task`` when ``response`` is closed; a failure is logged (as ``what`` and the kind of
    error, without its message, which may hold an e-mail address), not raised."""

    def run() -> None:
        try:
            task()
        except Exception as error:
            logger.error("Work after the response failed: %s (%s)", what, type(error).__name__)

    # Django's own hook for closing a response's resources (FileResponse uses it too).
    response._resource_closers.append(run)
