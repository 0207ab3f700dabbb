"""Competence: requirement rules, positions and completions in; statuses and rows out.

Whatever the number of employees, this costs a fixed handful of queries: the rules, the
positions of the employees (with unit and profession columns), the approved completions
of the competences required, and (for `compliance_rows`) the employees and competences.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, QuerySet

from fagkraft.competence.models import Competence, Completion, RequirementRule
from fagkraft.core.conf import setting
from fagkraft.engine import compliance
from fagkraft.engine.register_inputs import renewal_activity_kind
from fagkraft.workforce.models import Employee, Position


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


def requirements_for(
    employees: QuerySet[Employee], today: dt.date
) -> list[compliance.Requirement]:
    return compliance.derive_requirements(position_records(employees), rule_records(), today)


def compliance_statuses(
    employees: QuerySet[Employee],
    today: dt.date | None = None,
    soon_days: int | None = None,
) -> list[compliance.Status]:
    """Status of every requirement of every employee in the queryset (ids only)."""
    today = today or dt.date.today()
    requirements = requirements_for(employees, today)
    competence_ids = {requirement.competence_id for requirement in requirements}
    if not competence_ids:
        return []
    validity = dict(Competence.objects.filter(pk__in=competence_ids)
                    .values_list("pk", "validity_months"))
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
    """Statuses with their Employee and Competence objects, ordered by person and name."""
    statuses = compliance_statuses(employees, today, soon_days)
    people = Employee.objects.in_bulk({status.employee_id for status in statuses})
    competences = Competence.objects.in_bulk({status.competence_id for status in statuses})
    rows = [
        ComplianceRow(people[s.employee_id], competences[s.competence_id], s.status,
                      s.due_on, s.deadline, s.completed_on, s.expires_on)
        for s in statuses
    ]
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
