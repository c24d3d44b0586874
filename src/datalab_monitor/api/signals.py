"""Every change to the register, the waves, or a lab's public profile or projects gives the data
version a new stamp."""

from __future__ import annotations

import uuid

from django.db import DatabaseError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from datalab_monitor.inventory.models import Wave
from datalab_monitor.labpages.models import LabProfile, Project
from datalab_monitor.registry.models import Category, Datalab, Do, Municipality, Partner, Province

from .models import DataVersion

WATCHED = (Province, Municipality, Category, Partner, Datalab, Do, Wave, LabProfile, Project)
WATCHED_M2M = (Datalab.municipalities.through, Datalab.partners.through)
WATCHED_M2M += (Municipality.successors.through,)


def bump(**_kwargs) -> None:
    stamp = uuid.uuid4().hex
    try:
        with transaction.atomic():
            if not DataVersion.objects.filter(pk=1).update(stamp=stamp):
                DataVersion.objects.create(pk=1, stamp=stamp)
    except DatabaseError:  # the table does not exist yet (during migrations)
        pass


STAMP_SQL = f"SELECT stamp FROM {DataVersion._meta.db_table} WHERE id = 1"  # noqa: S608


def current_stamp() -> str:
    """The data version (one indexed row; plain SQL, as it is read on every API request)."""
    with connection.cursor() as cursor:
        cursor.execute(STAMP_SQL)
        row = cursor.fetchone()
    return row[0] if row else "none"


for model in WATCHED:
    post_save.connect(bump, sender=model, dispatch_uid=f"api-bump-save-{model.__name__}")
    post_delete.connect(bump, sender=model, dispatch_uid=f"api-bump-delete-{model.__name__}")
for through in WATCHED_M2M:
    m2m_changed.connect(bump, sender=through, dispatch_uid=f"api-bump-m2m-{through.__name__}")
