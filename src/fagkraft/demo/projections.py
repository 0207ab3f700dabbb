"""Demo projections data, written through the projections services.

Two scenarios for the child and adolescent mental health clinic (PHBU) of the demo trust
Nordvik HF, for psychologists and child psychiatrists, owned by the regional planner
("planlegger"): the register as it is, and a variant where turnover is a third lower (a
retention programme). The population is Østfold's (county 31), as a stand-in for the
invented trust's catchment area.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from fagkraft.demo.logins import ADVISER_UNIT
from fagkraft.engine import population
from fagkraft.engine.register_inputs import CHILD_PSYCHIATRIST
from fagkraft.projections import services
from fagkraft.workforce.models import Unit

PROFESSIONS = ["psychologist", CHILD_PSYCHIATRIST]
AREA = {"counties": ["31"]}
END_YEAR = 2040
PLANNER_LOGIN = "planlegger"
RETENTION_FACTOR = 2 / 3  # the retention variant keeps a third more of those who leave


def seed_projections(*, seed: int, today: dt.date, progress: Callable[[str], None]) -> int:
    """Write the demo projections data; returns the number of main records written."""
    trust = Unit.objects.filter(code=ADVISER_UNIT).first()
    planner = get_user_model().objects.filter(username=PLANNER_LOGIN).first()
    if trust is None:
        return 0
    progress(_("Building projection scenarios ..."))
    first, last = population.available_years(None)
    base_year = min(max(today.year, first), last - 1)
    base = services.create_from_register(
        None, name=_("PHBU Nordvik: as today"), unit=trust, service_area="phbu",
        professions=PROFESSIONS, today=today, base_year=base_year,
        end_year=max(END_YEAR, base_year + 5), area=AREA, owner=planner,
        notes=_("Psychologists and child psychiatrists in the PHBU clinic, from the register."))
    retention = services.copy_scenario(None, base, name=_("PHBU Nordvik: turnover a third lower"))
    services.update_scenario(None, retention, owner=planner, notes=_(
        "As today, with turnover in every age band a third lower (a retention programme)."))
    for profession in PROFESSIONS:
        supply = retention.document["professions"][profession]["supply"]
        values = {"supply.turnover_percent":
                  round(supply["turnover_percent"] * RETENTION_FACTOR, 2)}
        if supply.get("turnover_percent_by_age"):
            values["supply.turnover_percent_by_age"] = {
                band: round(rate * RETENTION_FACTOR, 2)
                for band, rate in supply["turnover_percent_by_age"].items()}
        retention = services.set_assumptions(None, retention, profession, values)
    return 2
