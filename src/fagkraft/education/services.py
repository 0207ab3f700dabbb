"""The only code that writes education data. Every write is audit-logged.

Each function takes the acting user first (None for the system: CLI, import, seeding).
Who may call what is checked by the callers through fagkraft.access (a supervisor signs,
a leader approves); these functions keep the data consistent: a session is logged for a
supervisor assigned on that day, a learning goal is approved only after a supervisor has
signed at least one learning activity for it, records belong to the candidate's parts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.services import Actor
from fagkraft.competence.models import Competence
from fagkraft.core.bulk import insert_objects
from fagkraft.education import catalogue
from fagkraft.education.models import (
    Candidate,
    CandidateSupervisor,
    CourseRecord,
    GoalApproval,
    LearningActivity,
    LearningGoal,
    PathwayPart,
    PathwayTemplate,
    PlanItem,
    PracticePeriod,
    SupervisionSession,
    SupervisorCapacity,
)
from fagkraft.engine.compliance import add_months
from fagkraft.workforce.models import Employee, Profession, Specialty

Action = AuditEvent.Action
_user = audit.acting_user
_create = audit.create_recorded
_update = audit.update_recorded


def _not_future(day: dt.date | None, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: _("The date is in the future.")})


# --- Templates and goals ------------------------------------------------------------


@transaction.atomic
def create_template(actor: Actor, **fields: Any) -> PathwayTemplate:
    return _create(actor, PathwayTemplate(**fields))


@transaction.atomic(durable=True)
def update_template(actor: Actor, template: PathwayTemplate, **changes: Any) -> PathwayTemplate:
    return _update(actor, template, changes)


@transaction.atomic
def add_part(actor: Actor, template: PathwayTemplate, **fields: Any) -> PathwayPart:
    return _create(actor, PathwayPart(template=template, **fields))


@transaction.atomic(durable=True)
def update_part(actor: Actor, part: PathwayPart, **changes: Any) -> PathwayPart:
    return _update(actor, part, changes)


@dataclass(frozen=True)
class GoalRow:
    """One validated row of a learning-goal file."""

    template: PathwayTemplate | None  # None: a common competence goal
    code: str
    text: str
    order: int
    activities: str = ""


@dataclass(frozen=True)
class GoalResult:
    created: int
    updated: int
    unchanged: int


def goal_key(template_id: int | None, code: str) -> tuple[int | None, str]:
    return template_id, code.strip().lower()


@transaction.atomic
def import_goals(actor: Actor, rows: Iterable[GoalRow], *, via: str = "") -> GoalResult:
    """Create or update goals by (template, code), in one transaction, each one audited.

    A goal whose text, order and activities are unchanged is left alone (re-importing a
    file writes nothing); goals missing from the file are kept, as approvals refer to them.
    """
    existing = {goal_key(goal.template_id, goal.code): goal
                for goal in LearningGoal.objects.all()}
    created = updated = unchanged = 0
    for row in rows:
        template_id = row.template.pk if row.template else None
        goal = existing.get(goal_key(template_id, row.code))
        fields = {"text": row.text, "order": row.order, "activities": row.activities,
                  "active": True}
        if goal is None:
            goal = _create(actor, LearningGoal(template=row.template, code=row.code, **fields),
                           via=via)
            existing[goal_key(template_id, row.code)] = goal
            created += 1
        elif any(getattr(goal, name) != value for name, value in fields.items()):
            _update(actor, goal, fields)
            updated += 1
        else:
            unchanged += 1
    return GoalResult(created, updated, unchanged)


def goals_of(template: PathwayTemplate) -> models.QuerySet[LearningGoal]:
    """Active goals that apply on this template: its own and, if it uses them, the common."""
    applies = Q(template=template)
    if template.uses_common_goals:
        applies |= Q(template__isnull=True)
    return LearningGoal.objects.filter(applies, active=True).order_by(
        models.F("template").asc(nulls_last=True), "order", "code")


# --- Candidates ---------------------------------------------------------------------


@transaction.atomic
def create_candidate(actor: Actor, *, employee: Employee, template: PathwayTemplate,
                     start_date: dt.date, planned_end: dt.date | None = None,
                     **fields: Any) -> Candidate:
    """Put a person on a pathway; the planned end defaults to the template's length."""
    planned_end = planned_end or add_months(start_date, template.nominal_months)
    return _create(actor, Candidate(employee=employee, template=template,
                                    start_date=start_date, planned_end=planned_end, **fields))


