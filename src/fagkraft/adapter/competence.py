"""Competence: requirement rules, positions and completions in; statuses and rows out.

Statuses are read from the kept table (fagkraft.competence.kept) when it holds for the
day asked; recomputing them, whatever the number of employees, costs a fixed handful of
queries: the rules, the
positions of the employees (with unit and profession columns), the approved completions
of the competences required, and (for `compliance_rows`) the employees and competences.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Q, QuerySet

from fagkraft.competence.models import Competence, Completion, KeptRequirement, RequirementRule
from fagkraft.core import dates
from fagkraft.core.conf import setting
from fagkraft.engine import compliance
from fagkraft.engine.register_inputs import renewal_activity_kind
from fagkraft.workforce.models import Employee, Position, Profession


def due_soon_days() -> int:
    """How close a deadline or expiry counts as "due soon" (COMPETENCE_DUE_SOON_DAYS)."""
    return int(setting("COMPETENCE_DUE_SOON_DAYS"))


def rule_records(rules: QuerySet[RequirementRule] | None = None) -> list[compliance.Rule]:
    if rules is None:
        rules = RequirementRule.objects.filter(active=True, competence__active=True)
    return [
        compliance.Rule(
            rule_id=row["pk"], competence_id=row["competence_id"],
            deadline_days=row["deadline_days"],
            deadline_months=row["deadline_months"], profession_id=row["profession_id"],
            profession_group=row["profession_group"], unit_path=row["unit__path"] or "",
            service_area=row["service_area"], care_level=row["care_level"],
            position_kind=row["position_kind"],
        )
        for row in rules.values(
            "pk", "competence_id", "deadline_days", "deadline_months", "profession_id",
            "profession_group", "unit__path", "service_area", "care_level", "position_kind",
        )
    ]


def position_records(employees: QuerySet[Employee]) -> list[compliance.PositionRecord]:
    """Every position (history too: it sets the hiring date) of the employees."""
    rows = Position.objects.filter(employee__in=employees.values("pk")).values_list(
        "employee_id", "employee__profession_id", "employee__profession__group",
        "unit__path", "unit__service_area", "unit__care_level", "kind",
        "start_date", "end_date",
    )
    return [compliance.PositionRecord(*row) for row in rows.iterator(chunk_size=5000)]


def records_of(positions: Sequence[Position]) -> list[compliance.PositionRecord]:
    """`position_records` of positions in memory (employee and unit loaded): the same
    columns, with one query for the professions' groups."""
    groups = dict(Profession.objects.filter(
        pk__in={position.employee.profession_id for position in positions})
        .values_list("pk", "group"))
    return [
        compliance.PositionRecord(
            position.employee_id, position.employee.profession_id,
            groups.get(position.employee.profession_id),  # type: ignore[arg-type]
            position.unit.path, position.unit.service_area, position.unit.care_level,
            position.kind, position.start_date, position.end_date)
        for position in positions
    ]


def requirements_for(
    employees: QuerySet[Employee], today: dt.date
) -> list[compliance.Requirement]:
    return compliance.derive_requirements(position_records(employees), rule_records(), today)


def kept_statuses(employees: QuerySet[Employee]) -> list[compliance.Status]:
    """The kept statuses of the employees: one per person and competence (a person with
    positions in two units has a row in each, the same status in both)."""
    rows = (KeptRequirement.objects.filter(employee__in=employees.values("pk"))
            .order_by().values_list("employee_id", "competence_id", "status", "due_on",
                                    "deadline", "completed_on", "expires_on").distinct())
    return [compliance.Status(*row) for row in rows.iterator(chunk_size=10000)]


def compliance_statuses(
    employees: QuerySet[Employee],
    today: dt.date | None = None,
    soon_days: int | None = None,
) -> list[compliance.Status]:
    """Every status worked out again from rules, positions and completions (the engine).

    Pages read them through fagkraft.competence.kept.statuses, from the kept table when
    it holds for the day; this is the full recomputation behind it.
    """
    today = today or dates.today()
    requirements = requirements_for(employees, today)
    competence_ids = {requirement.competence_id for requirement in requirements}
    if not competence_ids:
        return []
    validity = validity_of(competence_ids)
    # Only the latest approved completion per person and competence matters: let the
    # database pick it (order_by() clears the default ordering out of the GROUP BY).
    completions = (
        Completion.objects.filter(
            employee__in=employees.values("pk"), competence_id__in=competence_ids,
            status=Completion.Status.APPROVED, completed_on__lte=today,
        )
        .order_by()
        .values_list("employee_id", "competence_id")
        .annotate(latest=Max("completed_on"))
        .iterator(chunk_size=10000)
    )
    return compliance.evaluate(
        requirements, (compliance.CompletionRecord(*row) for row in completions), validity,
        today, due_soon_days() if soon_days is None else soon_days,
    )


