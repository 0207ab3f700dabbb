from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fagkraft.core import menu


class RetentionConfig(AppConfig):
    name = "fagkraft.retention"
    verbose_name = _("Retention")

    def ready(self) -> None:
        # Under "More": the bar holds one line on a 1366 px laptop (tests/browser/test_layout.py).
        menu.register(self.label, 66, "fagkraft.retention.navigation.items", secondary=True)
