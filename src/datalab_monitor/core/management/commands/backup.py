"""``datalab-monitor backup -o FILE``: the whole database as a portable zip (core/backup.py)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from datalab_monitor.core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = (
        "Write a backup of the whole database to a zip file that `restore` reads on SQLite or "
        "PostgreSQL. The file holds personal data and token hashes: it is created readable only "
        "by its owner; keep it safe."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="the backup file to write")

    def handle(self, *args, **options):
        path = Path(options["output"])
        if not path.parent.is_dir():
            raise CommandError(f"{path.parent}: no such directory")
        try:
            manifest = write_backup(path)
        except BackupError as exc:
            raise CommandError(f"no backup written: {exc}") from None
        except OSError as exc:
            raise CommandError(f"{path}: {exc.strerror or exc}") from None
        rows = sum(entry["rows"] for entry in manifest["models"])
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {rows} rows of {len(manifest['models'])} models to {path}"
            )
        )
