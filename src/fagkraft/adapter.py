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
# Candidates' records become fagkraft.engine.pathways inputs here; a page of candidates
# costs a fixed handful of queries (parts, goals, periods, sessions, courses, approvals).


@dataclass(frozen=True)
class PathwayStatus:
    candidate_id: int
    progress: Any  # fagkraft.engine.pathways.Progress
    forecast: Any  # fagkraft.engine.pathways.Forecast


def _education_setting(name: str, default: int) -> int:
    return int(getattr(settings, "FAGKRAFT", {}).get(name, default))


def _chunks(ids: Sequence[int], size: int = 500):
    ordered = sorted(ids)
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]


def pathway_rules(template_ids: Sequence[int]) -> dict[int, Any]:
    """PathwayRules per template id, from the templates, their parts and active goals."""
    from django.db.models import Count

    from fagkraft.education.models import LearningGoal, PathwayPart, PathwayTemplate
    from fagkraft.engine import pathways

    parts: dict[int, list[Any]] = {}
    for part in PathwayPart.objects.filter(template_id__in=list(template_ids)).order_by(
            "order", "pk"):
        parts.setdefault(part.template_id, []).append(pathways.PartRule(
            part.code, float(part.practice_years), float(part.supervision_hours),
            float(part.course_hours), part.individual_hours_count))
    goal_counts = dict(LearningGoal.objects.filter(active=True, template_id__in=list(
        template_ids)).order_by().values_list("template_id").annotate(n=Count("pk")))
    common = LearningGoal.objects.filter(active=True, template__isnull=True).count()
    rules = {}
    for template in PathwayTemplate.objects.filter(pk__in=list(template_ids)):
        rules[template.pk] = pathways.PathwayRules(
            parts=tuple(parts.get(template.pk, ())),
            goals_required=goal_counts.get(template.pk, 0)
            + (common if template.uses_common_goals else 0),
            min_supervisors=template.min_supervisors,
            min_relationship_hours=float(template.min_relationship_hours),
            min_individual_hours=float(template.min_individual_hours),
            minutes_per_hour=template.supervision_minutes_per_hour,
            course_share_in_practice=float(template.course_share_in_practice),
            written_work_required=template.written_work_required,
        )
    return rules


def pathway_records(candidates: Sequence[Any]) -> dict[int, Any]:
    """The engine's Record of each candidate (with `template` loaded)."""
    from fagkraft.education.models import (
        CourseRecord,
        GoalApproval,
        PracticePeriod,
        SupervisionSession,
    )
    from fagkraft.engine import pathways

    by_id = {candidate.pk: candidate for candidate in candidates}
    periods: dict[int, list[Any]] = {pk: [] for pk in by_id}
    sessions: dict[int, list[Any]] = {pk: [] for pk in by_id}
    courses: dict[int, list[Any]] = {pk: [] for pk in by_id}
    goals: dict[int, int] = dict.fromkeys(by_id, 0)
    for ids in _chunks(list(by_id)):
        for cid, part, start, end, fte, supervised in PracticePeriod.objects.filter(
                candidate_id__in=ids).values_list("candidate_id", "part__code", "start_date",
                                                  "end_date", "fte_percent", "supervised"):
            periods[cid].append(pathways.PracticePeriod(part, start, end, float(fte) / 100,
                                                        supervised))
        for cid, supervisor, part, held, minutes, individual in SupervisionSession.objects \
                .filter(candidate_id__in=ids).values_list(
                    "candidate_id", "supervisor_id", "part__code", "held_on", "minutes",
                    "individual"):
            sessions[cid].append(pathways.Session(supervisor, part, held, minutes, individual))
        for cid, part, held, hours in CourseRecord.objects.filter(
                candidate_id__in=ids).values_list("candidate_id", "part__code", "held_on",
                                                  "hours"):
            courses[cid].append(pathways.Course(part, held, float(hours)))
        for cid, goal_template, active in GoalApproval.objects.filter(
                candidate_id__in=ids).values_list("candidate_id", "goal__template_id",
                                                  "goal__active"):
            template = by_id[cid].template
            counts = goal_template == template.pk or (
                goal_template is None and template.uses_common_goals)
            goals[cid] += int(active and counts)
    return {
        pk: pathways.Record(tuple(periods[pk]), tuple(sessions[pk]), tuple(courses[pk]),
                            goals[pk], candidate.written_work_approved_on)
        for pk, candidate in by_id.items()
    }


