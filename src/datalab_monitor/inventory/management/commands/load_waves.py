from django.core.management.base import BaseCommand, CommandError

from datalab_monitor.inventory.loaders import WAVES_YAML, load_waves
from datalab_monitor.registry.loaders import RegisterFileError


class Command(BaseCommand):
    help = "Load the facts of inventory waves run outside this system (e.g. the 2019 inventory)."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(WAVES_YAML))

    def handle(self, *args, **options):
        from pathlib import Path

        try:
            report = load_waves(Path(options["file"]))
        except RegisterFileError as exc:
            raise CommandError(
                f"Nothing was stored. Problems in {exc.source}:\n- " + "\n- ".join(exc.problems)
            ) from exc
        self.stdout.write(f"Waves: {report.summary()}")
