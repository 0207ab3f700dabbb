from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fagkraft.core import menu


class WorkloadConfig(AppConfig):
    name = "fagkraft.workload"
    verbose_name = _("Workload")

    def ready(self) -> None:
        menu.register(self.label, 50, "fagkraft.workload.navigation.items")
