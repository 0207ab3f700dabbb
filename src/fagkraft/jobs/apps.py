from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "fagkraft.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # The Huey tasks (run_job, the sweep, the daily tasks) register with the queue
        # when their module is imported: in the web process and in the consumer alike.
        from fagkraft.jobs import queue  # noqa: F401, PLC0415
