"""The one bridge between Django querysets and the engine.

Querysets go in, plain DataFrames come out for `fagkraft.engine`; engine results come
back as JSON-safe dicts for templates and the API. Rows are read through the database
cursor without Django's per-row model machinery: a trust has tens of thousands of
positions and the unit page must answer in well under a second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd
from django.conf import settings
from django.db import connections
from django.db.models import CharField, Max, Q, QuerySet
from django.db.models.functions import Cast

from fagkraft.competence.models import Competence, Completion, RequirementRule
from fagkraft.engine import compliance
from fagkraft.engine import turnover as turnover_engine
from fagkraft.engine.ages import AgeProfile, age_profile, ages_on
from fagkraft.engine.turnover import Turnover
from fagkraft.workforce.models import Employee, Position, Unit


def frame_from(
    queryset: QuerySet, columns: Sequence[str], names: Sequence[str],
    dates: Sequence[str] = (),
) -> pd.DataFrame:
    """Selected columns of a queryset as a DataFrame, read straight from the cursor.

    The `dates` columns are read as ISO text ("2024-03-31"), which pandas parses in
    one vectorised step; as date objects they would be converted one by one, first by
    the database driver and then again by pandas, costing more than the query itself.
    """
    selected = [
        Cast(column, output_field=CharField()) if column in dates else column
        for column in columns
    ]
    compiler = queryset.values_list(*selected).query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pd.DataFrame.from_records(rows, columns=list(names))


# Above this many units, filtering by the tree path lets the database scan positions once
# instead of probing the (unit, start, end) index per unit, which is slower on SQLite.
PATH_FILTER_MIN_UNITS = 10


def in_scope(unit_ids: Sequence[int], path: str | None, prefix: str = "") -> Q:
    if path is not None and len(unit_ids) > PATH_FILTER_MIN_UNITS:
        return Unit.subtree_q(path, f"{prefix}unit__")
    return Q(**{f"{prefix}unit_id__in": list(unit_ids)})


def positions_for_turnover(
    unit_ids: Sequence[int], since: dt.date, path: str | None = None,
    whole_trusts: bool = False,
) -> pd.DataFrame:
    """Every position, still running on or after `since`, of anyone who held one in scope.

    Positions outside the scope are included so the engine can tell an internal move
    from leaving the trust. When the scope is whole trusts (a trust or region page) there
    are none outside it (a person's positions are all in their trust), so the query
    skips the search for them.
    """
    recent = Q(end_date__isnull=True) | Q(end_date__gte=since)
    here = Position.objects.filter(recent, in_scope(unit_ids, path))
    if whole_trusts:
        positions = here.order_by()
    else:
        positions = Position.objects.filter(
            recent, employee_id__in=here.values("employee_id")
        ).order_by()
    return frame_from(
        positions,
        ["employee_id", "unit_id", "kind", "start_date", "end_date"],
        turnover_engine.COLUMNS,
        dates=["start_date", "end_date"],
    )


def turnover_by_year(
    unit_ids: Sequence[int], today: dt.date, previous_years: int, grace_days: int,
    path: str | None = None, whole_trusts: bool = False,
) -> list[Turnover]:
    since = dt.date(today.year - previous_years, 1, 1)
    frame = positions_for_turnover(unit_ids, since, path, whole_trusts)
    return turnover_engine.turnover_by_year(frame, unit_ids, today, previous_years, grace_days)


CURRENT_COLUMNS = ["employee_id", "unit_id", "fte_percent", "profession_id", "birth_year",
                   "birth_date"]


def current_positions(
    unit_ids: Sequence[int], today: dt.date, path: str | None = None
) -> pd.DataFrame:
    """One row per position running today in scope, with what the summary groups by.

    One read serves the headcount, FTE, profession, child-unit and age figures.
    """
    positions = Position.objects.filter(Position.active_on_q(today), in_scope(unit_ids, path))
    return frame_from(
        positions.order_by(),
        ["employee_id", "unit_id", "fte_percent", "employee__profession_id",
         "employee__birth_year", "employee__birth_date"],
        CURRENT_COLUMNS,
        dates=["employee__birth_date"],
    )


def age_profile_of(current: pd.DataFrame, today: dt.date, senior_age: int) -> AgeProfile:
    """Age profile of the distinct persons in a `current_positions` frame."""
    people = current.drop_duplicates("employee_id")
    return age_profile(ages_on(people["birth_year"], people["birth_date"], today), senior_age)


# --- Results back to plain data ------------------------------------------------------


def turnover_to_dict(result: Turnover) -> dict[str, Any]:
    return {
        "year": result.period_start.year,
        "period_start": result.period_start.isoformat(),
        "period_end": result.period_end.isoformat(),
        "average_headcount": round(result.average_headcount, 2),
        "leavers": result.leavers,
        "left_trust": result.left_trust,
        "internal_moves": result.internal_moves,
        "rate": result.rate,
        "left_trust_rate": result.left_trust_rate,
        "internal_move_rate": result.internal_move_rate,
    }


def age_profile_to_dict(profile: AgeProfile) -> dict[str, Any]:
    return {
        "bands": [{"label": band.label, "count": band.count} for band in profile.bands],
        "total": profile.total,
        "senior_age": profile.senior_age,
        "senior_count": profile.senior_count,
        "senior_share": profile.senior_share,
    }

# --- Competence: requirements and compliance -------------------------------------------
# Whatever the number of employees, this costs a fixed handful of queries: the rules, the
# positions of the employees (with unit and profession columns), the approved completions
# of the competences required, and (for `compliance_rows`) the employees and competences.


def due_soon_days() -> int:
    """FAGKRAFT["COMPETENCE_DUE_SOON_DAYS"], 30 when the setting is absent."""
    return int(getattr(settings, "FAGKRAFT", {}).get(
        "COMPETENCE_DUE_SOON_DAYS", compliance.DEFAULT_DUE_SOON_DAYS))


def rule_records(rules: QuerySet[RequirementRule] | None = None) -> list[compliance.Rule]:
    if rules is None:
        rules = RequirementRule.objects.filter(active=True, competence__active=True)
    return [
        compliance.Rule(
            rule_id=row["pk"], competence_id=row["competence_id"],
            deadline_days=row["deadline_days"], profession_id=row["profession_id"],
            profession_group=row["profession_group"], unit_path=row["unit__path"] or "",
            service_area=row["service_area"], care_level=row["care_level"],
            position_kind=row["position_kind"],
        )
        for row in rules.values(
            "pk", "competence_id", "deadline_days", "profession_id", "profession_group",
            "unit__path", "service_area", "care_level", "position_kind",
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


def compliance_rollup(
    employees: QuerySet[Employee],
    today: dt.date | None = None,
    soon_days: int | None = None,
) -> dict[int, compliance.Rollup]:
    """Per competence id: persons, count per status and share compliant."""
    return compliance.rollup(compliance_statuses(employees, today, soon_days))


# Competence kinds whose hours count as "courses or conferences" for specialist renewal.
COURSE_LIKE_KINDS = {Competence.Kind.COURSE, Competence.Kind.E_LEARNING}


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
        compliance.Activity(done_on, hours, "course" if kind in COURSE_LIKE_KINDS else kind)
        for done_on, hours, kind in rows
    ]
    return compliance.specialist_renewal(
        activities, renewal_on,
        required_hours=renewal.renewal_hours or Decimal(0),
        min_course_hours=renewal.renewal_min_course_hours or Decimal(0),
        period_months=renewal.renewal_period_months or 60,
    )


# --- Education pathways (issue 4) -----------------------------------------------------


# --- Workload / WISN (issue 5) --------------------------------------------------------


# --- Projections (issue 6) ------------------------------------------------------------
