from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fagkraft.core import menu


class ProjectionsConfig(AppConfig):
    name = "fagkraft.projections"
    verbose_name = _("Projections")

    def ready(self) -> None:
        menu.register(self.label, 60, "fagkraft.projections.navigation.items")
        from fagkraft.projections import jobs  # noqa: PLC0415 - needs the models loaded

        jobs.register()
