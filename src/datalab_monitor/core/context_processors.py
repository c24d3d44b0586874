"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest

from .navigation import NAVIGATION, STAFF_NAVIGATION, navigation_items
from .roles import VIEW_MONITOR

# The permission a user needs to see each researchers' menu entry (no permission: not shown).
STAFF_ENTRY_PERMISSIONS = {"inventory:wave-list": VIEW_MONITOR}


def navigation(request: HttpRequest) -> dict:
    """``navigation``: the main menu entries (plus the researchers' the user may open)."""
    user = getattr(request, "user", None)
    staff_entries = [
        (name, label)
        for name, label in STAFF_NAVIGATION
        if user is not None
        and name in STAFF_ENTRY_PERMISSIONS
        and user.has_perm(STAFF_ENTRY_PERMISSIONS[name])
    ]
    return {"navigation": navigation_items(request.path, NAVIGATION + staff_entries)}
