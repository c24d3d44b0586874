"""``datalab-monitor demo``: create (or refresh) the fictional demo wave."""

from django.core.management.base import BaseCommand, CommandError

from datalab_monitor.inventory.demo import DEMO_SEED, DEMO_SLUG, create_demo_wave
from datalab_monitor.registry.models import Datalab


class Command(BaseCommand):
    help = (
        "Create the synthetic demo wave: one fictional submitted response per lab of the "
        "register, from a fixed random seed. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--wave-slug", default=DEMO_SLUG)
        parser.add_argument("--seed", type=int, default=DEMO_SEED)

    def handle(self, *args, **options):
        if not Datalab.objects.exists():
            raise CommandError("The register is empty: run `datalab-monitor init` first.")
        result = create_demo_wave(options["wave_slug"], options["seed"])
        self.stdout.write(
            f"Demo wave {result.wave.slug} (fictional answers): {result.created} created, "
            f"{result.changed} changed, {result.unchanged} unchanged."
        )
        from datalab_monitor.labpages.demo import create_demo_pages

        projects = create_demo_pages()
        self.stdout.write(f"Fictional lab profiles and {projects} fictional projects (demo).")
