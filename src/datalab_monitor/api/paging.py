"""Pagination with links (``_links``: self, first, prev, next, last) and the query parameters
``page`` and ``pageSize``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from rest_framework.exceptions import NotFound, ValidationError

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100


def _positive(request: HttpRequest, name: str, default: int, maximum: int | None) -> int:
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not raw.isdigit() or int(raw) < 1 or (maximum is not None and int(raw) > maximum):
        limit = f" from 1 to {maximum}" if maximum else " of 1 or more"
        raise ValidationError({name: [f"Give a whole number{limit}."]})
    return int(raw)


def href(request: HttpRequest, path: str, **params: Any) -> dict[str, str]:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "", [])}, doseq=True)
    return {"href": request.build_absolute_uri(path) + (f"?{query}" if query else "")}


def paginate(request: HttpRequest, items: list, shape) -> dict[str, Any]:
    """The page of ``items`` asked for, each item shaped by ``shape``, with navigation links."""
    page = _positive(request, "page", 1, None)
    size = _positive(request, "pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    total = len(items)
    pages = max(1, -(-total // size))
    if page > pages:
        raise NotFound(f"There are {pages} page(s) of results.")
    params = {k: v for k, v in request.GET.lists() if k not in ("page", "pageSize")}

    def link(number: int) -> dict[str, str]:
        return href(request, request.path, **params, page=number, pageSize=size)

    links = {"self": link(page), "first": link(1), "last": link(pages)}
    if page > 1:
        links["prev"] = link(page - 1)
    if page < pages:
        links["next"] = link(page + 1)
    start = (page - 1) * size
    return {
        "_links": links,
        "count": total,
        "page": page,
        "pageSize": size,
        "results": [shape(item) for item in items[start : start + size]],
    }
