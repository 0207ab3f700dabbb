"""Education pathways: candidates' records in, rule checks, forecasts and capacity out.

A page of candidates costs a fixed handful of queries (parts, goals, periods, sessions,
courses, approvals), read in chunks of ids.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd
from django.db.models import Count, QuerySet

from fagkraft.adapter.frames import chunks
from fagkraft.core.conf import setting
from fagkraft.education.models import (
    Candidate,
    CourseRecord,
    GoalApproval,
    LearningGoal,
    PathwayPart,
    PathwayTemplate,
    PracticePeriod,
    SupervisionSession,
    SupervisorCapacity,
)
from fagkraft.engine import pathways
from fagkraft.engine import supervision_capacity as capacity_engine
from fagkraft.engine.register_inputs import (
    approval_in_force,
    education_post_ends,
    goal_counts,
    goals_required,
)
from fagkraft.workforce.models import Position, PositionKind, SpecialistApproval


@dataclass(frozen=True)
class PathwayStatus:
    candidate_id: int
    progress: pathways.Progress
    forecast: pathways.Forecast


def pathway_rules(template_ids: Iterable[int]) -> dict[int, pathways.PathwayRules]:
    """PathwayRules per template id, from the templates, their parts and active goals."""
    template_ids = list(template_ids)
    parts: dict[int, list[pathways.PartRule]] = {}
    for part in PathwayPart.objects.filter(template_id__in=template_ids).order_by(
            "order", "pk"):
        parts.setdefault(part.template_id, []).append(pathways.PartRule(
            part.code, float(part.practice_years), float(part.supervision_hours),
            float(part.course_hours), part.individual_hours_count))
    goal_counts_by_template = dict(LearningGoal.objects.filter(
        active=True, template_id__in=template_ids).order_by().values_list(
        "template_id").annotate(n=Count("pk")))
    common = LearningGoal.objects.filter(active=True, template__isnull=True).count()
    rules = {}
    for template in PathwayTemplate.objects.filter(pk__in=template_ids):
        rules[template.pk] = pathways.PathwayRules(
            parts=tuple(parts.get(template.pk, ())),
            goals_required=goals_required(goal_counts_by_template.get(template.pk, 0), common,
                                          template.uses_common_goals),
            min_supervisors=template.min_supervisors,
            min_relationship_hours=float(template.min_relationship_hours),
            min_individual_hours=float(template.min_individual_hours),
            minutes_per_hour=template.supervision_minutes_per_hour,
            course_share_in_practice=float(template.course_share_in_practice),
            written_work_required=template.written_work_required,
        )
    return rules


def pathway_records(candidates: Sequence[Candidate]) -> dict[int, pathways.Record]:
    """The engine's Record of each candidate (with `template` loaded)."""
    by_id = {candidate.pk: candidate for candidate in candidates}
    periods: dict[int, list[pathways.PracticePeriod]] = {pk: [] for pk in by_id}
    sessions: dict[int, list[pathways.Session]] = {pk: [] for pk in by_id}
    courses: dict[int, list[pathways.Course]] = {pk: [] for pk in by_id}
    goals: dict[int, int] = dict.fromkeys(by_id, 0)
    for ids in chunks(list(by_id)):
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
            goals[cid] += int(goal_counts(goal_template, active, template.pk,
                                          template.uses_common_goals))
    return {
        pk: pathways.Record(tuple(periods[pk]), tuple(sessions[pk]), tuple(courses[pk]),
                            goals[pk], candidate.written_work_approved_on)
        for pk, candidate in by_id.items()
    }


def pathway_statuses(candidates: Iterable[Candidate], today: dt.date | None = None
                     ) -> dict[int, PathwayStatus]:
    """Rule checks and expected completion of each candidate (with `template` loaded)."""
    today = today or dt.date.today()
    candidates = list(candidates)
    rules = pathway_rules({candidate.template_id for candidate in candidates})
    records = pathway_records(candidates)
    grace = int(setting("EDUCATION_BEHIND_GRACE_DAYS"))
    min_pace = int(setting("EDUCATION_MIN_PACE_DAYS"))
    result = {}
    for candidate in candidates:
        progress = pathways.check(rules[candidate.template_id], records[candidate.pk], today)
        completed = candidate.completed_on if candidate.status == "completed" else None
        forecast = pathways.expected_completion(
            progress, candidate.start_date, candidate.planned_end, today, completed,
            min_pace_days=min_pace, grace_days=grace)
        result[candidate.pk] = PathwayStatus(candidate.pk, progress, forecast)
    return result


def _pipeline_candidates(unit_ids: Sequence[int] | None) -> QuerySet[Candidate]:
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


