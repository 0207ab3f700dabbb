from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fagkraft.core import menu


class RetentionConfig(AppConfig):
    name = "fagkraft.retention"
    verbose_name = _("Retention")

    def ready(self) -> None:
        menu.register(self.label, 65, "fagkraft.retention.navigation.items")
