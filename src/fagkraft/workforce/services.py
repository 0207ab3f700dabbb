"""The only code that writes organisation and workforce data.

Views, the API, the HR import, the CLI and the demo seeder all call these functions, so
validation and the audit log happen the same way whatever the entry point. Each takes
the acting user first (None for the system: CLI and seeding).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connections, models, router, transaction
from django.utils.translation import gettext as _

from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.services import Actor
from fagkraft.core import changes as listeners
from fagkraft.core.bulk import insert_objects
from fagkraft.core.dates import today
from fagkraft.workforce import unit_months
from fagkraft.workforce.models import (
    Employee,
    Position,
    Profession,
    SpecialistApproval,
    Specialty,
    Unit,
    Vacancy,
)

Action = AuditEvent.Action


# --- Organisation -------------------------------------------------------------------


def _place_in_tree(unit: Unit) -> None:
    parent = unit.parent
    if parent is None:
        if unit.level != Unit.Level.REGION:
            raise ValidationError({"parent": _("Only a regional health authority has no parent.")})
        unit.path = f"/{unit.code}/"
        unit.trust = None
        unit.region = None
        return
    if Unit.CHILD_LEVEL.get(Unit.Level(parent.level)) != unit.level:
        raise ValidationError(
            {"level": _("A %(child)s cannot be placed under a %(parent)s.")
             % {"child": Unit.Level(unit.level).label, "parent": Unit.Level(parent.level).label}}
        )
    unit.path = f"{parent.path}{unit.code}/"
    unit.region = parent if parent.level == Unit.Level.REGION else parent.region
    if unit.level == Unit.Level.TRUST:
        unit.trust = None  # set to itself once it has a primary key
    else:
        unit.trust = parent if parent.level == Unit.Level.TRUST else parent.trust


@transaction.atomic
def create_unit(
    actor: Actor,
    *,
    code: str,
    name: str,
    level: str,
    parent: Unit | None = None,
    service_area: str = Unit.ServiceArea.OTHER,
    care_level: str = Unit.CareLevel.OTHER,
) -> Unit:
    unit = Unit(
        code=code, name=name, level=level, parent=parent,
        service_area=service_area, care_level=care_level,
    )
    _place_in_tree(unit)
    unit.full_clean(exclude=["path", "trust", "region"])
    unit.save()
    if unit.level == Unit.Level.TRUST:
        unit.trust = unit
        unit.save(update_fields=["trust"])
    audit.record(actor, Action.CREATE, unit)
    return unit


@transaction.atomic
def update_unit(actor: Actor, unit: Unit, **changes: Any) -> Unit:
    """Change a unit's attributes. Moving it or recoding it rewrites its subtree's paths."""
    old_path = unit.path
    for field, value in changes.items():
        setattr(unit, field, value)
    _place_in_tree(unit)
    if unit.level == Unit.Level.TRUST:
        unit.trust = unit
    unit.full_clean(exclude=["path", "trust", "region"])
    unit.save()
    if unit.path != old_path:
        for child in Unit.objects.filter(Unit.subtree_q(old_path)).exclude(pk=unit.pk):
            child.path = unit.path + child.path[len(old_path):]
            if child.level != Unit.Level.TRUST:
                child.trust = unit.trust if unit.level != Unit.Level.TRUST else unit
            child.region = unit.region if unit.level != Unit.Level.REGION else unit
            child.save(update_fields=["path", "trust", "region"])
        # The unit's subtree now counts in other scopes: the kept counts are rebuilt.
        span = unit_months.current_span()
        if span is not None:
            unit_months.rebuild(today(), span.first_month, span.last_month)
    audit.record(actor, Action.UPDATE, unit, detail={"changed": sorted(changes)})
    if unit.path != old_path or {"service_area", "care_level"} & set(changes):
        # Rules match on a unit's path, service area and care level.
        _people_in_units_changed(unit.path)
    return unit


def _people_in_units_changed(path: str) -> None:
    listeners.persons_changed(Position.objects.filter(Unit.subtree_q(path, "unit__"))
                            .values_list("employee_id", flat=True).distinct())


@transaction.atomic(durable=True)
def create_profession(actor: Actor, **fields: Any) -> Profession:
    profession = Profession(**fields)
    profession.full_clean()
    profession.save()
    audit.record(actor, Action.CREATE, profession)
    return profession


@transaction.atomic(durable=True)
def create_specialty(actor: Actor, *, code: str, name: str, profession: Profession) -> Specialty:
    specialty = Specialty(code=code, name=name, profession=profession)
    specialty.full_clean()
    specialty.save()
    audit.record(actor, Action.CREATE, specialty)
    return specialty


# --- People -------------------------------------------------------------------------


def _complete_birth(fields: dict[str, Any]) -> None:
    if fields.get("birth_date") and not fields.get("birth_year"):
        fields["birth_year"] = fields["birth_date"].year


@transaction.atomic(durable=True)
def create_employee(actor: Actor, *, trust: Unit, **fields: Any) -> Employee:
    if trust.level != Unit.Level.TRUST:
        raise ValidationError({"trust": _("Employees belong to a health trust.")})
    _complete_birth(fields)
    employee = Employee(trust=trust, **fields)
    employee.full_clean()
    employee.save()
    audit.record(actor, Action.CREATE, employee)
    return employee


@transaction.atomic(durable=True)
def update_employee(actor: Actor, employee: Employee, **changes: Any) -> Employee:
    _complete_birth(changes)
    for field, value in changes.items():
        setattr(employee, field, value)
    employee.full_clean()
    employee.save()
    audit.record(actor, Action.UPDATE, employee, detail={"changed": sorted(changes)})
    listeners.persons_changed([employee.pk])
    return employee


def check_position(position: Position) -> None:
    """The rules every position follows, whoever writes it (services, admin)."""
    if position.unit.trust_id != position.employee.trust_id:
        raise ValidationError({"unit": _("The unit belongs to another health trust.")})
    if position.unit.level in (Unit.Level.REGION, Unit.Level.TRUST):
        raise ValidationError({"unit": _("Positions belong to a clinic, department or section.")})
    if position.end_date and position.end_date < position.start_date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    if position.leaving_reason and not position.end_date:
        raise ValidationError({"leaving_reason": _("A reason for leaving needs an end date.")})


@transaction.atomic
def add_position(
    actor: Actor,
    employee: Employee,
    *,
    unit: Unit,
    fte_percent: Decimal | int | str,
    kind: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    leaving_reason: str = "",
) -> Position:
    position = Position(
        employee=employee, unit=unit, fte_percent=Decimal(str(fte_percent)), kind=kind,
        start_date=start_date, end_date=end_date, leaving_reason=leaving_reason,
    )
    check_position(position)
    position.full_clean()
    with unit_months.tracking([employee.pk]):
        position.save()
    audit.record(actor, Action.CREATE, position)
    listeners.persons_changed([employee.pk])
    return position


@transaction.atomic
def end_position(
    actor: Actor, position: Position, *, end_date: dt.date, reason: str
) -> Position:
    position.end_date = end_date
    position.leaving_reason = reason
    check_position(position)
    position.full_clean()
    with unit_months.tracking([position.employee_id]):
        position.save()
    audit.record(actor, Action.UPDATE, position, detail={"ended": end_date.isoformat()})
    listeners.persons_changed([position.employee_id])
    return position


@transaction.atomic(durable=True)
def move_employee(
    actor: Actor,
    position: Position,
    *,
    to_unit: Unit,
    on: dt.date,
    fte_percent: Decimal | None = None,
    kind: str | None = None,
) -> Position:
    """End a position the day before `on` and start the same person in `to_unit`."""
    end_position(
        actor, position, end_date=on - dt.timedelta(days=1),
        reason=Position.LeavingReason.INTERNAL_MOVE,
    )
    return add_position(
        actor, position.employee, unit=to_unit,
        fte_percent=fte_percent if fte_percent is not None else position.fte_percent,
        kind=kind or position.kind, start_date=on,
    )


@transaction.atomic(durable=True)
def add_approval(
    actor: Actor,
    employee: Employee,
    *,
    specialty: Specialty,
    approved_on: dt.date,
    valid_until: dt.date | None = None,
    ended_on: dt.date | None = None,
) -> SpecialistApproval:
    approval = SpecialistApproval(
        employee=employee, specialty=specialty, approved_on=approved_on,
        valid_until=valid_until, ended_on=ended_on,
    )
    approval.full_clean()
    approval.save()
    audit.record(actor, Action.CREATE, approval)
    return approval


# --- Vacancies ----------------------------------------------------------------------


@transaction.atomic(durable=True)
def open_vacancy(
    actor: Actor,
    *,
    unit: Unit,
    profession: Profession,
    fte_percent: Decimal | int | str,
    opened_on: dt.date,
    kind: str = "permanent",
) -> Vacancy:
    vacancy = Vacancy(
        unit=unit, profession=profession, fte_percent=Decimal(str(fte_percent)),
        opened_on=opened_on, kind=kind,
    )
    vacancy.full_clean()
    vacancy.save()
    audit.record(actor, Action.CREATE, vacancy)
    return vacancy


@transaction.atomic(durable=True)
def fill_vacancy(
    actor: Actor, vacancy: Vacancy, *, filled_on: dt.date, employee: Employee | None = None
) -> Vacancy:
    if filled_on < vacancy.opened_on:
        raise ValidationError({"filled_on": _("A vacancy cannot be filled before it opened.")})
    vacancy.filled_on = filled_on
    vacancy.filled_by = employee
    vacancy.save(update_fields=["filled_on", "filled_by"])
    audit.record(actor, Action.UPDATE, vacancy, detail={"filled": filled_on.isoformat()})
    return vacancy


@transaction.atomic(durable=True)
def withdraw_vacancy(actor: Actor, vacancy: Vacancy, *, closed_on: dt.date) -> Vacancy:
    vacancy.closed_on = closed_on
    vacancy.save(update_fields=["closed_on"])
    audit.record(actor, Action.UPDATE, vacancy, detail={"withdrawn": closed_on.isoformat()})
    return vacancy


# --- Bulk writes (HR import, demo seeding) ------------------------------------------


@transaction.atomic
def bulk_write_people(
    actor: Actor,
    *,
    new_employees: list[Employee],
    changed_employees: list[Employee],
    employee_fields: list[str],
    new_positions: list[Position],
    changed_positions: list[Position],
    position_fields: list[str],
    new_approvals: list[SpecialistApproval] | None = None,
    via: str = "",
) -> None:
    """Write already validated employees, positions and specialist approvals in one
    transaction.

    The caller (import, seeder) has checked every row; this only writes, in batches, and
    logs one audit event per record. Positions may refer to employees in
    `new_employees` that have no primary key yet: they get it here.
    """
    existing = {position.employee.pk for position in [*new_positions, *changed_positions]
                if position.employee.pk is not None}
    with unit_months.tracking(existing):
        _bulk_write(new_employees, changed_employees, employee_fields, new_positions,
                    changed_positions, position_fields, new_approvals)
    new_ids = {employee.pk for employee in new_employees}
    unit_months.add_new_people(unit_months.frame_of(
        position for position in new_positions if position.employee_id in new_ids))
    approvals = new_approvals or []
    audit.record_many(actor, Action.CREATE, _chain(new_employees, new_positions, approvals),
                      via=via)
    audit.record_many(actor, Action.UPDATE, _chain(changed_employees, changed_positions), via=via)
    # New people's statuses come from their positions in memory (no reads, no deletes);
    # everyone else's are worked out again from the database.
    listeners.people_added([position for position in new_positions
                            if position.employee_id in new_ids])
    listeners.persons_changed(
        [employee.pk for employee in changed_employees]
        + [position.employee_id for position in _chain(new_positions, changed_positions)
           if position.employee_id not in new_ids])


def _bulk_write(
    new_employees: list[Employee], changed_employees: list[Employee],
    employee_fields: list[str], new_positions: list[Position],
    changed_positions: list[Position], position_fields: list[str],
    new_approvals: list[SpecialistApproval] | None,
) -> None:
    insert_objects(Employee, new_employees)
    if changed_employees and employee_fields:
        _update_many(Employee, changed_employees, employee_fields)
    for position in new_positions:
        # insert_objects set the pk on the employee object; assigning the object again copies
        # it to the FK column and keeps the cached employee (setting employee_id alone
        # drops the cache, and the audit log would then fetch each employee in a query).
        position.employee = position.employee
    insert_objects(Position, new_positions)
    if changed_positions and position_fields:
        _update_many(Position, changed_positions, position_fields)
    approvals = new_approvals or []
    for approval in approvals:
        approval.employee = approval.employee  # as for positions: copies the new pk
    SpecialistApproval.objects.bulk_create(approvals, batch_size=2000)


def _chain(*groups: Iterable[Any]) -> list[Any]:
    return [item for group in groups for item in group]


def _update_many(model: type[models.Model], objects: list[Any], fields: list[str]) -> None:
    """UPDATE ... WHERE pk = ? for each object, as one executemany.

    QuerySet.bulk_update builds a CASE WHEN expression per field and row: 100,000 changed
    positions took 90 s on SQLite that way, against a few seconds here. Values go through
    each field's get_db_prep_save, as in the ORM. Fields are written as set on the objects
    (auto_now fields are not touched unless listed and set by the caller).
    """
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in columns)
    sql = (f"UPDATE {quote(model._meta.db_table)} SET {assignments} "
           f"WHERE {quote(model._meta.pk.column)} = %s")
    rows = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for field in columns]
        + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


@transaction.atomic(durable=True)
def bulk_add_approvals(
    actor: Actor, approvals: list[SpecialistApproval], *, via: str = ""
) -> int:
    """Write already validated specialist approvals (demo seeding) in one transaction."""
    for approval in approvals:
        # Re-assigning copies the new employee pk to the FK column and keeps the cached
        # employee, so the audit log needs no query per approval.
        approval.employee = approval.employee
    SpecialistApproval.objects.bulk_create(approvals, batch_size=2000)
    return audit.record_many(actor, Action.CREATE, approvals, via=via)


@transaction.atomic(durable=True)
def bulk_open_vacancies(actor: Actor, vacancies: list[Vacancy], *, via: str = "") -> int:
    """Write already validated vacancies, open or filled (demo seeding), in one transaction."""
    for vacancy in vacancies:
        if vacancy.filled_by is not None:
            vacancy.filled_by = vacancy.filled_by  # copies the pk the bulk write gave it
    Vacancy.objects.bulk_create(vacancies, batch_size=2000)
    return audit.record_many(actor, Action.CREATE, vacancies, via=via)
