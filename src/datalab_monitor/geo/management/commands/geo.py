from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from datalab_monitor.geo.boundaries import BoundaryFileError, available_years, read_boundaries
from datalab_monitor.geo.download import SOURCES, DownloadError, download
from datalab_monitor.geo.points import POINTS_CSV, points_csv, representative_points

DEFAULT_YEARS = [2019, 2025]


class Command(BaseCommand):
    help = (
        "CBS boundaries: 'geo download [--year YEAR]' fetches them, 'geo check' validates them, "
        "'geo points' derives the representative points of the fallback map."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        get = sub.add_parser("download", help="download boundary files into the cache")
        get.add_argument("--year", type=int, action="append", help=f"default: {DEFAULT_YEARS}")
        get.add_argument("--level", choices=["gemeente", "provincie"], action="append")
        get.add_argument("--cache-dir", default=None, help="default: DATALAB_GEO_DIR")
        get.add_argument(
            "--base-url",
            action="append",
            help="URL pattern with {level} and {year}; repeat to try several "
            f"(default: {', '.join(SOURCES)})",
        )
        check = sub.add_parser("check", help="validate the files in DATALAB_GEO_DIR")
        check.add_argument("--dir", default=None)
        points = sub.add_parser(
            "points",
            help="derive the representative point of every municipality (the fallback map)",
        )
        points.add_argument("--dir", default=None, help="default: DATALAB_GEO_DIR")
        points.add_argument("--output", default=str(POINTS_CSV))

    def handle(self, *args, **options):
        if options["action"] == "download":
            return self.download(options)
        if options["action"] == "points":
            return self.points(options)
        return self.check_files(options)

    def download(self, options):
        cache_dir = Path(options["cache_dir"] or settings.DATALAB_GEO_DIR)
        years = options["year"] or DEFAULT_YEARS
        levels = options["level"] or ["gemeente", "provincie"]
        for year in years:
            for level in levels:
                sources = options["base_url"] or SOURCES
                try:
                    result = download(level, year, cache_dir, sources=sources)
                except DownloadError as exc:
                    raise CommandError(f"{exc} (the cache in {cache_dir} is unchanged)") from exc
                except OSError as exc:
                    raise CommandError(
                        f"{cache_dir}: cannot write the cache ({exc.strerror}); "
                        "give a writable --cache-dir or DATALAB_GEO_DIR"
                    ) from exc
                self.stdout.write(f"{result.path}: {result.regions} regions from {result.url}")

    def check_files(self, options):
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

    def points(self, options):
        directory = Path(options["dir"] or settings.DATALAB_GEO_DIR)
        years = available_years(directory, "gemeente")
        if not years:
            raise CommandError(
                f"{directory}: no municipality boundary files (run 'datalab-monitor geo download')"
            )
        try:
            by_year = {
                year: representative_points(read_boundaries(directory, "gemeente", year))
                for year in years
            }
        except BoundaryFileError as exc:
            raise CommandError(str(exc)) from exc
        output = Path(options["output"])
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(points_csv(by_year), encoding="utf-8")
        counts = ", ".join(f"{year}: {len(points)}" for year, points in by_year.items())
        self.stdout.write(f"{output}: representative points ({counts})")
