"""Secret link and API tokens: made at random, stored only as their SHA-256 hash.

Invitation links, lab edit links and API tokens all use these two functions, so a token is
never stored or compared in clear anywhere.
"""

from __future__ import annotations

import hashlib
import secrets


def new_token() -> str:
    """A fresh url-safe token (256 bits of randomness)."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """What is stored of a token: its SHA-256 hash."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()
