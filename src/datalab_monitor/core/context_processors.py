"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest

from .navigation import NAVIGATION, STAFF_NAVIGATION, navigation_items


def navigation(request: HttpRequest) -> dict:
    """``navigation``: the main menu entries (plus the researchers' for staff), current marked."""
    user = getattr(request, "user", None)
    entries = NAVIGATION + (STAFF_NAVIGATION if user is not None and user.is_staff else [])
    return {"navigation": navigation_items(request.path, entries)}
