"""FHIR export: scoped querysets read as the plain records of fagkraft.engine.fhir_mapping.

The querysets come from fagkraft.access (employees_for, positions_for, units_for), so the
export shows exactly whom the workforce API shows; this module only narrows them by the
FHIR search parameters and reads the rows.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch, QuerySet

from fagkraft.engine.fhir_mapping import (
    HPR_SYSTEM,
    ApprovalRecord,
    PractitionerRecord,
    RoleRecord,
    UnitRecord,
)
from fagkraft.workforce.models import Employee, Position, SpecialistApproval, Unit


def subtree_of_code(code: str) -> Unit | None:
    """The unit a search names by code. Unscoped on purpose: the rows it narrows are not."""
    return Unit.objects.filter(code=code).first()


def employees_in_unit(employees: QuerySet[Employee], code: str) -> QuerySet[Employee]:
    """People who hold or held a position in the unit's subtree (a leader's rule)."""
    unit = subtree_of_code(code)
    if unit is None:
        return employees.none()
    in_subtree = Position.objects.filter(Unit.subtree_q(unit.path, "unit__"))
    return employees.filter(pk__in=in_subtree.values("employee_id"))


def positions_in_unit(positions: QuerySet[Position], code: str) -> QuerySet[Position]:
    unit = subtree_of_code(code)
    if unit is None:
        return positions.none()
    return positions.filter(Unit.subtree_q(unit.path, "unit__"))


def employees_by_identifier(employees: QuerySet[Employee], token: str) -> QuerySet[Employee]:
    """FHIR token search: `system|value`, or `value` alone for any system.

    The HPR number is the only identifier exported, so another system finds nobody.
    """
    system, bar, value = token.rpartition("|")
    if bar and system and system != HPR_SYSTEM:
        return employees.none()
    if not value:
        return employees.none()
    return employees.filter(hpr_number=value)


def with_practitioner_data(employees: QuerySet[Employee]) -> QuerySet[Employee]:
    return employees.select_related("profession").prefetch_related(
        Prefetch("approvals", SpecialistApproval.objects.select_related("specialty")
                 .order_by("approved_on", "pk")),
        Prefetch("positions", Position.objects.order_by("start_date", "pk")),
    ).order_by("last_name", "first_name", "pk")


def with_role_data(positions: QuerySet[Position]) -> QuerySet[Position]:
    return positions.select_related("employee", "employee__profession", "unit").order_by(
        "employee_id", "start_date", "pk")


def practitioner_record(employee: Employee, today: dt.date) -> PractitionerRecord:
    """Needs the prefetches of with_practitioner_data (or reads them one by one)."""
    approvals = tuple(
        ApprovalRecord(code=approval.specialty.code, name=approval.specialty.name,
                       start=approval.approved_on,
                       end=approval.ended_on or approval.valid_until)
        for approval in employee.approvals.all())
    active = any(position.start_date <= today
                 and (position.end_date is None or position.end_date >= today)
                 for position in employee.positions.all())
    return PractitionerRecord(
        id=employee.pk, given=employee.first_name, family=employee.last_name,
        hpr_number=employee.hpr_number, category_code=employee.profession.hpr_category.strip(),
        profession_name=employee.profession.name, approvals=approvals, active=active)


def role_record(position: Position) -> RoleRecord:
    return RoleRecord(
        id=position.pk, practitioner_id=position.employee_id,
        practitioner_name=position.employee.full_name, unit_id=position.unit_id,
        unit_name=position.unit.name, start=position.start_date, end=position.end_date,
        fte_percent=position.fte_percent, profession_name=position.employee.profession.name)


def unit_record(unit: Unit) -> UnitRecord:
    parent = unit.parent
    return UnitRecord(id=unit.pk, code=unit.code, name=unit.name,
                      parent_id=parent.pk if parent else None,
                      parent_name=parent.name if parent else "")


def with_unit_data(units: QuerySet[Unit]) -> QuerySet[Unit]:
    return units.select_related("parent").order_by("path", "pk")
