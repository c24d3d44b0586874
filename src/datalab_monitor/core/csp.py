"""Content-Security-Policy helpers for the few responses that must carry inline CSS.

The site itself has no inline script or style (``settings.CONTENT_SECURITY_POLICY``). A
self-contained document, such as the HTML report that also works offline as a saved file, holds
its stylesheet in ``<style>``; its response allows exactly those blocks by their SHA-256 hash.
"""

from __future__ import annotations

import base64
import hashlib
import re

from django.http import HttpResponse

_STYLE_BLOCK = re.compile(rb"<style\b[^>]*>(.*?)</style>", re.S | re.I)


def style_hashes(html: bytes) -> list[str]:
    """CSP source expressions (``'sha256-...'``) for every ``<style>`` block in ``html``."""
    digests = {hashlib.sha256(block).digest() for block in _STYLE_BLOCK.findall(html)}
    return sorted(f"'sha256-{base64.b64encode(digest).decode()}'" for digest in digests)


def allow_inline_styles(response: HttpResponse) -> HttpResponse:
    """Let ``response``'s own ``<style>`` blocks through the CSP (django-csp's per-response
    update), nothing else."""
    hashes = style_hashes(response.content)
    if hashes:
        response._csp_update = {"style-src": hashes}
    return response
