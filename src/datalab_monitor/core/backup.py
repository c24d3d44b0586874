"""Backup and restore of the whole database in a portable format (SQLite <-> PostgreSQL).

A backup is a zip file:

- ``manifest.json``: format name and version, when it was made, the applied migrations, and per
  model its label, row count and data file;
- ``data/NNN-app_label.model.json``: the rows of one model (Django's serializer, natural keys
  for references to content types, permissions, users and groups; primary keys kept), in an
  order in which they can be loaded. Timestamps are written with full microseconds.

Content types and permissions are not in the backup: ``migrate`` creates them, and rows refer to
them by natural key. Restore checks the format, the version and the migrations, then replaces
the data in one transaction: it either loads everything or changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections, router, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model
from django.utils import timezone

from . import dataversion

FORMAT = "datalab-monitor-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
# Recreated by `migrate` (rows refer to them by natural key), or a cache key rather than data:
# a restore gives the data version a new stamp.
EXCLUDED = {"contenttypes.contenttype", "auth.permission", "core.dataversion"}


class BackupError(Exception):
    """A backup cannot be made or restored; the message says why (and nothing was changed)."""


@dataclass(frozen=True)
class RestoreResult:
    models: int
    rows: int
    replaced: int


class _ExactEncoder(DjangoJSONEncoder):
    """DjangoJSONEncoder rounds times to milliseconds; a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def backed_up_models() -> list[type[Model]]:
    """Every concrete, managed model except content types and permissions, in load order."""
    app_list = {
        config: [
            model
            for model in config.get_models()
            if model._meta.managed
            and not model._meta.proxy
            and model._meta.label_lower not in EXCLUDED
        ]
        for config in apps.get_app_configs()
    }
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    recorder = MigrationRecorder(connections[using])
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(recorder.applied_migrations()):
        applied.setdefault(app_label, []).append(name)
    return applied


def _rows(model: type[Model], using: str) -> list[dict[str, Any]]:
    queryset = model._base_manager.using(using).order_by(model._meta.pk.name)
    return serializers.serialize(
        "python", queryset.iterator(), use_natural_foreign_keys=True, use_natural_primary_keys=False
    )


def _consistent_snapshot(using: str, nested: bool) -> None:
    """One snapshot for every table read (PostgreSQL's READ COMMITTED gives one per query;
    SQLite's transaction already is one). Only possible as a transaction's first statement."""
    connection = connections[using]
    if connection.vendor == "postgresql" and not nested:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")


def _unapplied_migrations(using: str) -> list[str]:
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def write_backup(path: Path, using: str = DEFAULT_DB_ALIAS) -> dict[str, Any]:
    """Write the database to ``path`` (readable only by its owner); return the manifest."""
    path = Path(path)
    unapplied = _unapplied_migrations(using)
    if unapplied:
        raise BackupError(
            f"the database is not migrated ({unapplied[0]} and {len(unapplied) - 1} more "
            "unapplied): run `datalab-monitor migrate` first"
        )
    partial = path.with_name(path.name + ".partial")
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "database_vendor": connections[using].vendor,
        "migrations": applied_migrations(using),
        "models": [],
    }
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
            nested = connections[using].in_atomic_block
            with transaction.atomic(using=using):
                _consistent_snapshot(using, nested)
                for index, model in enumerate(backed_up_models()):
                    rows = _rows(model, using)
                    name = f"data/{index:03d}-{model._meta.label_lower}.json"
                    zf.writestr(name, json.dumps(rows, cls=_ExactEncoder, ensure_ascii=False))
                    manifest["models"].append(
                        {"model": model._meta.label_lower, "rows": len(rows), "file": name}
                    )
            zf.writestr(MANIFEST, json.dumps(manifest, indent=2))
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return manifest


def read_manifest(zf: zipfile.ZipFile) -> dict[str, Any]:
    try:
        manifest = json.loads(zf.read(MANIFEST))
    except KeyError:
        raise BackupError(f"not a Datalab Monitor backup: no {MANIFEST} in the zip file") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{MANIFEST} is not valid JSON: {exc}") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(f"not a Datalab Monitor backup ({MANIFEST} has no format {FORMAT!r})")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise BackupError(
            f"backup format version {version!r} is not supported (this version reads "
            f"{FORMAT_VERSION}); restore it with the Datalab Monitor version that made it"
        )
    if not isinstance(manifest.get("models"), list):
        raise BackupError(f"{MANIFEST}: 'models' is missing or not a list")
    return manifest


