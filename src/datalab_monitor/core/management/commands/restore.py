"""``datalab-monitor restore FILE``: load a backup made by ``backup`` (core/backup.py)."""

from __future__ import annotations

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from datalab_monitor.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `datalab-monitor backup`. Migrates the database first; refuses "
        "a database that holds data unless --force (which replaces everything). All or nothing: "
        "on any error the database is left as it was."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup file (.zip)")
        parser.add_argument(
            "--force", action="store_true", help="replace the data of a database that is not empty"
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        call_command("migrate", interactive=False, verbosity=0)
        try:
            result = restore_backup(path, force=options["force"])
        except BackupError as exc:
            raise CommandError(f"{path}: {exc}. Nothing was changed.") from None
        replaced = f" (replaced {result.replaced} rows)" if result.replaced else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {result.rows} rows of {result.models} models from {path}{replaced}"
            )
        )