def _check_candidates(candidates: Sequence[Candidate]) -> None:
    """full_clean of new candidates without a query each: the fields' own checks and
    Candidate.clean (foreign keys are the database's to check), and the constraints for
    all at once: one candidacy per person and pathway (among these and against the
    database), a planned end after the start."""
    constraints = {constraint.name: constraint for constraint in Candidate._meta.constraints}
    unique = constraints["education_one_candidate_per_template"]
    ends = constraints["education_candidate_ends_after_start"]
    relations = [field.name for field in Candidate._meta.concrete_fields if field.is_relation]
    seen: set[tuple[int, int]] = set()
    ids = sorted({candidate.employee_id for candidate in candidates})
    for start in range(0, len(ids), 900):  # stay under SQLite's variable limit
        seen.update(Candidate.objects.filter(employee_id__in=ids[start:start + 900])
                    .values_list("employee_id", "template_id"))
    for candidate in candidates:
        candidate.clean_fields(exclude=relations)
        candidate.clean()
        key = (candidate.employee_id, candidate.template_id)
        if key in seen:
            raise candidate.unique_error_message(Candidate, unique.fields)
        seen.add(key)
        if not candidate.planned_end > candidate.start_date:
            raise ValidationError(ends.get_violation_error_message(),
                                  code=ends.violation_error_code)


@transaction.atomic(durable=True)
def bulk_create_candidates(
    *, actor: Actor, candidates: Sequence[Candidate], via: str = ""
) -> list[Candidate]:
    """`create_candidate` of many at once (the demo's candidates): new, unsaved Candidate
    objects, written with the same defaults (the planned end from the template's length)
    and rules, and one creation event each. They get their ids here, so records made for
    them before (periods, sessions: `bulk_add_records`) can be written next."""
    for candidate in candidates:
        if candidate.pk is not None:
            raise ValueError("bulk_create_candidates writes new candidates only")
        if candidate.planned_end is None:
            candidate.planned_end = add_months(candidate.start_date,
                                               candidate.template.nominal_months)
    _check_candidates(candidates)
    insert_objects(Candidate, list(candidates))
    audit.record_many(actor, Action.CREATE, candidates, via=via)
    return list(candidates)


@transaction.atomic
def update_candidate(actor: Actor, candidate: Candidate, **changes: Any) -> Candidate:
    check_candidate_dates(changes)
    return _update(actor, candidate, changes)


@transaction.atomic
def assign_supervisor(actor: Actor, candidate: Candidate, *, supervisor: Employee,
                      start_date: dt.date, role: str = CandidateSupervisor.Role.SUPERVISOR,
                      end_date: dt.date | None = None) -> CandidateSupervisor:
    return _create(actor, CandidateSupervisor(candidate=candidate, supervisor=supervisor,
                                              role=role, start_date=start_date,
                                              end_date=end_date))


def is_assigned(candidate: Candidate, supervisor: Employee, day: dt.date) -> bool:
    return CandidateSupervisor.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=day), candidate=candidate,
        supervisor=supervisor, start_date__lte=day).exists()


def _check_part(candidate: Candidate, part: PathwayPart) -> None:
    if part.template_id != candidate.template_id:
        raise ValidationError({"part": _("The part belongs to another pathway.")})


@transaction.atomic(durable=True)
def add_period(actor: Actor, candidate: Candidate, *, part: PathwayPart, **fields: Any
               ) -> PracticePeriod:
    check_period(candidate, part=part)
    return _create(actor, PracticePeriod(candidate=candidate, part=part, **fields))


@transaction.atomic
def log_session(actor: Actor, candidate: Candidate, *, supervisor: Employee,
                part: PathwayPart, held_on: dt.date, minutes: int, individual: bool = True,
                note: str = "") -> SupervisionSession:
    """Log supervision with a supervisor assigned to the candidate on that day."""
    check_session(candidate, supervisor=supervisor, part=part, held_on=held_on)
    return _create(actor, SupervisionSession(
        candidate=candidate, supervisor=supervisor, part=part, held_on=held_on,
        minutes=minutes, individual=individual, note=note, logged_by=_user(actor)))


