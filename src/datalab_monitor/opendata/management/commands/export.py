"""``datalab-monitor export --what register|findings|codebook|datapackage [--wave WAVE]
[--format csv|xlsx|json] -o PATH``: the public open data, as published (no personal data)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from datalab_monitor.opendata.catalogue import datapackage_files, published_waves
from datalab_monitor.opendata.codebook import codebook_table
from datalab_monitor.opendata.datapackage import write_package
from datalab_monitor.opendata.findings import concept_waves, findings_table
from datalab_monitor.opendata.formats import FORMATS, serialise
from datalab_monitor.opendata.register import register_municipalities_table, register_table
from datalab_monitor.opendata.tables import CONCEPT_NOTE
from datalab_monitor.questionnaire import available_versions
from datalab_monitor.reports.waves import WaveNotFound, resolve_wave, same_year_note

WHAT = ("register", "register-municipalities", "findings", "codebook", "datapackage")


class Command(BaseCommand):
    help = (
        "Export open data: the register (with codes and labels), the published findings of a "
        "wave (small numbers suppressed), the codebook, or a Frictionless Data Package of all "
        "of it (a directory, or a .zip file). Never contains personal data or a lab's answers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--what", required=True, choices=WHAT)
        parser.add_argument(
            "--wave",
            help="Wave slug or year. Required for findings; for codebook it picks the version; "
            "for datapackage it limits the findings to this wave (default: all published).",
        )
        parser.add_argument("--format", choices=FORMATS, default="csv", dest="fmt")
        parser.add_argument("-o", "--output", required=True, help="File (or directory) to write.")

    def _wave(self, identifier: str | None, required: bool):
        if identifier is None:
            if required:
                raise CommandError("--wave is required for this export.")
            return None
        try:
            found = resolve_wave(identifier)
        except WaveNotFound as error:
            raise CommandError(str(error)) from error
        if note := same_year_note(identifier, found):
            self.stderr.write(note)
        return found

    def handle(self, *args, what, wave, fmt, output, **options):
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"Cannot write {target}: directory {target.parent} does not exist.")
        if what == "datapackage":
            found = self._wave(wave, required=False)
            files = datapackage_files([found] if found else published_waves())
            written = write_package(files, target)
            self._done(f"Wrote the data package to {written}.", options)
            self._concept_note([found] if found else [], target)
            return
        if what == "register":
            table = register_table()
        elif what == "register-municipalities":
            table = register_municipalities_table()
        elif what == "findings":
            found = self._wave(wave, required=True)
            table = findings_table([found])
            self._concept_note([found], target)
        else:
            found = self._wave(wave, required=False)
            table = codebook_table([found.questionnaire_version] if found else available_versions())
        target.write_bytes(serialise(table, fmt))
        self._done(f"Wrote {what} ({len(table.rows)} rows) as {fmt.upper()} to {target}.", options)

    def _concept_note(self, waves, target: Path) -> None:
        """Say that the export holds an unpublished wave, and suggest a file name that says so."""
        concept = concept_waves(waves)
        if not concept:
            return
        note = (
            f"Wave {', '.join(concept)} is not published: this export is a concept "
            f"('{CONCEPT_NOTE}'), as its metadata say."
        )
        if "concept" not in target.name.lower():
            suggestion = target.with_name(f"{target.stem}-concept{target.suffix}")
            note += f" Suggested file name: {suggestion.name}"
        self.stderr.write(note)

    def _done(self, message: str, options) -> None:
        if options["verbosity"] > 0:
            self.stdout.write(message)
