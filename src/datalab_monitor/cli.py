"""The ``datalab-monitor`` console command: Django's management commands with our settings.

``datalab-monitor init`` migrates and loads the register, ``datalab-monitor serve`` runs the site,
and every other Django management command works as with ``manage.py``.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "datalab_monitor.settings")
    from django.core.management import execute_from_command_line

    args = list(sys.argv if argv is None else argv)
    args[0] = "datalab-monitor"
    if len(args) > 1 and args[1] == "import-responses":  # the spelling of the command
        args[1] = "import_responses"
    execute_from_command_line(args)


if __name__ == "__main__":
    main()
