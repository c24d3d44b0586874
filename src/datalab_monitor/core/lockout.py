"""The page django-axes shows when the admin login is locked after repeated failed logins."""

from __future__ import annotations

from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .access import no_store


def lockout_response(request: HttpRequest, *args) -> HttpResponse:
    """429 in Dutch (English below) with ``Retry-After``; ``AXES_LOCKOUT_CALLABLE``."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 0
    context = {"minutes": max(1, -(-seconds // 60)) if seconds else 0}
    response = render(request, "core/lockout.html", context, status=429)
    if seconds:
        response["Retry-After"] = str(seconds)
    return no_store(response)
