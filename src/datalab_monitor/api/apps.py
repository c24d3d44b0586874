from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "datalab_monitor.api"
    verbose_name = _("API")

    def ready(self) -> None:
        from . import schema  # noqa: F401  (token auth in OpenAPI)
