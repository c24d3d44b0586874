"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest

from .navigation import navigation_items


def navigation(request: HttpRequest) -> dict:
    """``navigation``: the main menu entries, with the current one marked."""
    return {"navigation": navigation_items(request.path)}
