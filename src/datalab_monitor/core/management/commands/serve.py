"""``datalab-monitor serve``: the production server (gunicorn); ``--dev`` for runserver."""

from __future__ import annotations

import os
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

GUNICORN_CONF = "python:datalab_monitor.core.gunicorn_conf"


class Command(BaseCommand):
    help = (
        "Serve the site with gunicorn, as in production (default 127.0.0.1:8000; workers and "
        "threads from WEB_CONCURRENCY and GUNICORN_THREADS). --dev: Django's development server."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "addrport", nargs="?", default=os.environ.get("DATALAB_BIND", "127.0.0.1:8000")
        )
        parser.add_argument(
            "--dev", action="store_true", help="Django's development server (auto-reload)."
        )

    def handle(self, *args, **options):
        addrport = options["addrport"]
        if addrport.isdigit():  # a bare port, as runserver accepts it
            addrport = f"127.0.0.1:{addrport}"
        if options["dev"]:
            call_command("runserver", addrport)
            return
        manifest = settings.STATIC_ROOT / "staticfiles.json"
        if not settings.DEBUG and not manifest.is_file():
            raise CommandError(
                f"No collected static files in {settings.STATIC_ROOT}: run "
                "`datalab-monitor init` (or `datalab-monitor collectstatic`) first."
            )
        argv = [sys.executable, "-m", "gunicorn", "--config", GUNICORN_CONF, "--bind", addrport]
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, argv)
