from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from datalab_monitor.geo.boundaries import BoundaryFileError, available_years, read_boundaries
from datalab_monitor.geo.download import CARTOMAP_URL, DownloadError, download

DEFAULT_YEARS = [2019, 2025]


class Command(BaseCommand):
    help = "CBS boundaries: 'geo download [--year YEAR]' fetches them, 'geo check' validates them."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        get = sub.add_parser("download", help="download boundary files into the cache")
        get.add_argument("--year", type=int, action="append", help=f"default: {DEFAULT_YEARS}")
        get.add_argument("--level", choices=["gemeente", "provincie"], action="append")
        get.add_argument("--cache-dir", default=None, help="default: DATALAB_GEO_DIR")
        get.add_argument("--base-url", default=CARTOMAP_URL)
        check = sub.add_parser("check", help="validate the files in DATALAB_GEO_DIR")
        check.add_argument("--dir", default=None)

    def handle(self, *args, **options):
        if options["action"] == "download":
            return self.download(options)
        return self.check(options)

    def download(self, options):
        cache_dir = Path(options["cache_dir"] or settings.DATALAB_GEO_DIR)
        years = options["year"] or DEFAULT_YEARS
        levels = options["level"] or ["gemeente", "provincie"]
        for year in years:
            for level in levels:
                try:
                    result = download(level, year, cache_dir, base_url=options["base_url"])
                except DownloadError as exc:
                    raise CommandError(f"{exc} (the cache in {cache_dir} is unchanged)") from exc
                self.stdout.write(f"{result.path}: {result.regions} regions from {result.url}")

    def check(self, options):
        directory = Path(options["dir"] or settings.DATALAB_GEO_DIR)
        found = False
        for level in ("gemeente", "provincie"):
            for year in available_years(directory, level):
                found = True
                try:
                    regions = read_boundaries(directory, level, year)
                except BoundaryFileError as exc:
                    raise CommandError(str(exc)) from exc
                self.stdout.write(f"{level}_{year}: {len(regions)} regions, valid")
        if not found:
            raise CommandError(
                f"{directory}: no boundary files (run 'datalab-monitor geo download')"
            )
