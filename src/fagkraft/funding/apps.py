from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fagkraft.core import menu


class FundingConfig(AppConfig):
    name = "fagkraft.funding"
    verbose_name = _("Funding programme")

    def ready(self) -> None:
        menu.register(self.label, 65, "fagkraft.funding.navigation.items", secondary=True)
