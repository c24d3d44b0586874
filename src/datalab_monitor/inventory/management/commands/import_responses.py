"""``datalab-monitor import_responses FILE --wave WAVE --mapping MAPPING [--dry-run]``.

Options: ``--sheet``, ``--replace``, ``--allow-closed``, ``--language``, ``--json``.

Also callable as ``datalab-monitor import-responses`` (see datalab_monitor.cli).
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from datalab_monitor.inventory.imports import run_import, shipped_mappings


class Command(BaseCommand):
    help = (
        "Import responses exported from a survey tool (CSV or XLSX) into a wave, all or "
        "nothing. Run with --dry-run first to see what would be stored."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The export: a .csv or .xlsx file.")
        parser.add_argument("--wave", required=True, help="Wave slug, or its year if unique.")
        parser.add_argument(
            "--mapping",
            required=True,
            help="A mapping file (docs/imports.md) or a shipped one: "
            + ", ".join(shipped_mappings()),
        )
        parser.add_argument("--dry-run", action="store_true", help="Report, store nothing.")
        parser.add_argument("--sheet", help="XLSX: the sheet to read (default: the first).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="The file's answers replace whole responses: answers the mapping does not "
            "cover are cleared, and responses entered through the web form are overwritten.",
        )
        parser.add_argument(
            "--allow-closed",
            action="store_true",
            help="Confirm an import into a closed or published wave.",
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the report as JSON instead of text."
        )
        parser.add_argument(
            "--language", default="en", choices=["en", "nl"], help="Language of the report."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: file not found")
        with translation.override(options["language"]):
            report = run_import(
                path.read_bytes(),
                path.name,
                options["wave"],
                options["mapping"],
                dry_run=options["dry_run"],
                replace=options["replace"],
                sheet=options["sheet"],
                allow_closed=options["allow_closed"],
            )
            if options["json"]:
                self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
            else:
                self.stdout.write(report.as_text())
        if not report.ok:
            raise CommandError(f"{path.name}: {len(report.problems)} problem(s); nothing stored.")
