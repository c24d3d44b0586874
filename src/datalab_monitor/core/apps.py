from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "datalab_monitor.core"
    verbose_name = _("Datalab Monitor")

    def ready(self) -> None:
        from .redact import install_logger_filters

        install_logger_filters()  # no token of any link in any log line
