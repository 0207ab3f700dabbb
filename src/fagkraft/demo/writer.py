"""Write a demo plan to the database, through fagkraft.workforce.services only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from fagkraft.demo.catalogue import PROFESSIONS, SPECIALTIES
from fagkraft.demo.organisation import UnitSpec
from fagkraft.demo.people import DemoPlan, PersonPlan
from fagkraft.workforce import services
from fagkraft.workforce.models import (
    Employee,
    Position,
    Profession,
    SpecialistApproval,
    Specialty,
    Unit,
    Vacancy,
)

VIA = "seed-demo"
CHUNK = 5000  # people per bulk write: bounds memory and gives progress steps
Progress = Callable[[str], None]


def _day(ordinal: int | None) -> dt.date | None:
    return None if ordinal is None else dt.date.fromordinal(ordinal)


def write_catalogue() -> tuple[dict[str, Profession], dict[str, Specialty]]:
    professions = {
        spec.code: services.create_profession(
            None, code=spec.code, name=spec.name, group=spec.group,
            hpr_category=spec.hpr_category, styrk_code=spec.styrk_code,
            specialist_track=spec.specialist_track,
        )
        for spec in PROFESSIONS
    }
    specialties = {
        spec.code: services.create_specialty(
            None, code=spec.code, name=spec.name, profession=professions[spec.profession])
        for spec in SPECIALTIES
    }
    return professions, specialties


def write_units(specs: list[UnitSpec], parents: dict[str, Unit] | None = None
                ) -> dict[str, Unit]:
    """The units, parents first; `parents` are units already written they may hang under."""
    units: dict[str, Unit] = {}
    known = dict(parents or {})
    for spec in specs:
        units[spec.code] = known[spec.code] = services.create_unit(
            None, code=spec.code, name=spec.name, level=spec.level,
            parent=known[spec.parent] if spec.parent else None,
            service_area=spec.service_area, care_level=spec.care_level,
        )
    return units


def write_people(
    plan: DemoPlan,
    units: dict[str, Unit],
    professions: dict[str, Profession],
    specialties: dict[str, Specialty],
    progress: Progress,
) -> dict[int, Employee]:
    employees: dict[int, Employee] = {}
    people = plan.people
    reported = 0
    for first in range(0, len(people), CHUNK):
        chunk = people[first:first + CHUNK]
        new_employees: list[Employee] = []
        new_positions: list[Position] = []
        approvals: list[SpecialistApproval] = []
        for person in chunk:
            employee = _employee(person, units, professions)
            employees[person.key] = employee
            new_employees.append(employee)
            for position in person.positions:
                new_positions.append(Position(
                    employee=employee, unit=units[position.unit],
                    fte_percent=Decimal(position.fte), kind=position.kind,
                    start_date=_day(position.start), end_date=_day(position.end),
                    leaving_reason=position.reason,
                ))
            for approval in person.approvals:
                approvals.append(SpecialistApproval(
                    employee=employee, specialty=specialties[approval.specialty],
                    approved_on=_day(approval.approved),
                    valid_until=_day(approval.valid_until),
                ))
        services.bulk_write_people(
            None, new_employees=new_employees, changed_employees=[], employee_fields=[],
            new_positions=new_positions, changed_positions=[], position_fields=[], via=VIA,
        )
        services.bulk_add_approvals(None, approvals, via=VIA)
        done = first + len(chunk)
        if done * 10 // len(people) > reported or done == len(people):
            reported = done * 10 // len(people)
            progress(f"{done} / {len(people)}")
    return employees


def _employee(
    person: PersonPlan, units: dict[str, Unit], professions: dict[str, Profession]
) -> Employee:
    birth = dt.date.fromordinal(person.birth)
    return Employee(
        trust=units[person.trust], employee_number=person.number,
        first_name=person.first_name, last_name=person.last_name,
        birth_date=birth, birth_year=birth.year, sex=person.sex, hpr_number=person.hpr,
        profession=professions[person.profession],
    )


def write_vacancies(
    plan: DemoPlan,
    units: dict[str, Unit],
    professions: dict[str, Profession],
    employees: dict[int, Employee],
) -> int:
    vacancies = [
        Vacancy(
            unit=units[vacancy.unit], profession=professions[vacancy.profession],
            fte_percent=Decimal(vacancy.fte), kind=vacancy.kind,
            opened_on=_day(vacancy.opened), filled_on=_day(vacancy.filled),
            filled_by=employees.get(vacancy.filled_by) if vacancy.filled_by is not None
            else None,
        )
        for vacancy in plan.vacancies
    ]
    return services.bulk_open_vacancies(None, vacancies, via=VIA)
