"""Backup and restore: every row of every model comes back exactly, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from datalab_monitor.core import backup
from datalab_monitor.inventory.demo import create_demo_wave
from datalab_monitor.inventory.models import Response

pytestmark = pytest.mark.django_db


def link_columns(through) -> list[str]:
    """A many-to-many link is its two ends; the link table's own id is not data."""
    return [f.attname for f in through._meta.fields if not f.primary_key]


def snapshot() -> dict[str, list[dict]]:
    """Every row of every backed-up model, as stored (values, timestamps to the microsecond),
    plus the many-to-many links; content types and permissions by natural key."""
    rows: dict[str, list[dict]] = {}
    for model in backup.backed_up_models():
        rows[model._meta.label_lower] = list(
            model._base_manager.order_by(model._meta.pk.name).values()
        )
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            rows[f"{model._meta.label_lower}.{field.name}"] = sorted(
                tuple(sorted(row.items()))
                for row in through._base_manager.values(*link_columns(through))
            )
    rows["permissions"] = sorted(
        (p.content_type.app_label, p.content_type.model, p.codename)
        for p in Permission.objects.select_related("content_type")
    )
    return rows


@pytest.fixture
def data(register):
    """The register, the demo wave (answers and revisions), users, groups, a session and an
    admin log entry, with timestamps that need every microsecond."""
    from datalab_monitor.core.roles import ensure_roles

    ensure_roles()
    create_demo_wave()
    researcher = User.objects.create_user("onderzoeker", "o@example.org", "x-very-secret-1")
    researcher.groups.add(Group.objects.get(name="Onderzoeker"))
    researcher.user_permissions.add(Permission.objects.get(codename="view_exact_figures"))
    moment = timezone.now().replace(microsecond=123457)
    Response.objects.filter(pk=Response.objects.order_by("pk").first().pk).update(
        updated_at=moment, submitted_at=moment - timedelta(microseconds=1)
    )
    store = SessionStore()
    store["hello"] = "world"
    store.create()
    LogEntry.objects.create(
        user=researcher,
        content_type=ContentType.objects.get_for_model(User),
        object_id=str(researcher.pk),
        object_repr="onderzoeker",
        action_flag=CHANGE,
        change_message="[]",
    )
    return moment


def test_round_trip_restores_every_row_exactly(data, tmp_path):
    before = snapshot()
    assert len(before["inventory.response"]) >= 38 and before["auth.user.groups"]
    assert any(
        row["updated_at"] == data for row in before["inventory.response"]
    )  # the microseconds are there to lose
    path = tmp_path / "backup.zip"
    manifest = backup.write_backup(path)
    assert oct(path.stat().st_mode & 0o777) == "0o600"  # personal data: owner only
    assert manifest["format_version"] == backup.FORMAT_VERSION

    with transaction.atomic():
        backup._delete_all(backup.backed_up_models(), "default")
    assert backup.stored_rows(backup.backed_up_models(), "default") == 0

    result = backup.restore_backup(path)
    assert result.rows == sum(len(before[m._meta.label_lower]) for m in backup.backed_up_models())
    assert snapshot() == before
    # New rows get fresh primary keys after a restore (sequences follow the restored rows).
    user = User.objects.create_user("nieuw")
    assert user.pk > max(row["id"] for row in before["auth.user"])


def test_restore_refuses_a_database_with_data_unless_forced(data, tmp_path):
    path = tmp_path / "backup.zip"
    backup.write_backup(path)
    before = snapshot()
    with pytest.raises(backup.BackupError, match="not empty"):
        backup.restore_backup(path)
    User.objects.filter(username="onderzoeker").update(first_name="Changed")
    result = backup.restore_backup(path, force=True)
    assert result.replaced > 0
    assert snapshot() == before


