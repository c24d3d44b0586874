"""A stamp of the public lab-page data (profiles, projects), for caches shared by all workers.

Every save or delete of a profile or project sets a new generation in the shared cache, so the
next request of any worker computes anew what depends on them (the peer ranking). Together with
the register's data version it keys the cached peer data.
"""

from __future__ import annotations

import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save

from datalab_monitor.api.signals import current_stamp

from .models import LabProfile, Project

KEY = "labpages-generation"
TIMEOUT = 30 * 24 * 3600


def bump(**_kwargs) -> None:
    cache.set(KEY, uuid.uuid4().hex, TIMEOUT)


def generation() -> str:
    """The current generation (a new one when the cache lost it: the next read recomputes)."""
    found = cache.get(KEY)
    if found is None:
        found = uuid.uuid4().hex
        if not cache.add(KEY, found, TIMEOUT):
            found = cache.get(KEY) or found
    return found


def public_data_stamp() -> str:
    """Changes with the register, the waves, and any lab profile or project."""
    return f"{current_stamp()}:{generation()}"


for model in (LabProfile, Project):
    post_save.connect(bump, sender=model, dispatch_uid=f"labpages-generation-save-{model.__name__}")
    post_delete.connect(
        bump, sender=model, dispatch_uid=f"labpages-generation-delete-{model.__name__}"
    )
