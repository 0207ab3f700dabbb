from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fagkraft.core import menu


class ImportsConfig(AppConfig):
    name = "fagkraft.imports"
    verbose_name = _("File imports")

    def ready(self) -> None:
        menu.register(self.label, 30, "fagkraft.imports.navigation.items")
        from fagkraft.imports import jobs  # noqa: PLC0415 - needs the models loaded

        jobs.register()
