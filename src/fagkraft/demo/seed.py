"""Build the whole demo trust: organisation, catalogue, people and history, vacancies,
competence (catalogue, completions, plans, teachers, packages) and logins."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from fagkraft.competence import kept
from fagkraft.core import collector
from fagkraft.demo import (
    competence,
    education,
    funding,
    goals,
    logins,
    projections,
    somatic,
    workload,
    writer,
)
from fagkraft.demo.plan import DEFAULT_EMPLOYEES, DEFAULT_SEED, build_plan, total_posts
from fagkraft.workforce import unit_months
from fagkraft.workforce.models import Unit


@dataclass(frozen=True)
class SeedResult:
    units: int
    employees: int
    positions: int
    approvals: int
    vacancies: int
    completions: int = 0
    somatic_employees: int = 0  # the somatic wards', on top of `employees`
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step, in order


@contextmanager
def _step(name: str, timings: dict[str, float], progress: Callable[[str], None]
          ) -> Iterator[None]:
    """Time one step of the seeding and say how long it took (benchmarks/README.md)."""
    started = time.perf_counter()
    yield
    timings[name] = time.perf_counter() - started
    progress(_("Step %(step)s took %(seconds).1f s.")
             % {"step": name, "seconds": timings[name]})


@collector.paused()  # a national seed holds its plan of 150,000 people throughout
def seed_demo(
    *,
    employees: int = DEFAULT_EMPLOYEES,
    seed: int = DEFAULT_SEED,
    today: dt.date | None = None,
    regions: int = 1,
    progress: Callable[[str], None] = lambda message: None,
) -> SeedResult:
    today = today or dt.date.today()
    timings: dict[str, float] = {}
    progress(_("Planning %(count)s employees with eight years of history ...")
             % {"count": employees})
    with _step("plan", timings, progress):
        unit_specs, plan = build_plan(employees, seed, today, regions)
    progress(_("Writing %(count)s units ...") % {"count": len(unit_specs)})
    with _step("units", timings, progress):
        units = writer.write_units(unit_specs)
        professions, specialties = writer.write_catalogue()
    progress(_("Writing %(count)s employees ...") % {"count": len(plan.people)})
    with _step("people", timings, progress):
        employees_by_key = writer.write_people(plan, units, professions, specialties,
                                               progress)
    with _step("vacancies", timings, progress):
        vacancies = writer.write_vacancies(plan, units, professions, employees_by_key)
    progress(_("Counting headcount and leavers per unit and month ..."))
    with _step("unit_months", timings, progress):
        unit_months.rebuild(today)
    with _step("competence", timings, progress):
        learned = competence.seed_competence(seed=seed, today=today, progress=progress)
    with _step("education", timings, progress):
        education.seed_education(seed=seed, today=today, progress=progress)
    with _step("workload", timings, progress):
        workload.seed_workload(seed=seed, today=today, progress=progress)
    with _step("logins", timings, progress):
        logins.create_logins(today)
    with _step("projections", timings, progress):
        projections.seed_projections(seed=seed, today=today, progress=progress)
    with _step("funding", timings, progress):
        funding.seed_funding(seed=seed, today=today, progress=progress)
    # Last, with its own random stream: the rest of the demo is the same without it.
    with _step("somatic", timings, progress):
        somatic_units = writer.write_units(somatic.somatic_units(), parents=units)
        # The somatic wards are the first region's; their size follows that region's posts.
        somatic_plan = somatic.plan_somatic(total_posts(employees) // regions, seed=seed,
                                            today=today)
        writer.write_people(somatic_plan, {**units, **somatic_units}, professions,
                            specialties, progress)
    with _step("goals", timings, progress):
        goals.seed_goals(today=today, progress=progress)
    # Last of the logins, so the demo's own logins pick the same people as with one region.
    with _step("regional_logins", timings, progress):
        logins.create_regional_logins(today, regions)
    progress(_("Keeping the compliance statuses ..."))
    with _step("kept", timings, progress):
        kept.rebuild()  # for the day the pages show (dates.today()), from here on kept
    return SeedResult(
        units=len(unit_specs),
        employees=len(plan.people),
        positions=sum(len(person.positions) for person in plan.people),
        approvals=sum(len(person.approvals) for person in plan.people),
        vacancies=vacancies,
        completions=learned.completions,
        somatic_employees=len(somatic_plan.people),
        timings=timings,
    )


def has_units() -> bool:
    return Unit.objects.exists()
