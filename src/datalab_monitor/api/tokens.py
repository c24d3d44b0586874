"""API tokens: created once (the plain token is shown only then), stored as a SHA-256 hash."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from datalab_monitor.core.tokens import hash_token, new_token

from .models import ApiToken

TOKEN_PREFIX = "dlm_"
DEFAULT_LIFETIME = timedelta(days=90)
LAST_USED_RESOLUTION = timedelta(minutes=5)


def new_api_token() -> str:
    return TOKEN_PREFIX + new_token()


def issue(token: ApiToken) -> str:
    """Give ``token`` (unsaved or saved) a new secret; returns the plain token, never stored."""
    plain = new_api_token()
    token.token_hash = hash_token(plain)
    token.prefix = plain[:8]
    if token.expires_at is None:
        token.expires_at = timezone.now() + DEFAULT_LIFETIME
    return plain


def create_token(user, name: str, lifetime: timedelta = DEFAULT_LIFETIME) -> tuple[ApiToken, str]:
    token = ApiToken(user=user, name=name, expires_at=timezone.now() + lifetime)
    plain = issue(token)
    token.save()
    return token, plain


def find_usable(plain: str) -> ApiToken | None:
    """The active token for ``plain`` (not revoked, not expired, active user), or None."""
    if not plain or len(plain) > 200:
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=hash_token(plain)).first()
    now = timezone.now()
    if token is None or not token.is_usable(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
