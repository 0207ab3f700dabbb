from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fagkraft.core import menu, todo


class GoalsConfig(AppConfig):
    name = "fagkraft.goals"
    verbose_name = _("Goals")

    def ready(self) -> None:
        menu.register(self.label, 67, "fagkraft.goals.navigation.items", secondary=True)
        todo.register(self.label, 50, "fagkraft.goals.todo.items")
