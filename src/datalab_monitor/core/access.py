"""Access checks for the researchers' pages: an explicit permission, never just ``is_staff``.

``require_permission(perm, ...)`` sends an anonymous visitor to the login page and answers a
logged-in user without the permission with 403 (``403.html``). With ``private=True`` the
response gets ``Cache-Control: private, no-store``: for pages and files that show answers or
exact figures, which no shared cache or browser history may keep.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


def no_store(response: HttpResponse) -> HttpResponse:
    """Mark ``response`` as private: never stored by a proxy, a shared cache or the browser."""
    patch_cache_control(response, private=True, no_store=True)
    return response


def require_permission(*permissions: str, private: bool = False) -> Callable:
    """View decorator: the user must be logged in and hold every one of ``permissions``."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not (user.is_active and user.has_perms(permissions)):
                raise PermissionDenied
            response = view(request, *args, **kwargs)
            return no_store(response) if private else response

        wrapped.required_permissions = permissions
        return wrapped

    return decorator
