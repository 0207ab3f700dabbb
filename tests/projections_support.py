"""Staff history for the projection tests, on top of the personas' world (tests/personas.py).

Today is fixed at 30 June 2026, so the turnover history is the five full years 2021-2025.
In the PHBU clinic of Nordvik HF:

  Erik Ansatt   psychologist, 100 %, since 2015, born 01.05.1980 (46 today)
  Pia Psykolog  psychologist,  50 %, since 01.01.2022 (first job in the trust), born 10.01.1980
  Ola Slutter   psychologist, 100 %, 2015 - 30.06.2023 (resigned: left the trust), born 01.03.1985
  Kari Lege     doctor, 100 %, since 2015, born 03.02.1960, approved in child psychiatry (LE-BUP)
  Lars LIS      doctor in an education position (LIS), 100 %, since 01.03.2024, born 1994
  Siri          nurse, 100 %, since 2015, born 09.09.1990
Open vacancies today: a psychologist post (100 %) and a doctor post (50 %) in BUP Sør, and a
doctor's education post (LIS, 100 %), which belongs to the pipeline and is left out.
"""

from __future__ import annotations

import datetime as dt

from fagkraft.adapter import projections as adapter
from fagkraft.projections import services as projection_services
from fagkraft.projections.models import Scenario
from fagkraft.workforce import services
from tests.personas import World

TODAY = dt.date(2026, 6, 30)


def add_projection_staff(world: World) -> dict:
    def person(number: str, first: str, last: str, profession, born: dt.date, *, fte: int,
               kind: str, start: dt.date, end: dt.date | None = None, reason: str = ""):
        employee = services.create_employee(
            None, trust=world.trust, employee_number=number, first_name=first, last_name=last,
            birth_date=born, sex="F", profession=profession)
        services.add_position(None, employee, unit=world.section_a, fte_percent=fte, kind=kind,
                              start_date=start, end_date=end, leaving_reason=reason)
        return employee

    pia = person("1101", "Pia", "Psykolog", world.psychologist, dt.date(1980, 1, 10), fte=50,
                 kind="permanent", start=dt.date(2022, 1, 1))
    ola = person("1102", "Ola", "Slutter", world.psychologist, dt.date(1985, 3, 1), fte=100,
                 kind="permanent", start=dt.date(2015, 1, 1), end=dt.date(2023, 6, 30),
                 reason="resigned")
    lars = person("1103", "Lars", "LIS", world.doctor, dt.date(1994, 4, 4), fte=100,
                  kind="education", start=dt.date(2024, 3, 1))
    child_psychiatry = services.create_specialty(
        None, code="LE-BUP", name="Barne- og ungdomspsykiatri", profession=world.doctor)
    services.add_approval(None, world.kari, specialty=child_psychiatry,
                          approved_on=dt.date(2010, 1, 1))
    opened = dt.date(2026, 1, 15)
    services.open_vacancy(None, unit=world.section_b, profession=world.psychologist,
                          fte_percent=100, opened_on=opened)
    services.open_vacancy(None, unit=world.section_b, profession=world.doctor, fte_percent=50,
                          opened_on=opened)
    services.open_vacancy(None, unit=world.section_b, profession=world.doctor, fte_percent=100,
                          opened_on=opened, kind="education")
    return {"pia": pia, "ola": ola, "lars": lars}


def register_scenario(world: World) -> Scenario:
    """The staff above, and the planner's scenario built from the register on it: the PHBU
    clinic's psychologists and child psychiatrists, 2026-2040."""
    add_projection_staff(world)
    return projection_services.create_from_register(
        world.users["planner_pia"], name="PHBU Nordvik", unit=world.trust, service_area="phbu",
        professions=["psychologist", adapter.CHILD_PSYCHIATRIST], today=TODAY,
        base_year=2026, end_year=2040)