def check_session(candidate: Candidate, *, supervisor: Employee, part: PathwayPart,
                  held_on: dt.date) -> None:
    """What log_session refuses; the admin runs the same checks before it saves."""
    _check_part(candidate, part)
    _not_future(held_on, "held_on")
    if not is_assigned(candidate, supervisor, held_on):
        raise ValidationError({"supervisor": _(
            "%(name)s was not assigned as supervisor of this candidate on that day.")
            % {"name": supervisor.full_name}})


def check_course(candidate: Candidate, *, part: PathwayPart, held_on: dt.date | None) -> None:
    _check_part(candidate, part)
    _not_future(held_on, "held_on")


def check_activity(candidate: Candidate, *, goal: LearningGoal, done_on: dt.date) -> None:
    _check_goal(candidate, goal)
    _not_future(done_on, "done_on")


@transaction.atomic(durable=True)
def add_course(actor: Actor, candidate: Candidate, *, part: PathwayPart, **fields: Any
               ) -> CourseRecord:
    check_course(candidate, part=part, held_on=fields.get("held_on"))
    return _create(actor, CourseRecord(candidate=candidate, part=part, **fields))


def _check_goal(candidate: Candidate, goal: LearningGoal) -> None:
    if not goals_of(candidate.template).filter(pk=goal.pk).exists():
        raise ValidationError({"goal": _("The learning goal is not part of this pathway.")})


@transaction.atomic
def add_activity(actor: Actor, candidate: Candidate, *, goal: LearningGoal, title: str,
                 done_on: dt.date) -> LearningActivity:
    check_activity(candidate, goal=goal, done_on=done_on)
    return _create(actor, LearningActivity(candidate=candidate, goal=goal, title=title,
                                           done_on=done_on))


@transaction.atomic(durable=True)
def sign_activity(actor: Actor, activity: LearningActivity, *, supervisor: Employee
                  ) -> LearningActivity:
    """A supervisor assigned to the candidate today signs the activity (once)."""
    if activity.signed:
        return activity
    if not is_assigned(activity.candidate, supervisor, timezone.localdate()):
        raise ValidationError(_("Only a supervisor assigned to the candidate may sign."))
    activity.signed_by = supervisor
    activity.signed_at = timezone.now()
    activity.save(update_fields=["signed_by", "signed_at"])
    audit.record(actor, Action.UPDATE, activity, detail={"signed_by": supervisor.pk})
    return activity


@transaction.atomic(durable=True)
def approve_goal(actor: Actor, candidate: Candidate, goal: LearningGoal, *,
                 approved_on: dt.date | None = None, note: str = "") -> GoalApproval:
    """The leader approves a learning goal, once a supervisor has signed an activity."""
    approved_on = approved_on or timezone.localdate()
    existing = GoalApproval.objects.filter(candidate=candidate, goal=goal).first()
    if existing is not None:
        _check_goal(candidate, goal)
        return existing
    check_goal_approval(candidate, goal=goal, approved_on=approved_on)
    return _create(actor, GoalApproval(candidate=candidate, goal=goal, approved_on=approved_on,
                                       approved_by=_user(actor), note=note))


def check_goal_approval(candidate: Candidate, *, goal: LearningGoal, approved_on: dt.date
                        ) -> None:
    """What approve_goal refuses; the admin runs the same checks."""
    _check_goal(candidate, goal)
    _not_future(approved_on, "approved_on")
    if not LearningActivity.objects.filter(candidate=candidate, goal=goal,
                                           signed_at__isnull=False).exists():
        raise ValidationError(_("No learning activity for this goal has been signed by a "
                                "supervisor yet."))


def check_plan_item(candidate: Candidate, *, goal: LearningGoal | None) -> None:
    if goal is not None:
        _check_goal(candidate, goal)


def check_period(candidate: Candidate, *, part: PathwayPart) -> None:
    _check_part(candidate, part)


def check_candidate_dates(changes: dict[str, Any]) -> None:
    """What update_candidate refuses: approval or completion dates in the future."""
    _not_future(changes.get("written_work_approved_on"), "written_work_approved_on")
    _not_future(changes.get("completed_on"), "completed_on")


@transaction.atomic(durable=True)
def add_plan_item(actor: Actor, candidate: Candidate, **fields: Any) -> PlanItem:
    check_plan_item(candidate, goal=fields.get("goal"))
    return _create(actor, PlanItem(candidate=candidate, **fields))


