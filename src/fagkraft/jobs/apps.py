from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fagkraft.core import health, menu


class JobsConfig(AppConfig):
    name = "fagkraft.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # The Huey tasks (run_job, the sweep, the daily tasks) register with the queue
        # when their module is imported: in the web process and in the consumer alike.
        from fagkraft.jobs import queue  # noqa: PLC0415

        # "My jobs" under "More", after the audit log: a page of one's own, for every role.
        menu.register(self.label, 80, "fagkraft.jobs.navigation.items", secondary=True)

        # Pages are served without the queue: a queue that is down delays jobs (they wait
        # in the database and are enqueued again), so it is reported but fails no server.
        health.register(health.Check("jobs", queue.state, required=False))