def pipeline_completions_by_unit(unit_ids: Sequence[int], from_year: int, to_year: int,
                                 today: dt.date | None = None
                                 ) -> dict[int, list[tuple[str, str, int, float]]]:
    """`pipeline_completions` of each unit on its own, for all the units in one read:
    unit id -> [(profession, specialty, year, completions)] (units without any omitted)."""
    candidates = list(_pipeline_candidates(unit_ids))
    statuses = pathway_statuses(candidates, today)
    by_unit: dict[int, list[pathways.Candidate]] = defaultdict(list)
    for candidate in candidates:
        by_unit[candidate.unit_id].append(pathways.Candidate(
            candidate.pk, candidate.template.profession.code,
            candidate.template.specialty.code if candidate.template.specialty else "",
            statuses[candidate.pk].forecast.expected_on))
    return {uid: pathways.completions_by_year(group, from_year, to_year)
            for uid, group in by_unit.items()}


def education_posts_ending_by_unit(unit_ids: Sequence[int], from_year: int, to_year: int
                                   ) -> dict[int, dict[int, tuple[int, int]]]:
    """`education_posts_ending` of each unit on its own, for all the units in one read
    (every unit of `unit_ids` has an entry, all years, zeros where none end)."""
    positions = Position.objects.filter(kind=PositionKind.EDUCATION,
                                        unit_id__in=list(unit_ids))
    linked: dict[int, tuple[dt.date, bool]] = {}
    for position_id, planned_end, permanent in Candidate.objects.filter(
            education_position__in=positions).exclude(
            status=Candidate.Status.DISCONTINUED).values_list(
            "education_position_id", "planned_end", "permanent_unit_id"):
        linked[position_id] = (planned_end, permanent is not None)
    posts: dict[int, list[pathways.EducationPost]] = {uid: [] for uid in unit_ids}
    for position_id, unit_id, end in positions.values_list("pk", "unit_id", "end_date"):
        planned, permanent = linked.get(position_id, (None, False))
        ends_on = education_post_ends(end, planned)
        if ends_on is not None:
            posts[unit_id].append(pathways.EducationPost(position_id, ends_on, permanent))
    return {uid: pathways.posts_ending_by_year(unit_posts, from_year, to_year)
            for uid, unit_posts in posts.items()}


def education_posts_ending(unit_ids: Sequence[int] | None, from_year: int, to_year: int
                           ) -> dict[int, tuple[int, int]]:
    """Year -> (education positions ending with a permanent post lined up, without).

    A position ends on its end date, or else on its candidate's planned end; a permanent
    post is lined up when a candidate in that position has a unit named for it.
    """
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
        ends_on = education_post_ends(end, planned)
        if ends_on is not None:
            posts.append(pathways.EducationPost(position_id, ends_on, permanent))
    return pathways.posts_ending_by_year(posts, from_year, to_year)


def supervision_capacity(unit_ids: Sequence[int], months: Sequence[dt.date],
                         today: dt.date | None = None,
                         known: Mapping[int, PathwayStatus] | None = None,
                         ) -> list[capacity_engine.Month]:
    """Hours needed and available per unit and month (fagkraft.engine.supervision_capacity).

    Need: active candidates in the units, from start to expected completion, at the
    template's monthly hours x the share of full time of their latest practice period
    (full time without one). Supply: capacity records in the units of supervisors with a
    specialist approval in force. `known`: statuses already computed on the same day
    (by candidate id), reused instead of computed again.
    """
    candidates = list(Candidate.objects.filter(
        unit_id__in=list(unit_ids), status=Candidate.Status.ACTIVE).select_related("template"))
    known = known or {}
    statuses = {**known, **pathway_statuses([c for c in candidates if c.pk not in known],
                                            today)}
    share: dict[int, float] = {}
    for cid, fte in PracticePeriod.objects.filter(
            candidate__in=[c.pk for c in candidates]).order_by("start_date", "pk").values_list(
            "candidate_id", "fte_percent"):
        share[cid] = float(fte) / 100  # the latest period wins
    needs = [capacity_engine.Need(
                 c.unit_id, c.start_date, statuses[c.pk].forecast.expected_on,
                 float(c.template.supervision_hours_per_month) * share.get(c.pk, 1.0))
             for c in candidates]
    capacity_rows = list(SupervisorCapacity.objects.filter(unit_id__in=list(unit_ids))
                         .values_list("employee_id", "unit_id", "start_date", "end_date",
                                      "hours_per_month"))
    approvals: dict[int, list[tuple[dt.date, dt.date | None]]] = {}
    # No ordering: the model's (by the employee's name) joined every employee to sort.
    for employee_id, approved, valid, ended in SpecialistApproval.objects.filter(
            employee_id__in={row[0] for row in capacity_rows}).order_by().values_list(
            "employee_id", "approved_on", "valid_until", "ended_on"):
        approvals.setdefault(employee_id, []).append(approval_in_force(approved, valid, ended))
    supplies = [capacity_engine.Supply(unit_id, start, end, float(hours), employee_id,
                                       tuple(approvals.get(employee_id, ())))
                for employee_id, unit_id, start, end, hours in capacity_rows]
    return capacity_engine.capacity(needs, supplies, months)
