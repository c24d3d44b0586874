"""A small fixed-window rate limit in Django's cache (for the edit-link request form)."""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache


def client_key(request) -> str:
    """A hash of the client's address (REMOTE_ADDR as set by the proxy); never the raw address."""
    address = request.META.get("REMOTE_ADDR", "") or "unknown"
    return hashlib.sha256(address.encode()).hexdigest()[:32]


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
