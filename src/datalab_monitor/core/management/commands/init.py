from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Set up the database: migrate, compile translations, collect static files, load "
        "municipalities, the register and the inventory waves. Idempotent: running it twice "
        "changes nothing."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        call_command("migrate", interactive=False, verbosity=max(verbosity - 1, 0))
        call_command("createcachetable", verbosity=max(verbosity - 1, 0))
        call_command("compile_translations", verbosity=verbosity)
        call_command("collectstatic", interactive=False, verbosity=max(verbosity - 1, 0))
        call_command("load_register", verbosity=verbosity)
        call_command("load_waves", verbosity=verbosity)
        from datalab_monitor.core.roles import ensure_roles

        created = ensure_roles()
        if created and verbosity:
            self.stdout.write(f"Roles created: {', '.join(created)}")
        self.stdout.write(self.style.SUCCESS("Datalab Monitor is ready."))