def pathway_statuses(candidates: Sequence[Any], today: dt.date | None = None
                     ) -> dict[int, PathwayStatus]:
    """Rule checks and expected completion of each candidate (with `template` loaded)."""
    from fagkraft.engine import pathways

    today = today or dt.date.today()
    candidates = list(candidates)
    rules = pathway_rules({candidate.template_id for candidate in candidates})
    records = pathway_records(candidates)
    grace = _education_setting("EDUCATION_BEHIND_GRACE_DAYS", pathways.DEFAULT_GRACE_DAYS)
    min_pace = _education_setting("EDUCATION_MIN_PACE_DAYS", pathways.DEFAULT_MIN_PACE_DAYS)
    result = {}
    for candidate in candidates:
        progress = pathways.check(rules[candidate.template_id], records[candidate.pk], today)
        completed = candidate.completed_on if candidate.status == "completed" else None
        forecast = pathways.expected_completion(
            progress, candidate.start_date, candidate.planned_end, today, completed,
            min_pace_days=min_pace, grace_days=grace)
        result[candidate.pk] = PathwayStatus(candidate.pk, progress, forecast)
    return result


def _pipeline_candidates(unit_ids: Sequence[int] | None) -> QuerySet:
    from fagkraft.education.models import Candidate

    candidates = Candidate.objects.filter(template__leads_to_specialist=True).exclude(
        status=Candidate.Status.DISCONTINUED).select_related("template__profession",
                                                             "template__specialty")
    if unit_ids is not None:
        candidates = candidates.filter(unit_id__in=list(unit_ids))
    return candidates


def pipeline_completions(unit_ids: Sequence[int] | None, from_year: int, to_year: int,
                         today: dt.date | None = None) -> pd.DataFrame:
    """Expected specialist completions per year of candidates on pathways in these units
    (None = all). Columns: profession (workforce Profession.code the candidate counts as
    when done, e.g. "psychologist" or "psychiatrist"), specialty (Specialty.code or ""),
    year (int), completions (float, expected count). Years without completions omitted.

    A candidate still on the pathway completes in the year of their expected completion
    (pace so far, fagkraft.engine.pathways); a finished one in the year they finished;
    discontinued candidates and pathways that lead to no specialist (LIS1) never.
    """
    from fagkraft.engine import pathways

    candidates = list(_pipeline_candidates(unit_ids))
    statuses = pathway_statuses(candidates, today)
    rows = pathways.completions_by_year([
        pathways.Candidate(
            candidate.pk, candidate.template.profession.code,
            candidate.template.specialty.code if candidate.template.specialty else "",
            statuses[candidate.pk].forecast.expected_on)
        for candidate in candidates
    ], from_year, to_year)
    frame = pd.DataFrame(rows, columns=["profession", "specialty", "year", "completions"])
    return frame.astype({"year": "int64", "completions": "float64"})


def education_posts_ending(unit_ids: Sequence[int] | None, from_year: int, to_year: int
                           ) -> dict[int, tuple[int, int]]:
    """Year -> (education positions ending with a permanent post lined up, without).

    A position ends on its end date, or else on its candidate's planned end; a permanent
    post is lined up when a candidate in that position has a unit named for it.
    """
    from fagkraft.education.models import Candidate
    from fagkraft.engine import pathways
    from fagkraft.workforce.models import PositionKind

    positions = Position.objects.filter(kind=PositionKind.EDUCATION)
    if unit_ids is not None:
        positions = positions.filter(unit_id__in=list(unit_ids))
    linked: dict[int, tuple[dt.date, bool]] = {}
    for position_id, planned_end, permanent in Candidate.objects.filter(
            education_position__in=positions).exclude(
            status=Candidate.Status.DISCONTINUED).values_list(
            "education_position_id", "planned_end", "permanent_unit_id"):
        linked[position_id] = (planned_end, permanent is not None)
    posts = []
    for position_id, end in positions.values_list("pk", "end_date"):
        planned, permanent = linked.get(position_id, (None, False))
        ends_on = end or planned
        if ends_on is not None:
            posts.append(pathways.EducationPost(position_id, ends_on, permanent))
    return pathways.posts_ending_by_year(posts, from_year, to_year)