def rewrite(path: Path, target: Path, change) -> Path:
    """A copy of the backup at ``path`` with ``change(name, bytes) -> bytes`` applied."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for name in source.namelist():
            out.writestr(name, change(name, source.read(name)))
    return target


def manifest_edit(**changes):
    def change(name: str, content: bytes) -> bytes:
        if name != backup.MANIFEST:
            return content
        manifest = json.loads(content)
        manifest.update(changes)
        return json.dumps(manifest).encode()

    return change


def test_bad_backups_are_refused_with_the_reason_and_change_nothing(data, tmp_path):
    path = tmp_path / "backup.zip"
    backup.write_backup(path)
    before = snapshot()
    not_zip = tmp_path / "not.zip"
    not_zip.write_text("hello")
    version = rewrite(path, tmp_path / "v.zip", manifest_edit(format_version=99))
    newer = rewrite(path, tmp_path / "n.zip", manifest_edit(migrations={"registry": ["9999_x"]}))

    def corrupt_row(name: str, content: bytes) -> bytes:
        if "inventory.response.json" not in name:
            return content
        rows = json.loads(content)
        rows[-1]["fields"]["wave"] = 999999  # a response of a wave that does not exist
        return json.dumps(rows).encode()

    broken = rewrite(path, tmp_path / "b.zip", corrupt_row)
    cases = {
        not_zip: "not a zip file",
        version: "format version 99 is not supported",
        newer: "newer version: migration registry.9999_x",
        broken: "inconsistent|inventory",
    }
    for bad, reason in cases.items():
        with pytest.raises(backup.BackupError, match=reason):
            backup.restore_backup(bad, force=True)
        assert snapshot() == before  # all or nothing


def test_the_commands(data, tmp_path, capsys):
    path = tmp_path / "b.zip"
    call_command("backup", "-o", str(path))
    assert "Backed up" in capsys.readouterr().out
    with pytest.raises(CommandError, match="not empty.*--force.*Nothing was changed"):
        call_command("restore", str(path))
    call_command("restore", str(path), "--force")
    assert "Restored" in capsys.readouterr().out
    with pytest.raises(CommandError, match="no such file"):
        call_command("restore", str(tmp_path / "missing.zip"))


# Across databases: a backup of the test database (SQLite or PostgreSQL) restores exactly on the
# other one, and backing that database up again gives the same rows. The CI runs the suite on
# both, so both directions are covered. Runs the real commands in subprocesses.


def _postgres_admin_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url.rsplit("/", 1)[0] + "/postgres"
    return "postgres://postgres@127.0.0.1:5432/postgres"


def _rows_of(path: Path) -> dict[str, list]:
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read(backup.MANIFEST))
        return {entry["model"]: json.loads(zf.read(entry["file"])) for entry in manifest["models"]}


@pytest.fixture
def other_database(tmp_path):
    """Environment variables for a fresh database of the other kind."""
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE_URL", "DJANGO_"))}
    base["DATALAB_VAR_DIR"] = str(tmp_path / "other")
    if connection.vendor == "postgresql":
        yield base  # SQLite in the temporary var dir
        return
    psycopg = pytest.importorskip("psycopg")
    admin_url = _postgres_admin_url()
    name = f"dm_restore_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=3) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"no PostgreSQL server: {exc}")
    yield {**base, "DATABASE_URL": admin_url.rsplit("/", 1)[0] + f"/{name}"}
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restores_exactly_on_the_other_database(data, other_database, tmp_path):
    made_here, made_there = tmp_path / "here.zip", tmp_path / "there.zip"
    backup.write_backup(made_here)
    cli = [sys.executable, "-m", "datalab_monitor.cli"]
    for args in (["restore", str(made_here)], ["backup", "-o", str(made_there)]):
        result = subprocess.run(cli + args, env=other_database, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-3000:]
    rows_here, rows_there = _rows_of(made_here), _rows_of(made_there)
    assert sum(map(len, rows_here.values())) > 400
    assert rows_there == rows_here
