from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from fagkraft.core import menu, todo
from fagkraft.jobs.daily import register_daily


class GoalsConfig(AppConfig):
    name = "fagkraft.goals"
    verbose_name = _("Goals")

    def ready(self) -> None:
        menu.register(self.label, 67, "fagkraft.goals.navigation.items", secondary=True)
        todo.register(self.label, 50, "fagkraft.goals.todo.items")
        # Closed years of the series in use, computed before anyone looks.
        register_daily("goal-year-ends", recompute_year_ends)


def recompute_year_ends() -> str:
    from fagkraft.core.dates import today  # noqa: PLC0415 (models load after ready())
    from fagkraft.goals import history  # noqa: PLC0415

    return f"{history.recompute(today())} series"