def supervision_capacity(unit_ids: Sequence[int], months: Sequence[dt.date],
                         today: dt.date | None = None) -> list[Any]:
    """Hours needed and available per unit and month (fagkraft.engine.supervision_capacity).

    Need: active candidates in the units, from start to expected completion, at the
    template's monthly hours x the share of full time of their latest practice period
    (full time without one). Supply: capacity records in the units of supervisors with a
    specialist approval in force.
    """
    from fagkraft.education.models import Candidate, PracticePeriod, SupervisorCapacity
    from fagkraft.engine import supervision_capacity as engine
    from fagkraft.workforce.models import SpecialistApproval

    candidates = list(Candidate.objects.filter(
        unit_id__in=list(unit_ids), status=Candidate.Status.ACTIVE).select_related("template"))
    statuses = pathway_statuses(candidates, today)
    share: dict[int, float] = {}
    for cid, fte in PracticePeriod.objects.filter(
            candidate__in=[c.pk for c in candidates]).order_by("start_date", "pk").values_list(
            "candidate_id", "fte_percent"):
        share[cid] = float(fte) / 100  # the latest period wins
    needs = [engine.Need(c.unit_id, c.start_date, statuses[c.pk].forecast.expected_on,
                         float(c.template.supervision_hours_per_month) * share.get(c.pk, 1.0))
             for c in candidates]
    capacity_rows = list(SupervisorCapacity.objects.filter(unit_id__in=list(unit_ids))
                         .values_list("employee_id", "unit_id", "start_date", "end_date",
                                      "hours_per_month"))
    approvals: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    for employee_id, approved, valid, ended in SpecialistApproval.objects.filter(
            employee_id__in={row[0] for row in capacity_rows}).values_list(
            "employee_id", "approved_on", "valid_until", "ended_on"):
        stops = [day for day in (valid, ended) if day is not None]
        approvals.setdefault(employee_id, []).append((approved, min(stops) if stops else None))
    supplies = [engine.Supply(unit_id, start, end, float(hours), employee_id,
                              tuple(approvals.get(employee_id, ())))
                for employee_id, unit_id, start, end, hours in capacity_rows]
    return engine.capacity(needs, supplies, months)



# --- Workload / WISN (issue 5) --------------------------------------------------------
# A WisnStudy and its rows become a `fagkraft.engine.wisn.Study`; existing staff per
# category comes from the register (FTE of positions running on the day, in the unit's
# subtree, of the category's profession group) unless the study gives a figure.


@dataclass(frozen=True)
class WisnExisting:
    fte: float | None
    headcount: int | None  # persons behind a register figure; None when entered by hand
    source: str  # "register", "entered" or "none"


def wisn_register_staff(unit: Unit, today: dt.date) -> dict[str, tuple[float, int]]:
    """Profession group -> (FTE, persons) of positions running today in the subtree."""
    from django.db.models import Count, Sum

    rows = (
        Position.objects.filter(Position.active_on_q(today), Unit.subtree_q(unit.path, "unit__"))
        .order_by().values("employee__profession__group")
        .annotate(fte=Sum("fte_percent"), persons=Count("employee_id", distinct=True))
    )
    return {
        row["employee__profession__group"]: (float(row["fte"] or 0) / 100, row["persons"])
        for row in rows
    }


def wisn_working_time(study: Any):
    from fagkraft.engine import wisn

    if study.basis == "percent":
        return wisn.PercentWorkingTime(
            contract_hours=float(study.contract_hours or 0),
            deductions_percent={str(k): float(v) for k, v in
                                (study.deductions_percent or {}).items()},
            hours_per_day=float(study.hours_per_day),
        )
    return wisn.DaysWorkingTime(
        working_days=float(study.working_days), public_holidays=float(study.public_holidays),
        annual_leave=float(study.annual_leave), sick_leave=float(study.sick_leave),
        other_leave=float(study.other_leave), hours_per_day=float(study.hours_per_day),
    )


