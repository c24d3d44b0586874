"""``Authorization: Bearer <token>`` (or ``Token <token>``) with a researcher's API token.

No sessions and no cookies: the API is stateless, so no CSRF check is needed.
"""

from __future__ import annotations

from rest_framework import authentication, exceptions

from .tokens import find_usable

SCHEMES = ("bearer", "token")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request):
        header = request.META.get("HTTP_AUTHORIZATION", "")
        if not header:
            return None
        scheme, _space, credential = header.strip().partition(" ")
        if scheme.lower() not in SCHEMES or not credential.strip():
            raise exceptions.AuthenticationFailed(
                "Use the header 'Authorization: Bearer <token>' with an API token."
            )
        token = find_usable(credential.strip())
        if token is None:
            raise exceptions.AuthenticationFailed("The API token is unknown, expired or revoked.")
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'
