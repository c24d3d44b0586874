"""A small fixed-window limit on *requests* in Django's cache (the edit-link request form sends
mail, so every request counts, not only failures as in ``core.ratelimit``)."""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

from datalab_monitor.core.ratelimit import client_address


def client_key(request) -> str:
    """A salted hash of the client's address (behind trusted proxies, as ``core.ratelimit``
    reads it); never the raw address."""
    address = client_address(request) or "unknown"
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def hit(scope: str, key: str, limit: int, window_seconds: int) -> bool:
    """Count one attempt for (scope, key); False when over ``limit`` in the current window."""
    bucket = int(time.time() // window_seconds)
    cache_key = f"ratelimit:{scope}:{key}:{bucket}"
    cache.add(cache_key, 0, timeout=window_seconds + 5)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=window_seconds + 5)
        count = 1
    return count <= limit