def wisn_study_input(study: Any, today: dt.date) -> tuple[Any, dict[str, WisnExisting]]:
    """The engine's Study for a WisnStudy, and where each category's existing staff came from.

    Four queries whatever the size: categories with their rows, and the register.
    """
    from fagkraft.engine import wisn

    categories = list(study.categories.prefetch_related(
        "activities", "category_allowances", "individual_allowances"))
    register = wisn_register_staff(study.unit, today)
    existing: dict[str, WisnExisting] = {}
    engine_categories = []
    for category in categories:
        if category.existing_staff_override is not None:
            known = WisnExisting(float(category.existing_staff_override), None, "entered")
        elif category.profession_group:
            fte, persons = register.get(category.profession_group, (0.0, 0))
            known = WisnExisting(round(fte, 2), persons, "register")
        else:
            known = WisnExisting(None, None, "none")
        existing[category.name] = known
        engine_categories.append(wisn.Category(
            name=category.name,
            activities=tuple(
                wisn.Activity(a.name, float(a.annual_workload), float(a.minutes_per_unit))
                for a in category.activities.all()),
            category_allowances=tuple(
                wisn.CategoryAllowance(
                    a.name, percent=None if a.percent is None else float(a.percent),
                    hours=None if a.hours is None else float(a.hours), per=a.per or None)
                for a in category.category_allowances.all()),
            individual_allowances=tuple(
                wisn.IndividualAllowance(a.name, float(a.staff), float(a.hours_per_year))
                for a in category.individual_allowances.all()),
            existing_staff=known.fte,
        ))
    engine_study = wisn.Study(name=study.name, year=study.year,
                              working_time=wisn_working_time(study),
                              categories=tuple(engine_categories))
    return engine_study, existing


def wisn_scenarios(study: Any) -> list[Any]:
    """The study's saved scenarios as engine Scenarios (one query)."""
    from fagkraft.engine import wisn
    from fagkraft.workload.models import ScenarioMove

    moves = ScenarioMove.objects.filter(scenario__study=study).select_related(
        "activity__category", "to_category").order_by("pk")
    by_scenario: dict[int, list] = {scenario.pk: [] for scenario in study.scenarios.all()}
    for move in moves:
        by_scenario.setdefault(move.scenario_id, []).append(wisn.Move(
            activity=move.activity.name, from_category=move.activity.category.name,
            to_category=move.to_category.name, share_percent=float(move.share_percent),
            minutes_per_unit=None if move.minutes_per_unit is None
            else float(move.minutes_per_unit)))
    return [wisn.Scenario(scenario.name, tuple(by_scenario.get(scenario.pk, ())))
            for scenario in study.scenarios.all()]


# --- Projections (issue 6) ------------------------------------------------------------

# Register -> projection inputs; docs/projections_web.md explains every definition.
# A person belongs to one projection profession: a doctor with a child and adolescent
# psychiatry approval in force is a "child-psychiatrist"; everyone else counts under their
# profession's code ("psychologist", "nurse", ...). Doctors in an education position (LIS)
# in the units are the child-psychiatry pipeline: they join the stock when they complete.
CHILD_PSYCHIATRIST = "child-psychiatrist"
STOCK_COLUMNS = ["profession", "age", "headcount", "fte"]


def child_psychiatry_specialty() -> str:
    """FAGKRAFT["CHILD_PSYCHIATRY_SPECIALTY"], the demo catalogue's "LE-BUP" by default."""
    return str(getattr(settings, "FAGKRAFT", {}).get("CHILD_PSYCHIATRY_SPECIALTY", "LE-BUP"))


def projection_units(unit: Unit, service_area: str = "") -> list[int]:
    """Ids of the unit's subtree, narrowed to one service area (PHBU/PHV/TSB) if given."""
    units = Unit.objects.filter(Unit.subtree_q(unit.path))
    if service_area:
        units = units.filter(service_area=service_area)
    return list(units.order_by("pk").values_list("pk", flat=True))


def projection_people(employee_ids: Sequence[int], today: dt.date) -> pd.DataFrame:
    """employee_id, profession (projection key), birth_year, birth_date per person."""
    from fagkraft.workforce.models import SpecialistApproval

    ids = [int(pk) for pk in employee_ids]
    people = frame_from(
        Employee.objects.filter(pk__in=ids).order_by(),
        ["pk", "profession__code", "profession__group", "birth_year", "birth_date"],
        ["employee_id", "code", "group", "birth_year", "birth_date"], dates=["birth_date"],
    )
    specialists = set(SpecialistApproval.objects.filter(
        SpecialistApproval.active_on_q(today), employee_id__in=ids,
        specialty__code=child_psychiatry_specialty(),
    ).values_list("employee_id", flat=True))
    child = (people["group"] == "doctor") & people["employee_id"].isin(specialists)
    people["profession"] = people["code"].where(~child, CHILD_PSYCHIATRIST)
    return people[["employee_id", "profession", "birth_year", "birth_date"]]


