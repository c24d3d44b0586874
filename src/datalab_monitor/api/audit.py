"""The audit trail of API writes: who (user and token), when, what, and the changes."""

from __future__ import annotations

from typing import Any

from .models import AuditEvent


def record(request, action: str, object_type: str, object_id: str, changes: dict[str, Any]):
    token = request.auth if hasattr(request.auth, "pk") else None
    return AuditEvent.objects.create(
        user=request.user,
        username=request.user.get_username(),
        token=token,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        changes=changes,
    )
