"""``datalab-monitor report --wave WAVE --format html|pdf --lang nl|en -o FILE``."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from datalab_monitor.reports.render import FORMATS, LANGUAGES, render_report
from datalab_monitor.reports.waves import WaveNotFound, resolve_wave, same_year_note


class Command(BaseCommand):
    help = (
        "Write the report of an inventory wave (the publication 'Inventarisatie datalabs: de "
        "resultaten', computed from the wave) as a self-contained HTML file or an A4 PDF. "
        "Numbers are the published ones: small numbers are suppressed. The report of a wave that "
        "is not published is marked as a concept on every page and in its metadata."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wave", required=True, help="Wave slug, or a year with one wave.")
        parser.add_argument("--format", choices=FORMATS, default="pdf", dest="fmt")
        parser.add_argument("--lang", choices=LANGUAGES, default="nl")
        parser.add_argument("-o", "--output", required=True, help="File to write.")

    def handle(self, *args, wave, fmt, lang, output, **options):
        try:
            found = resolve_wave(wave)
        except WaveNotFound as error:
            raise CommandError(str(error)) from error
        if note := same_year_note(wave, found):
            self.stderr.write(note)
        target = Path(output)
        if not target.parent.is_dir():
            raise CommandError(f"Cannot write {target}: directory {target.parent} does not exist.")
        data = render_report(found, fmt, lang)
        target.write_bytes(data)
        if found.status != found.Status.PUBLISHED:
            self.stderr.write(
                f"Wave {found.slug} is not published ({found.status}): every page of the report "
                "and its metadata say 'concept — niet gepubliceerd' / 'draft — not published'."
            )
        if options["verbosity"] > 0:
            self.stdout.write(f"Wrote the {fmt.upper()} report of wave {found.slug} to {target}.")
