"""Abuse limits: count failed attempts per client address in Django's cache, answer 429 when over.

Usage (a view that resolves a secret link)::

    WRONG_LINKS = RateLimit("wrong-link", setting="DATALAB_WRONG_LINK_LIMIT")
    ...
    except UnknownLink:
        if (refusal := WRONG_LINKS.fail(request)) is not None:
            return refusal  # 429 with Retry-After
        return not_found_page

Only failures are counted, so a valid link keeps working even for a client that is blocked.
The limit is a fixed window: at most ``attempts`` failures per ``seconds`` per client; the 429
says how long to wait (``Retry-After``).

Settings (from the environment, see ``settings.py``):

- ``DATALAB_WRONG_LINK_LIMIT``: ``"attempts/seconds"``, default ``"20/600"``.
- ``DATALAB_TRUSTED_PROXIES``: how many proxies in front of the server append the client's
  address to ``X-Forwarded-For`` (default 0: the connection's address, ``REMOTE_ADDR``, is the
  client; the header is then ignored, since any client can send it).

The counters live in the cache "default". ``cache.add`` + ``cache.incr`` are atomic on Redis or
Memcached; on the file and database caches (shared by all server processes of a host) two
simultaneous failures may be counted once, so a client gets at most a few more attempts than the
limit, never fewer. Addresses are stored only as salted hashes.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .access import no_store

DEFAULT_LIMIT = "20/600"


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """The client's IP address: ``REMOTE_ADDR``, or behind ``DATALAB_TRUSTED_PROXIES`` proxies
    the address the outermost trusted proxy saw (counted from the right of X-Forwarded-For).
    None when unknown (no address, or not an IP address)."""
    remote = _valid(request.META.get("REMOTE_ADDR") or "")
    proxies = int(getattr(settings, "DATALAB_TRUSTED_PROXIES", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [part.strip() for part in forwarded.split(",") if part.strip()]
    chain.append(remote or "")
    return _valid(chain[max(len(chain) - 1 - proxies, 0)]) or remote


def parse_limit(text: str) -> tuple[int, int]:
    """``"20/600"`` -> (20, 600); a clear error for anything else."""
    attempts, _slash, seconds = str(text).partition("/")
    try:
        parsed = int(attempts), int(seconds)
    except ValueError:
        parsed = (0, 0)
    if parsed[0] < 1 or parsed[1] < 1:
        raise ValueError(f"rate limit {text!r}: use 'attempts/seconds', e.g. '20/600'")
    return parsed


@dataclass(frozen=True)
class RateLimit:
    """A named limit on failures per client; ``setting`` holds its ``"attempts/seconds"``."""

    scope: str
    setting: str
    default: str = DEFAULT_LIMIT

    @property
    def limit(self) -> tuple[int, int]:
        return parse_limit(getattr(settings, self.setting, self.default) or self.default)

    def _key(self, request: HttpRequest, window: int, now: float) -> str:
        salted = f"{settings.SECRET_KEY}:{client_address(request) or 'unknown'}".encode()
        client = hashlib.sha256(salted).hexdigest()[:32]
        return f"ratelimit:{self.scope}:{client}:{int(now // window)}"

    def fail(self, request: HttpRequest, now: float | None = None) -> HttpResponse | None:
        """Count one failure; the 429 response when the client is over the limit, else None."""
        attempts, window = self.limit
        now = time.time() if now is None else now
        key = self._key(request, window, now)
        cache.add(key, 0, timeout=window + 5)
        try:
            count = cache.incr(key)
        except ValueError:  # expired or evicted between add and incr
            cache.set(key, 1, timeout=window + 5)
            count = 1
        if count <= attempts:
            return None
        retry_after = max(1, math.ceil(window - now % window))
        return too_many_requests(request, retry_after)


def too_many_requests(request: HttpRequest, retry_after: int) -> HttpResponse:
    """The 429 page (Dutch, with English below), with ``Retry-After`` in seconds."""
    minutes = max(1, -(-retry_after // 60))
    response = render(request, "429.html", {"minutes": minutes}, status=429)
    response["Retry-After"] = str(retry_after)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return no_store(response)
