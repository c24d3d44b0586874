"""Under /api/: the API-Version header on every response, CORS for reading, and problem details
for every error, also those Django answers itself (unknown URL, server error)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus

from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from . import API_VERSION
from .problems import PROBLEM_JSON, problem

logger = logging.getLogger(__name__)

CORS_METHODS = "GET, HEAD, OPTIONS"
KEPT_HEADERS = ("Allow", "Retry-After", "WWW-Authenticate")


NOT_FOUND = "There is no resource at this address. Addresses have no trailing slash."


def _resolves(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


class ApiMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/"):
            return self.get_response(request)
        if not _resolves(request.path_info):
            response = problem(404, NOT_FOUND, instance=request.path)
        elif request.method == "OPTIONS" and "HTTP_ACCESS_CONTROL_REQUEST_METHOD" in request.META:
            response = HttpResponse(status=204)  # CORS preflight: reading only
            response["Access-Control-Allow-Methods"] = CORS_METHODS
            response["Access-Control-Allow-Headers"] = "Accept, Accept-Language, If-None-Match"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
        if response.status_code >= 400 and not response.get("Content-Type", "").startswith(
            PROBLEM_JSON
        ):
            response = self._as_problem(request, response)
        response["API-Version"] = API_VERSION
        if request.method in ("GET", "HEAD", "OPTIONS"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "API-Version, ETag"
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not request.path.startswith("/api/"):
            return None
        logger.exception("API error: %s %s", request.method, request.path)
        return problem(500, "An unexpected error occurred on the server.", instance=request.path)

    @staticmethod
    def _as_problem(request: HttpRequest, response: HttpResponse) -> HttpResponse:
        status = response.status_code
        details = {
            404: NOT_FOUND,
            405: f"The method {request.method} is not allowed here.",
            500: "An unexpected error occurred on the server.",
        }
        try:
            phrase = HTTPStatus(status).phrase
        except ValueError:
            phrase = "Error"
        converted = problem(status, details.get(status, phrase), instance=request.path)
        for name in KEPT_HEADERS:
            if name in response:
                converted[name] = response[name]
        return converted
