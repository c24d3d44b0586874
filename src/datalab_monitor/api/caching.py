"""Cached JSON bodies of GET responses, with ETag / If-None-Match.

Bodies are kept per process (a small LRU), keyed by the data version and the full request, so
every change to the data is seen at once; entries also expire after ``TTL`` seconds.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

MAX_ENTRIES = 256  # bounded memory per worker, whatever query strings clients send
MAX_BODY = 512 * 1024  # larger bodies are rebuilt each time rather than kept
TTL = 300.0
CACHE_CONTROL = "public, no-cache"  # may be stored, but revalidated (ETag) before each use

_lock = threading.Lock()
_entries: OrderedDict[str, tuple[float, bytes, str]] = OrderedDict()


def dumps(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def _lookup(key: str) -> tuple[bytes, str] | None:
    with _lock:
        found = _entries.get(key)
        if found is None:
            return None
        if time.monotonic() - found[0] > TTL:
            del _entries[key]
            return None
        _entries.move_to_end(key)
        return found[1], found[2]


def _store(key: str, body: bytes, etag: str) -> None:
    with _lock:
        _entries[key] = (time.monotonic(), body, etag)
        while len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)


def clear() -> None:
    with _lock:
        _entries.clear()


def json_response(
    request: HttpRequest, version: str, language: str, build: Callable[[], Any]
) -> HttpResponse:
    """``build()``'s JSON, from the cache when the data version and the request are the same."""
    key = f"{version}|{language}|{request.build_absolute_uri()}"
    found = _lookup(key) if version != "none" else None
    if found is None:
        body = dumps(build())
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        if version != "none" and len(body) <= MAX_BODY:
            _store(key, body, etag)
    else:
        body, etag = found
    wanted = request.headers.get("If-None-Match", "")
    if wanted and (wanted.strip() == "*" or etag in [t.strip() for t in wanted.split(",")]):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type="application/json")
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    response["Content-Language"] = language
    response["Vary"] = "Accept-Language"
    return response