def _check_migrations(manifest: dict[str, Any], using: str) -> None:
    ours = applied_migrations(using)
    theirs = manifest.get("migrations") or {}
    for app_label, names in sorted(theirs.items()):
        missing = sorted(set(names) - set(ours.get(app_label, [])))
        if missing:
            raise BackupError(
                f"the backup was made by a newer version: migration {app_label}.{missing[0]} is "
                "not applied here. Upgrade Datalab Monitor and run `datalab-monitor migrate` first."
            )
    for app_label, names in sorted(ours.items()):
        extra = sorted(set(names) - set(theirs.get(app_label, [])))
        if extra and app_label in {m["model"].split(".")[0] for m in manifest["models"]}:
            raise BackupError(
                f"the backup was made by an older version (it lacks migration "
                f"{app_label}.{extra[0]}). Restore it with that version, then upgrade."
            )


def _model(label: str) -> type[Model]:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        raise BackupError(f"{MANIFEST}: unknown model {label!r}") from None


def stored_rows(models: list[type[Model]], using: str) -> int:
    return sum(model._base_manager.using(using).count() for model in models)


def _delete_all(models: list[type[Model]], using: str) -> int:
    deleted = 0
    for model in reversed(models):
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            if through._meta.auto_created:
                through._base_manager.using(using).all()._raw_delete(using)
        deleted += model._base_manager.using(using).all()._raw_delete(using)
    return deleted


def restore_backup(path: Path, *, force: bool = False, using: str = DEFAULT_DB_ALIAS):
    """Replace the database's data by the backup at ``path``, atomically.

    Refuses a database that holds data unless ``force``; refuses another format version and a
    backup from another schema version (migrations). Raises :class:`BackupError`.
    """
    try:
        zf = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise BackupError("no such file") from None
    except (zipfile.BadZipFile, OSError) as exc:
        raise BackupError(f"not a zip file ({exc})") from None
    with zf:
        manifest = read_manifest(zf)
        _check_migrations(manifest, using)
        entries = [(_model(entry.get("model", "")), entry) for entry in manifest["models"]]
        models = [model for model in backed_up_models() if router.allow_migrate_model(using, model)]
        connection = connections[using]
        loaded = 0
        with transaction.atomic(using=using):
            present = stored_rows(models, using)
            if present and not force:
                raise BackupError(
                    f"the database is not empty ({present} rows); restore into a freshly "
                    "migrated database, or use --force to replace everything in it"
                )
            replaced = _delete_all(models, using) if present else 0
            with connection.constraint_checks_disabled():
                for model, entry in entries:
                    loaded += _load(zf, model, entry, using)
            try:
                connection.check_constraints(
                    table_names=[model._meta.db_table for model, _ in entries]
                )
            except Exception as exc:  # IntegrityError; the message names table and row
                raise BackupError(f"the backup is inconsistent: {exc}") from None
            _reset_sequences([model for model, _ in entries], using)
            dataversion.bump(using)  # nothing cached before the restore is served after it
    return RestoreResult(models=len(entries), rows=loaded, replaced=replaced)


def _load(zf: zipfile.ZipFile, model: type[Model], entry: dict[str, Any], using: str) -> int:
    name = entry.get("file", "")
    try:
        rows = json.loads(zf.read(name))
    except KeyError:
        raise BackupError(f"{name!r} (model {entry['model']}) is missing from the backup") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"{name}: not valid JSON ({exc})") from None
    if not isinstance(rows, list) or len(rows) != entry.get("rows"):
        raise BackupError(f"{name}: expected {entry.get('rows')} rows")
    count = 0
    try:
        for index, obj in enumerate(serializers.deserialize("python", rows, using=using)):
            if obj.object._meta.label_lower != model._meta.label_lower:
                raise BackupError(f"{name}, row {index + 1}: a {obj.object._meta.label} row")
            obj.save(using=using)
            count += 1
    except (DeserializationError, DatabaseError) as exc:
        raise BackupError(f"{name}, row {count + 1}: {exc}") from None
    return count


def _reset_sequences(models: list[type[Model]], using: str) -> None:
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
