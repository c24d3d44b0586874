from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from datalab_monitor.geo.boundaries import BoundaryFileError, available_years
from datalab_monitor.registry.reference import (
    MUNICIPALITIES_CSV,
    PROVINCES_CSV,
    ReferenceDataError,
    build_reference,
    municipality_csv,
    province_csv,
)


class Command(BaseCommand):
    help = (
        "Build (or refresh) the municipality reference table from CBS boundary files: "
        "codes, names per year, province, mergers. Writes the package's CSV files."
    )

    def add_arguments(self, parser):
        parser.add_argument("--geo-dir", default=None, help="default: DATALAB_GEO_DIR")
        parser.add_argument("--from-year", type=int, default=2019)
        parser.add_argument("--to-year", type=int, default=None, help="default: newest file")
        parser.add_argument("--output", default=str(MUNICIPALITIES_CSV))
        parser.add_argument("--provinces-output", default=str(PROVINCES_CSV))

    def handle(self, *args, **options):
        geo_dir = Path(options["geo_dir"] or settings.DATALAB_GEO_DIR)
        years = available_years(geo_dir)
        if not years:
            raise CommandError(f"{geo_dir}: no gemeente_YEAR.topojson files found")
        to_year = options["to_year"] or years[-1]
        province_years = [y for y in available_years(geo_dir, "provincie") if y <= to_year]
        if not province_years:
            raise CommandError(f"{geo_dir}: no provincie_YEAR.topojson file up to {to_year}")
        try:
            rows, provinces = build_reference(
                geo_dir, (options["from_year"], to_year), province_years[-1]
            )
        except (BoundaryFileError, ReferenceDataError) as exc:
            raise CommandError(str(exc)) from exc
        Path(options["output"]).write_text(
            municipality_csv(rows, (options["from_year"], to_year)), encoding="utf-8"
        )
        Path(options["provinces_output"]).write_text(province_csv(provinces), encoding="utf-8")
        self.stdout.write(f"Wrote {len(rows)} municipalities and {len(provinces)} provinces.")