def _positions_today(unit_ids: Sequence[int], today: dt.date) -> pd.DataFrame:
    """Positions running today in the units, without doctors' education positions (LIS)."""
    positions = frame_from(
        Position.objects.filter(Position.active_on_q(today), unit_id__in=list(unit_ids))
        .order_by(),
        ["employee_id", "kind", "fte_percent", "employee__profession__group"],
        ["employee_id", "kind", "fte_percent", "group"],
    )
    lis = (positions["kind"] == "education") & (positions["group"] == "doctor")
    return positions[~lis]


def projection_stock(unit_ids: Sequence[int], today: dt.date) -> pd.DataFrame:
    """Current staff by projection profession and age: STOCK_COLUMNS.

    Headcount is distinct persons, FTE the sum of their positions' shares of full time in
    the units, age as on the unit page (birth date, else the age reached this year).
    """
    positions = _positions_today(unit_ids, today)
    if positions.empty:
        return pd.DataFrame(columns=STOCK_COLUMNS)
    people = projection_people(positions["employee_id"].unique().tolist(), today)
    people["age"] = ages_on(people["birth_year"].to_numpy(), list(people["birth_date"]), today)
    positions = positions.assign(fte=positions["fte_percent"].astype(float) / 100)
    per_person = positions.groupby("employee_id", as_index=False)["fte"].sum()
    merged = per_person.merge(people[["employee_id", "profession", "age"]], on="employee_id")
    stock = merged.groupby(["profession", "age"], as_index=False).agg(
        headcount=("employee_id", "nunique"), fte=("fte", "sum"))
    stock["fte"] = stock["fte"].round(4)
    return stock.sort_values(["profession", "age"]).reset_index(drop=True)[STOCK_COLUMNS]


def projection_vacancies(unit_ids: Sequence[int], today: dt.date) -> pd.DataFrame:
    """Open vacancies today by projection profession: profession, vacancies, vacant_fte.

    A vacancy names a profession, not a specialty: a doctor vacancy (not an education
    post) in a PHBU unit is a child-psychiatrist vacancy, an education post for a doctor
    belongs to the pipeline and is left out.
    """
    from fagkraft.workforce.models import Vacancy

    rows = frame_from(
        Vacancy.objects.filter(Vacancy.open_on_q(today), unit_id__in=list(unit_ids)).order_by(),
        ["profession__code", "profession__group", "kind", "unit__service_area", "fte_percent"],
        ["code", "group", "kind", "area", "fte_percent"],
    )
    doctor = rows["group"] == "doctor"
    rows = rows[~(doctor & (rows["kind"] == "education"))]
    child = (rows["group"] == "doctor") & (rows["area"] == "phbu")
    rows = rows.assign(profession=rows["code"].where(~child, CHILD_PSYCHIATRIST),
                       fte=rows["fte_percent"].astype(float) / 100)
    grouped = rows.groupby("profession", as_index=False).agg(
        vacancies=("fte", "size"), vacant_fte=("fte", "sum"))
    grouped["vacant_fte"] = grouped["vacant_fte"].round(4)
    return grouped[["profession", "vacancies", "vacant_fte"]]


def projection_base_demand(unit_ids: Sequence[int], today: dt.date) -> pd.DataFrame:
    """Base-year demand per projection profession: filled FTE plus open vacancies' FTE.

    Columns profession, headcount, filled_fte, vacancies, vacant_fte, demand_fte. The
    staffing the trust has decided to have is what it fills plus what it advertises; the
    gap in the base year is then minus the vacant FTE.
    """
    stock = projection_stock(unit_ids, today)
    filled = stock.groupby("profession", as_index=False).agg(
        headcount=("headcount", "sum"), filled_fte=("fte", "sum"))
    demand = filled.merge(projection_vacancies(unit_ids, today), on="profession", how="outer")
    demand = demand.fillna({"headcount": 0, "filled_fte": 0.0, "vacancies": 0,
                            "vacant_fte": 0.0})
    demand["headcount"] = demand["headcount"].astype(int)
    demand["vacancies"] = demand["vacancies"].astype(int)
    demand["demand_fte"] = (demand["filled_fte"] + demand["vacant_fte"]).round(4)
    return demand.sort_values("profession").reset_index(drop=True)


