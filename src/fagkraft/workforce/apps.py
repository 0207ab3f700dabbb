from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fagkraft.core import menu


class WorkforceConfig(AppConfig):
    name = "fagkraft.workforce"
    verbose_name = _("Organisation and workforce")

    def ready(self) -> None:
        menu.register(self.label, 10, "fagkraft.workforce.navigation.items")
