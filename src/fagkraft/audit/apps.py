from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fagkraft.core import menu


class AuditConfig(AppConfig):
    name = "fagkraft.audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        menu.register(self.label, 70, "fagkraft.audit.navigation.items", secondary=True)