def projection_turnover(
    unit_ids: Sequence[int], today: dt.date, years: int | None = None,
    professions: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Turnover by projection profession and age band over the last full calendar years.

    engine.turnover_rates.estimate on every position since the first of those years of
    anyone who held a position in the units (so internal moves are recognised).
    """
    from fagkraft.engine import turnover_rates

    years = years or int(settings.FAGKRAFT.get("TURNOVER_YEARS", 5))
    first_year, last_year = today.year - years, today.year - 1
    since = dt.date(first_year, 1, 1)
    recent = Q(end_date__isnull=True) | Q(end_date__gte=since)
    here = Position.objects.filter(recent, unit_id__in=list(unit_ids))
    positions = frame_from(
        Position.objects.filter(recent, employee_id__in=here.values("employee_id")).order_by(),
        ["employee_id", "unit_id", "kind", "start_date", "end_date", "leaving_reason"],
        [*turnover_engine.COLUMNS, "reason"], dates=["start_date", "end_date"],
    )
    people = projection_people(positions["employee_id"].unique().tolist(), today)
    if professions is not None:
        people = people[people["profession"].isin(list(professions))]
    grace = int(settings.FAGKRAFT.get("INTERNAL_MOVE_GRACE_DAYS", 31))
    return turnover_rates.estimate(positions, people, unit_ids,
                                   list(range(first_year, last_year + 1)), grace_days=grace)


def projection_recruits(
    unit_ids: Sequence[int], today: dt.date, years: int | None = None,
) -> pd.DataFrame:
    """Recruits from outside the trust per projection profession over the last full years.

    A recruit is a person whose first position in the trust (the earliest start of all
    their positions) started in one of the years, in the units. A doctor's first position
    as a LIS (education position) is the pipeline, not a recruit. Columns profession,
    recruits (persons in all the years), years, per_year, mean_age (age at the start).
    """
    years = years or int(settings.FAGKRAFT.get("TURNOVER_YEARS", 5))
    first_year, last_year = today.year - years, today.year - 1
    started = Position.objects.filter(
        unit_id__in=list(unit_ids), start_date__gte=dt.date(first_year, 1, 1),
        start_date__lte=dt.date(last_year, 12, 31))
    positions = frame_from(
        Position.objects.filter(employee_id__in=started.values("employee_id")).order_by(),
        ["employee_id", "unit_id", "kind", "start_date", "employee__profession__group"],
        ["employee_id", "unit_id", "kind", "start", "group"], dates=["start_date"],
    )
    columns = ["profession", "recruits", "years", "per_year", "mean_age"]
    if positions.empty:
        return pd.DataFrame(columns=columns)
    positions["start"] = pd.to_datetime(positions["start"])
    first = positions.sort_values(["employee_id", "start"]).drop_duplicates("employee_id")
    first = first[first["unit_id"].isin(list(unit_ids))
                  & (first["start"].dt.year >= first_year) & (first["start"].dt.year <= last_year)
                  & ~((first["group"] == "doctor") & (first["kind"] == "education"))]
    if first.empty:
        return pd.DataFrame(columns=columns)
    people = projection_people(first["employee_id"].tolist(), today)
    merged = first.merge(people, on="employee_id")
    merged["age"] = [
        int(ages_on([year], [born], start.date())[0])
        for year, born, start in zip(merged["birth_year"], merged["birth_date"],
                                     merged["start"], strict=True)
    ]
    grouped = merged.groupby("profession", as_index=False).agg(
        recruits=("employee_id", "nunique"), mean_age=("age", "mean"))
    grouped["years"] = years
    grouped["per_year"] = (grouped["recruits"] / years).round(4)
    grouped["mean_age"] = grouped["mean_age"].round(1)
    return grouped[columns]


def projection_pipeline(unit_ids: Sequence[int], from_year: int, to_year: int) -> pd.DataFrame:
    """Expected completions per projection profession and year: profession, year, completions.

    From the education pathways' `pipeline_completions` (issue 4): completions of the
    child and adolescent psychiatry specialty become child psychiatrists; other
    specialties of a profession whose stock already holds the candidates (a psychologist
    in specialist training is a psychologist already) add no one and are left out.
    """
    source = globals().get("pipeline_completions")
    if source is None:
        return pd.DataFrame(columns=["profession", "year", "completions"])
    frame = source(list(unit_ids), from_year, to_year)
    if frame is None or frame.empty:
        return pd.DataFrame(columns=["profession", "year", "completions"])
    frame = frame[frame["specialty"] == child_psychiatry_specialty()]
    frame = frame.assign(profession=CHILD_PSYCHIATRIST)
    grouped = frame.groupby(["profession", "year"], as_index=False)["completions"].sum()
    return grouped.sort_values("year").reset_index(drop=True)
