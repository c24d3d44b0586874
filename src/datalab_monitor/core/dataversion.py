"""The data version: a random stamp that changes with every change to public data.

Caches shared by all workers (API responses, the lab pages, the peers, the report files) are
keyed by it, so a change shows at once in every worker. Each app declares which of its models
are public data with ``watch`` in its ``AppConfig.ready``; core knows none of them.
"""

from __future__ import annotations

import uuid

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, models, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .models import DataVersion

STAMP_SQL = f"SELECT stamp FROM {DataVersion._meta.db_table} WHERE id = 1"  # noqa: S608


def bump(using: str = DEFAULT_DB_ALIAS, **_kwargs) -> None:
    """Give the data version (in database ``using``; signals pass theirs) a new stamp."""
    stamp = uuid.uuid4().hex
    versions = DataVersion.objects.using(using)
    try:
        with transaction.atomic(using=using):
            if not versions.filter(pk=1).update(stamp=stamp):
                versions.create(pk=1, stamp=stamp)
    except DatabaseError:  # the table does not exist yet (during migrations)
        pass


def current_stamp() -> str:
    """The data version (one indexed row; plain SQL, as it is read on every API request)."""
    with connection.cursor() as cursor:
        cursor.execute(STAMP_SQL)
        row = cursor.fetchone()
    return row[0] if row else "none"


def watch(*watched: type[models.Model], many_to_many: tuple = ()) -> None:
    """Bump the data version on every save or delete of ``watched`` and every change to the
    ``many_to_many`` relations (their ``through`` models)."""
    for model in watched:
        name = model._meta.label
        post_save.connect(bump, sender=model, dispatch_uid=f"dataversion-save-{name}")
        post_delete.connect(bump, sender=model, dispatch_uid=f"dataversion-delete-{name}")
    for through in many_to_many:
        name = through._meta.label
        m2m_changed.connect(bump, sender=through, dispatch_uid=f"dataversion-m2m-{name}")
