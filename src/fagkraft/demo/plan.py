"""The whole demo as plain Python objects (no Django): units, people, vacancies."""

from __future__ import annotations

import datetime as dt

from fagkraft.demo.organisation import UnitSpec, plan_organisation
from fagkraft.demo.people import PEOPLE_PER_POST, DemoPlan, simulate

DEFAULT_EMPLOYEES = 1500
DEFAULT_SEED = 2026


def total_posts(employees: int) -> int:
    return max(60, round(employees / PEOPLE_PER_POST))


def plan_units(employees: int, regions: int = 1) -> list[UnitSpec]:
    return plan_organisation(total_posts(employees), regions)


def build_plan(employees: int, seed: int, today: dt.date, regions: int = 1
               ) -> tuple[list[UnitSpec], DemoPlan]:
    """The same arguments give the same plan, down to every name and date."""
    units = plan_units(employees, regions)
    sections = [unit for unit in units if unit.level == "section"]
    return units, simulate(sections, seed=seed, today=today)
