from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fagkraft.core import changes, menu, todo
from fagkraft.jobs.daily import register_daily


class CompetenceConfig(AppConfig):
    name = "fagkraft.competence"
    verbose_name = _("Competence")

    def ready(self) -> None:
        menu.register(self.label, 20, "fagkraft.competence.navigation.items")
        todo.register(self.label, 20, "fagkraft.competence.todo.items")
        # Positions and professions decide requirements: keep the statuses in step.
        changes.register(self.label, "fagkraft.competence.kept.persons_changed")
        changes.register_added(self.label, "fagkraft.competence.kept.people_added")
        changes.register_records(self.label, "fagkraft.competence.kept.records_changed")
        # The passing of days moves statuses (a deadline or an expiry crossed): once a day.
        register_daily("refresh-compliance", refresh_kept_statuses)
        register_daily("send-reminders", send_todays_reminders)


def refresh_kept_statuses() -> str:
    from fagkraft.competence import kept  # noqa: PLC0415 (models load after ready())

    return f"{kept.refresh(None)} people"


def send_todays_reminders() -> str:
    from fagkraft.competence.reminders import send_reminders  # noqa: PLC0415
    from fagkraft.core.dates import today  # noqa: PLC0415

    counts = send_reminders(today=today())
    return ", ".join(f"{name} {count}" for name, count in sorted(counts.items()))
