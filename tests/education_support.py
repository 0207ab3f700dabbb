"""A LIS3 candidate in the personas' world, shared by the education tests.

Kari Lege (doctor, BUP Nord) on LIS3 BUP since 1 Jan 2024, Erik Ansatt (employee_erik)
her assigned supervisor; the templates as Fagkraft ships them, with 12 placeholder goals
of LIS3 BUP and 6 common ones: 18 goals to approve.
"""

from __future__ import annotations

import datetime as dt

from fagkraft.education import services
from fagkraft.education.models import Candidate, PathwayTemplate
from fagkraft.workforce import services as workforce
from tests.personas import World


def add_pathways(*, example_goals: bool) -> None:
    """The psychiatrist profession with its child psychiatry specialty (LE-BUP, which
    LIS3 BUP leads to) and the shipped pathway templates."""
    psychiatrist = workforce.create_profession(
        None, code="psychiatrist", name="Lege, spesialist", group="doctor",
        hpr_category="LE", styrk_code="2212", specialist_track=True)
    workforce.create_specialty(None, code="LE-BUP", name="Barne- og ungdomspsykiatri",
                               profession=psychiatrist)
    services.seed_templates(None, example_goals=example_goals)


def lis_candidate(world: World) -> Candidate:
    add_pathways(example_goals=True)
    lis3 = PathwayTemplate.objects.get(code="lis3-bup")
    kari = services.create_candidate(None, employee=world.kari, template=lis3,
                                     unit=world.section_a, start_date=dt.date(2024, 1, 1))
    services.assign_supervisor(None, kari, supervisor=world.erik,
                               start_date=dt.date(2024, 1, 1))
    return kari
