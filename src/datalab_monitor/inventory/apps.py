from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InventoryConfig(AppConfig):
    name = "datalab_monitor.inventory"
    verbose_name = _("Inventory")

    def ready(self) -> None:
        from datalab_monitor.core.dataversion import watch

        from .models import Wave

        watch(Wave)  # a wave's state decides what is public (responses have their own stamps)
