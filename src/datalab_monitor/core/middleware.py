"""Language selection: Dutch first, English only when the visitor chose it."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


def chosen_language(request: HttpRequest) -> str:
    """The language from the language switch's cookie if supported, else the default (Dutch)."""
    wanted = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or settings.LANGUAGE_CODE
    try:
        return translation.get_supported_language_variant(wanted)
    except LookupError:
        return settings.LANGUAGE_CODE


class DutchFirstLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware without the browser's Accept-Language: the site opens in Dutch
    for everyone (as the issue asks) and switches only through the language switch."""

    def process_request(self, request: HttpRequest) -> None:
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
