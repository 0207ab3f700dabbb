"""Section A's five extra psychologist specialists, the hand-made history that the
retention page tests (tests/test_retention_pages.py, with the worked numbers) and the
tree-wide disclosure tests (tests/test_retention_disclosure.py) both start from:

  3001 hired 01.01.2020, resigned 01.01.2021;  3002 hired 01.01.2020, retired 01.01.2022
  3003 hired 01.01.2020, moved within the trust 01.07.2020
  3004 hired 01.01.2020, still employed;  3005 hired 01.01.2021, still employed
"""

from __future__ import annotations

import datetime as dt

from fagkraft.workforce import services
from tests.personas import World, build_world

TODAY = dt.date(2026, 6, 30)

HIRES = (("3001", dt.date(2020, 1, 1), dt.date(2021, 1, 1), "resigned"),
         ("3002", dt.date(2020, 1, 1), dt.date(2022, 1, 1), "retired"),
         ("3003", dt.date(2020, 1, 1), dt.date(2020, 7, 1), "internal_move"),
         ("3004", dt.date(2020, 1, 1), None, ""),
         ("3005", dt.date(2021, 1, 1), None, ""))


def build_retention_world() -> World:
    """The personas' world with the five specialists above in section A."""
    world = build_world()
    specialty = world.erik.approvals.first().specialty
    for number, start, end, reason in HIRES:
        person = services.create_employee(
            None, trust=world.trust, employee_number=number, first_name="Psykolog",
            last_name=number, birth_date=dt.date(1985, 1, 1), sex="F",
            profession=world.psychologist)
        services.add_position(None, person, unit=world.section_a, fte_percent=100,
                              kind="permanent", start_date=start, end_date=end,
                              leaving_reason=reason)
        services.add_approval(None, person, specialty=specialty,
                              approved_on=dt.date(2019, 1, 1))
    return world
