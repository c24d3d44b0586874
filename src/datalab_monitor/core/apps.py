from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "datalab_monitor.core"
    verbose_name = _("Datalab Monitor")
