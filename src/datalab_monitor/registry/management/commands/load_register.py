from django.core.management.base import BaseCommand, CommandError

from datalab_monitor.registry.loaders import (
    REGISTER_YAML,
    RegisterFileError,
    load_municipalities,
    load_register,
)
from datalab_monitor.registry.reference import MUNICIPALITIES_CSV


class Command(BaseCommand):
    help = "Load the municipality reference table and the register of data labs."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=str(REGISTER_YAML), help="register file (YAML)")
        parser.add_argument("--municipalities", default=str(MUNICIPALITIES_CSV))
        parser.add_argument(
            "--update",
            action="store_true",
            help="overwrite labs that already exist with the file's values (undoes admin corrections)",
        )

    def handle(self, *args, **options):
        from pathlib import Path

        try:
            municipalities = load_municipalities(Path(options["municipalities"]))
            register = load_register(Path(options["file"]), update=options["update"])
        except RegisterFileError as exc:
            raise CommandError(
                f"Nothing was stored. Problems in {exc.source}:\n- " + "\n- ".join(exc.problems)
            ) from exc
        self.stdout.write(f"Municipalities: {municipalities.summary()}")
        self.stdout.write(f"Register: {register.summary()}")
