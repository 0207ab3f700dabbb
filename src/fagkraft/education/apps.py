from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fagkraft.core import menu, todo


class EducationConfig(AppConfig):
    name = "fagkraft.education"
    verbose_name = _("Education")

    def ready(self) -> None:
        menu.register(self.label, 40, "fagkraft.education.navigation.items")
        todo.register(self.label, 40, "fagkraft.education.todo.items")
        from fagkraft.education import jobs  # noqa: PLC0415 - needs the models loaded

        jobs.register()
