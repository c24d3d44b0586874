from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "datalab_monitor.registry"
    verbose_name = _("Register")

    def ready(self) -> None:
        from datalab_monitor.core.dataversion import watch

        from .models import Category, Datalab, Do, Municipality, Partner, Province

        watch(
            Province,
            Municipality,
            Category,
            Partner,
            Datalab,
            Do,
            many_to_many=(
                Datalab.municipalities.through,
                Datalab.partners.through,
                Municipality.successors.through,
            ),
        )
