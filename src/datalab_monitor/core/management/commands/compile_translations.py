from django.core.management.base import BaseCommand

from datalab_monitor.core.i18n import compile_all


class Command(BaseCommand):
    help = "Compile the .po translation files to .mo (pure Python; no GNU gettext needed)."

    def handle(self, *args, **options):
        written = compile_all()
        if options["verbosity"] > 1 or written:
            self.stdout.write(f"Compiled {len(written)} translation file(s).")
