"""Errors as problem details (RFC 9457, ``application/problem+json``) for every API error."""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpResponse
from rest_framework import exceptions

PROBLEM_JSON = "application/problem+json"


def problem(
    status: int,
    detail: str,
    *,
    instance: str = "",
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """A problem details response: ``type`` about:blank, ``title`` the status phrase."""
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if instance:
        body["instance"] = instance
    body.update(extra or {})
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_JSON
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def invalid_params(errors: dict[str, Any]) -> list[dict[str, str]]:
    """``{"field": ["reason", ...]}`` (DRF or Django style) as ADR ``invalidParams``."""
    found = []
    for name, reasons in errors.items():
        if isinstance(reasons, dict):
            found += [
                {"name": f"{name}.{item['name']}", "reason": item["reason"]}
                for item in invalid_params(reasons)
            ]
            continue
        if not isinstance(reasons, list | tuple):
            reasons = [reasons]
        found += [{"name": str(name), "reason": str(reason)} for reason in reasons]
    return found


def validation_problem(errors: dict[str, Any], instance: str = "") -> HttpResponse:
    return problem(
        400,
        "The request has invalid parameters; see invalidParams.",
        instance=instance,
        extra={"invalidParams": invalid_params(errors)},
    )


def exception_handler(exc: Exception, context: dict) -> HttpResponse | None:
    """DRF's exception handler, answering with problem details (None: a 500, see middleware)."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None
    request = context.get("request")
    instance = request.path if request is not None else ""
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None) is not None:
        headers["Retry-After"] = str(max(1, int(exc.wait + 0.999)))
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"body": exc.detail}
        response = validation_problem(detail, instance)
    else:
        response = problem(exc.status_code, str(exc.detail), instance=instance, headers=headers)
    for name, value in headers.items():
        response[name] = value
    return response
