from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResultsConfig(AppConfig):
    name = "datalab_monitor.results"
    verbose_name = _("Findings")