def validity_of(competence_ids: Iterable[int]) -> dict[int, int | None]:
    return dict(Competence.objects.filter(pk__in=list(competence_ids))
                .values_list("pk", "validity_months"))


def current_units(employees: QuerySet[Employee], today: dt.date) -> dict[int, set[int]]:
    """Per employee, the units of the positions they hold today."""
    units: dict[int, set[int]] = defaultdict(set)
    rows = Position.objects.filter(Position.active_on_q(today),
                                   employee__in=employees.values("pk"))
    for employee_id, unit_id in rows.values_list("employee_id", "unit_id").iterator(
            chunk_size=10000):
        units[employee_id].add(unit_id)
    return units


def rule_candidates(rules: Iterable[compliance.Rule], today: dt.date) -> QuerySet[Employee]:
    """People holding a position today that a rule may apply to: a superset for the kept
    statuses to recompute (the engine decides); the criteria an empty rule field leaves
    open are not filtered on."""
    match = Q(pk__in=[])
    for rule in rules:
        q = Position.active_on_q(today)
        if rule.profession_id is not None:
            q &= Q(employee__profession_id=rule.profession_id)
        if rule.profession_group:
            q &= Q(employee__profession__group=rule.profession_group)
        if rule.unit_path:
            q &= Q(unit__path__startswith=rule.unit_path)
        if rule.service_area:
            q &= Q(unit__service_area=rule.service_area)
        if rule.care_level:
            q &= Q(unit__care_level=rule.care_level)
        if rule.position_kind:
            q &= Q(kind=rule.position_kind)
        match |= Q(pk__in=Position.objects.filter(q).values("employee_id"))
    return Employee.objects.filter(match)


@dataclass(frozen=True)
class ComplianceRow:
    employee: Employee
    competence: Competence
    status: str
    due_on: dt.date | None
    deadline: dt.date
    completed_on: dt.date | None
    expires_on: dt.date | None


def compliance_rows(
    employees: QuerySet[Employee],
    today: dt.date | None = None,
    soon_days: int | None = None,
) -> list[ComplianceRow]:
    """Recomputed statuses with their Employee and Competence objects (see rows_of)."""
    return rows_of(compliance_statuses(employees, today, soon_days))


def row_of(status: compliance.Status, employee: Employee,
           competence: Competence) -> ComplianceRow:
    """One status with its Employee and Competence objects."""
    return ComplianceRow(employee, competence, status.status, status.due_on, status.deadline,
                         status.completed_on, status.expires_on)


def rows_of(statuses: list[compliance.Status],
            people: dict[int, Employee] | None = None) -> list[ComplianceRow]:
    """Statuses with their Employee and Competence objects, ordered by person and name
    (`people`: the employees already read, by pk, saving a query)."""
    if people is None:
        people = Employee.objects.in_bulk({status.employee_id for status in statuses})
    competences = Competence.objects.in_bulk({status.competence_id for status in statuses})
    rows = [row_of(s, people[s.employee_id], competences[s.competence_id]) for s in statuses]
    rows.sort(key=lambda row: (row.employee.last_name, row.employee.first_name,
                               row.employee.pk, row.competence.name))
    return rows


def specialist_renewal_for(
    employee: Employee, renewal: Competence, renewal_on: dt.date | None = None
) -> compliance.RenewalResult:
    """Check a person's approved completions against a renewal rule in the catalogue.

    `renewal` is a Competence with renewal_hours (and optionally renewal_min_course_hours
    and renewal_period_months, default 60), e.g. the seeded psychologist renewal.
    """
    renewal_on = renewal_on or dt.date.today()
    rows = Completion.objects.filter(
        employee=employee, status=Completion.Status.APPROVED, hours__isnull=False,
        completed_on__lte=renewal_on,
    ).values_list("completed_on", "hours", "competence__kind")
    activities = [
        compliance.Activity(done_on, hours, renewal_activity_kind(kind))
        for done_on, hours, kind in rows
    ]
    return compliance.specialist_renewal(
        activities, renewal_on,
        required_hours=renewal.renewal_hours or Decimal(0),
        min_course_hours=renewal.renewal_min_course_hours or Decimal(0),
        period_months=renewal.renewal_period_months or 60,
    )