@transaction.atomic(durable=True)
def update_plan_item(actor: Actor, item: PlanItem, **changes: Any) -> PlanItem:
    return _update(actor, item, changes)


@transaction.atomic
def set_capacity(actor: Actor, *, employee: Employee, unit: Any, hours_per_month: Any,
                 start_date: dt.date, end_date: dt.date | None = None) -> SupervisorCapacity:
    return _create(actor, SupervisorCapacity(employee=employee, unit=unit,
                                             hours_per_month=hours_per_month,
                                             start_date=start_date, end_date=end_date))


# --- The starting templates ---------------------------------------------------------


@dataclass(frozen=True)
class TemplateSeedResult:
    templates: int
    goals: int


@transaction.atomic
def seed_templates(actor: Actor, *, example_goals: bool = False) -> TemplateSeedResult:
    """Create fagkraft.education.catalogue's templates, idempotently.

    Existing templates (by code) are left as they are, edits included; a template whose
    profession or specialty is not in the register is skipped. With `example_goals`, placeholder
    goals clearly marked "EKSEMPEL" are added (the demo): never official goal texts.
    """
    professions = {p.code: p for p in Profession.objects.all()}
    specialties = {s.code: s for s in Specialty.objects.all()}
    created = 0
    goals: list[GoalRow] = []
    for spec in catalogue.TEMPLATES:
        if PathwayTemplate.objects.filter(code=spec.code).exists() \
                or spec.profession not in professions \
                or (spec.specialty and spec.specialty not in specialties):
            continue
        renewal = Competence.objects.filter(code=spec.renewal).first() if spec.renewal \
            else None
        template = create_template(
            actor, code=spec.code, name=spec.name, kind=spec.kind,
            profession=professions[spec.profession],
            specialty=specialties[spec.specialty] if spec.specialty else None,
            nominal_months=spec.nominal_months, renewal_competence=renewal,
            description=spec.description, **spec.rules)
        for order, part in enumerate(spec.parts, start=1):
            add_part(actor, template, code=part.code, name=part.name, order=order,
                     practice_years=part.practice_years,
                     supervision_hours=part.supervision_hours,
                     course_hours=part.course_hours,
                     individual_hours_count=part.individual_hours_count)
        created += 1
        goals += [GoalRow(template, f"{spec.code.upper()}-{number:03d}",
                          catalogue.EXAMPLE_GOAL.format(number=number), number)
                  for number in range(1, spec.example_goals + 1)]
    if example_goals and created:
        goals += [GoalRow(None, f"FKM-{number:03d}",
                          catalogue.EXAMPLE_COMMON_GOAL.format(number=number), number)
                  for number in range(1, catalogue.COMMON_EXAMPLE_GOALS + 1)]
    written = import_goals(actor, goals if example_goals else [], via="seed")
    return TemplateSeedResult(created, written.created)


BULK_MODELS = (PracticePeriod, SupervisionSession, CourseRecord, LearningActivity,
               GoalApproval, PlanItem, CandidateSupervisor, SupervisorCapacity)


@transaction.atomic
def bulk_add_records(actor: Actor, records: Iterable[models.Model], *, via: str = "") -> int:
    """Write many already checked records at once (demo seeding, imports), each audited.

    Each record's own rules (Model.clean) are checked and the database checks its
    constraints; per-field validation is skipped, as it would look up every foreign key
    one by one. The rules that span records (a supervisor assigned on the day, a signed
    activity before approval) are the caller's.
    """
    by_model: dict[type, list[models.Model]] = {}
    for record in records:
        if not isinstance(record, BULK_MODELS):
            raise TypeError(type(record).__name__)
        record.clean()
        by_model.setdefault(type(record), []).append(record)
    written = 0
    for model in BULK_MODELS:  # assignments before the sessions that need them
        rows = by_model.get(model, [])
        for row in rows:
            # As bulk_create: a related record saved since it was assigned (a candidate
            # of bulk_create_candidates) gives its id; an unsaved one is refused.
            row._prepare_related_fields_for_save(operation_name="bulk_add_records")
        insert_objects(model, rows)  # core.bulk: bulk_create without its per-value cost
        written += audit.record_many(actor, Action.CREATE, rows, via=via)
    return written
