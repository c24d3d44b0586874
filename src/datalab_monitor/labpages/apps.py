from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabPagesConfig(AppConfig):
    name = "datalab_monitor.labpages"
    label = "labpages"
    verbose_name = _("Lab pages and projects")

    def ready(self) -> None:
        from datalab_monitor.core.dataversion import watch

        from .models import LabProfile, Project

        watch(LabProfile, Project)
