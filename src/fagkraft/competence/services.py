"""The only code that writes competence data. Every write is audit-logged.

Each function takes the acting user first (None for the system: CLI, import, seeding).
Who may call what (a leader for their people, an employee for themself) is checked by
the callers through fagkraft.access; these functions keep the data consistent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.services import Actor
from fagkraft.competence import catalogue, certificates, kept
from fagkraft.competence.models import (
    Competence,
    Completion,
    Plan,
    PlanActivity,
    ReminderSent,
    RequirementRule,
    TeacherEntry,
    TeachingPackage,
)
from fagkraft.core.bulk import insert_objects
from fagkraft.workforce.models import Employee

Action = AuditEvent.Action
_user = audit.acting_user
_create = audit.create_recorded
_update = audit.update_recorded
Source = Completion.Source
Status = Completion.Status


# --- Catalogue and rules ------------------------------------------------------------


@transaction.atomic
def create_competence(actor: Actor, **fields: Any) -> Competence:
    return _create(actor, Competence(**fields))


@transaction.atomic(durable=True)
def update_competence(actor: Actor, competence: Competence, **changes: Any) -> Competence:
    concerned = kept.people_concerned([competence.pk])
    result = _update(actor, competence, changes)
    kept.persons_changed(concerned | kept.people_concerned([competence.pk]))
    return result


@transaction.atomic
def create_rule(actor: Actor, *, competence: Competence, **fields: Any) -> RequirementRule:
    rule = _create(actor, RequirementRule(competence=competence, **fields))
    kept.persons_changed(kept.people_concerned([competence.pk]))
    return rule


@transaction.atomic(durable=True)
def update_rule(actor: Actor, rule: RequirementRule, **changes: Any) -> RequirementRule:
    concerned = kept.people_concerned([rule.competence_id])
    result = _update(actor, rule, changes)
    kept.persons_changed(concerned | kept.people_concerned([rule.competence_id]))
    return result


# --- Evidence -----------------------------------------------------------------------


def check_completion(completion: Completion) -> None:
    """What record_completion refuses; the admin runs the same check."""
    if completion.completed_on and completion.completed_on > timezone.localdate():
        raise ValidationError({"completed_on": _("The completion date is in the future.")})


@transaction.atomic
def record_completion(
    actor: Actor,
    *,
    employee: Employee,
    competence: Competence,
    completed_on: dt.date,
    hours: Decimal | int | str | None = None,
    source: str = Source.LEADER,
    note: str = "",
    certificate: UploadedFile | None = None,
) -> Completion:
    """Register evidence. A leader's entry counts at once; an employee's report waits.

    Reports by the employee (source "employee") are pending until a leader approves
    them; entries by a leader and imports are approved on creation. A certificate file is
    checked (fagkraft.competence.certificates) and stored under a random name; the
    creation event says that one came with it.
    """
    pending = source == Source.EMPLOYEE
    completion = Completion(
        employee=employee, competence=competence, completed_on=completed_on,
        hours=None if hours is None else Decimal(str(hours)), source=source,
        status=Status.PENDING if pending else Status.APPROVED,
        approved_by=None if pending else _user(actor),
        approved_at=None if pending else timezone.now(),
        note=note, created_by=_user(actor),
    )
    check_completion(completion)
    if certificate is None:
        created = _create(actor, completion)
    else:
        kind = _attach(completion, certificate)
        try:
            created = _create(actor, completion, detail={"certificate": kind.content_type})
        except BaseException:
            completion.certificate.delete(save=False)  # no file without its record
            raise
    if not pending:
        kept.persons_changed([employee.pk])
    return created


def _attach(completion: Completion, upload: UploadedFile) -> certificates.Kind:
    try:
        kind = certificates.check(upload)
    except ValidationError as error:
        raise ValidationError({"certificate": error.messages}) from None
    completion.certificate_type = kind.content_type
    completion.certificate_name = (upload.name or "")[-200:]
    completion.certificate.save(certificates.stored_name(kind), upload, save=False)
    return kind


@transaction.atomic(durable=True)
def approve_completion(actor: Actor, completion: Completion) -> Completion:
    if completion.status == Status.APPROVED:
        return completion
    completion.status = Status.APPROVED
    completion.approved_by = _user(actor)
    completion.approved_at = timezone.now()
    completion.save(update_fields=["status", "approved_by", "approved_at"])
    audit.record(actor, Action.UPDATE, completion, detail={"status": Status.APPROVED})
    kept.persons_changed([completion.employee_id])
    return completion


@transaction.atomic(durable=True)
def reject_completion(actor: Actor, completion: Completion, *, reason: str = "") -> Completion:
    completion.status = Status.REJECTED
    completion.approved_by = None
    completion.approved_at = None
    if reason:
        completion.note = f"{completion.note}\n{reason}".strip()
    completion.save(update_fields=["status", "approved_by", "approved_at", "note"])
    audit.record(actor, Action.UPDATE, completion, detail={"status": Status.REJECTED})
    kept.persons_changed([completion.employee_id])
    return completion


@dataclass(frozen=True)
class CompletionRow:
    """One already validated row of a learning-system export."""

    employee: Employee
    competence: Competence
    completed_on: dt.date
    hours: Decimal | None = None
    note: str = ""


@dataclass(frozen=True)
class BulkResult:
    created: int
    duplicates: int


def existing_completion_keys(
    rows: Sequence[CompletionRow],
) -> set[tuple[int, int, dt.date]]:
    """(employee, competence, date) of rows already registered and not rejected.

    The import's preview (dry run) calls this too, to show which rows would be skipped.
    """
    employee_ids = {row.employee.pk for row in rows}
    keys: set[tuple[int, int, dt.date]] = set()
    ids = sorted(employee_ids)
    for start in range(0, len(ids), 900):  # stay under SQLite's variable limit
        keys.update(
            Completion.objects.filter(employee_id__in=ids[start:start + 900])
            .exclude(status=Status.REJECTED)
            .values_list("employee_id", "competence_id", "completed_on")
        )
    return keys


@transaction.atomic
def bulk_import_completions(
    actor: Actor, rows: Sequence[CompletionRow], *, via: str = ""
) -> BulkResult:
    """Write validated rows from a learning system in one transaction, approved.

    Re-importing the same file adds nothing: a row whose person, competence and date are
    already registered (and not rejected) is skipped, as is a repeat within the file.
    """
    today = timezone.localdate()
    if any(row.completed_on > today for row in rows):
        raise ValidationError(_("The completion date is in the future."))
    seen = existing_completion_keys(rows)
    now, user = timezone.now(), _user(actor)
    new: list[Completion] = []
    for row in rows:
        key = (row.employee.pk, row.competence.pk, row.completed_on)
        if key in seen:
            continue
        seen.add(key)
        new.append(Completion(
            employee=row.employee, competence=row.competence, completed_on=row.completed_on,
            hours=row.hours, source=Source.IMPORT, status=Status.APPROVED,
            approved_by=user, approved_at=now, note=row.note, created_by=user,
        ))
    insert_objects(Completion, new)  # core.bulk: bulk_create without its per-value cost
    audit.record_many(actor, Action.CREATE, new, via=via)
    kept.persons_changed({completion.employee_id for completion in new})
    return BulkResult(created=len(new), duplicates=len(rows) - len(new))


@dataclass(frozen=True)
class NewCompletion:
    """One completion for `bulk_record_completions`: record_completion's arguments (no
    certificate: a file comes one at a time, with its own checks)."""

    employee: Employee
    competence: Competence
    completed_on: dt.date
    hours: Decimal | int | str | None = None
    source: str = Source.LEADER
    note: str = ""


def _check_new(obj: Any) -> None:
    """full_clean of a new record without its queries: each field's own checks and the
    model's clean(); foreign keys are not looked up one by one (the database checks
    them), and unique and check constraints are the bulk service's to check."""
    relations = [field.name for field in obj._meta.concrete_fields if field.is_relation]
    obj.clean_fields(exclude=relations)
    obj.clean()


@transaction.atomic(durable=True)
def bulk_record_completions(
    *, actor: Actor, entries: Sequence[NewCompletion], via: str = ""
) -> list[Completion]:
    """`record_completion` of many at once (the demo's pending reports; an import of
    leaders' entries): the same rows, approved or pending by their source as there, one
    creation event each, and the kept statuses of the people with an approved one worked
    out again once, for all of them together."""
    now, user = timezone.now(), _user(actor)
    new: list[Completion] = []
    for entry in entries:
        pending = entry.source == Source.EMPLOYEE
        completion = Completion(
            employee=entry.employee, competence=entry.competence,
            completed_on=entry.completed_on,
            hours=None if entry.hours is None else Decimal(str(entry.hours)),
            source=entry.source, status=Status.PENDING if pending else Status.APPROVED,
            approved_by=None if pending else user, approved_at=None if pending else now,
            note=entry.note, created_by=user,
        )
        check_completion(completion)
        _check_new(completion)
        new.append(completion)
    insert_objects(Completion, new)
    audit.record_many(actor, Action.CREATE, new, via=via)
    kept.persons_changed({completion.employee_id for completion in new
                          if completion.status == Status.APPROVED})
    return new


# --- Individual plans ---------------------------------------------------------------


@transaction.atomic
def create_plan(
    actor: Actor, *, employee: Employee, kind: str, year: int, **fields: Any
) -> Plan:
    return _create(actor, Plan(employee=employee, kind=kind, year=year,
                               created_by=_user(actor), **fields))


@transaction.atomic(durable=True)
def update_plan(actor: Actor, plan: Plan, **changes: Any) -> Plan:
    return _update(actor, plan, changes)


@transaction.atomic
def add_activity(actor: Actor, plan: Plan, **fields: Any) -> PlanActivity:
    return _create(actor, PlanActivity(plan=plan, **fields))


@transaction.atomic
def update_activity(actor: Actor, activity: PlanActivity, **changes: Any) -> PlanActivity:
    return _update(actor, activity, changes)


@dataclass(frozen=True)
class NewActivity:
    """One activity of a `NewPlan`: add_activity's fields."""

    competence: Competence | None = None
    title: str = ""
    target_date: dt.date | None = None
    status: str = PlanActivity.Status.PLANNED
    notes: str = ""


@dataclass(frozen=True)
class NewPlan:
    """One plan for `bulk_create_plans`: create_plan's fields and its activities."""

    employee: Employee
    kind: str
    year: int
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    appraisal_date: dt.date | None = None
    note: str = ""
    activities: Sequence[NewActivity] = ()


def _check_plans(plans: Sequence[Plan]) -> None:
    """Plan's constraints, checked for all at once: one plan per person, kind and year
    (among these and against the database), and a period that ends after it starts."""
    constraints = {constraint.name: constraint for constraint in Plan._meta.constraints}
    unique, period = constraints["one_plan_per_kind_and_year"], \
        constraints["plan_period_ends_after_start"]
    seen: set[tuple[int, str, int]] = set()
    ids = sorted({plan.employee_id for plan in plans})
    for start in range(0, len(ids), 900):  # stay under SQLite's variable limit
        seen.update(Plan.objects.filter(employee_id__in=ids[start:start + 900])
                    .values_list("employee_id", "kind", "year"))
    for plan in plans:
        key = (plan.employee_id, plan.kind, plan.year)
        if key in seen:
            raise plan.unique_error_message(Plan, unique.fields)
        seen.add(key)
        if plan.period_start and plan.period_end and plan.period_end < plan.period_start:
            raise ValidationError(period.get_violation_error_message(),
                                  code=period.violation_error_code)


@transaction.atomic(durable=True)
def bulk_create_plans(
    *, actor: Actor, plans: Sequence[NewPlan], via: str = ""
) -> list[Plan]:
    """`create_plan` and `add_activity` of many plans at once (the demo's plans from the
    annual appraisals): the same rows, checked by the same rules, and one creation
    event per plan and per activity, in the order the one-at-a-time calls make them (a
    plan, then its activities). Plans change no compliance status."""
    user = _user(actor)
    new_plans: list[Plan] = []
    new_activities: list[list[PlanActivity]] = []
    for entry in plans:
        plan = Plan(employee=entry.employee, kind=entry.kind, year=entry.year,
                    period_start=entry.period_start, period_end=entry.period_end,
                    appraisal_date=entry.appraisal_date, note=entry.note, created_by=user)
        _check_new(plan)
        activities = [PlanActivity(plan=plan, competence=activity.competence,
                                   title=activity.title, target_date=activity.target_date,
                                   status=activity.status, notes=activity.notes)
                      for activity in entry.activities]
        for activity in activities:
            _check_new(activity)
        new_plans.append(plan)
        new_activities.append(activities)
    _check_plans(new_plans)
    insert_objects(Plan, new_plans)
    flat = [activity for activities in new_activities for activity in activities]
    for activity in flat:
        activity.plan = activity.plan  # copies the plan's new pk, keeps it cached
    insert_objects(PlanActivity, flat)
    audit.record_many(actor, Action.CREATE,
                      [record for plan, activities in zip(new_plans, new_activities,
                                                          strict=True)
                       for record in (plan, *activities)], via=via)
    return new_plans


@transaction.atomic(durable=True)
def delete_activity(actor: Actor, activity: PlanActivity) -> None:
    audit.record(actor, Action.DELETE, activity)
    activity.delete()


# --- Teachers and teaching packages -------------------------------------------------


@transaction.atomic
def add_teacher(
    actor: Actor, *, employee: Employee, competence: Competence, role: str, note: str = ""
) -> TeacherEntry:
    return _create(actor, TeacherEntry(employee=employee, competence=competence, role=role,
                                       note=note))


@transaction.atomic(durable=True)
def update_teacher(actor: Actor, entry: TeacherEntry, **changes: Any) -> TeacherEntry:
    return _update(actor, entry, changes)


@transaction.atomic
def create_teaching_package(
    actor: Actor, *, competences: Iterable[Competence] = (), **fields: Any
) -> TeachingPackage:
    package = _create(actor, TeachingPackage(**fields))
    package.competences.set(list(competences))
    return package


@transaction.atomic(durable=True)
def update_teaching_package(
    actor: Actor, package: TeachingPackage, *, competences: Iterable[Competence] | None = None,
    **changes: Any,
) -> TeachingPackage:
    _update(actor, package, changes)
    if competences is not None:
        package.competences.set(list(competences))
    return package


# --- The catalogue named in the seeds -----------------------------------------------


@dataclass(frozen=True)
class SeedResult:
    competences_created: int
    rules_created: int


@transaction.atomic
def seed_catalogue(actor: Actor) -> SeedResult:
    """Create the seeds' catalogue and rules (fagkraft.competence.catalogue), idempotently.

    Existing competences (by code) are left as they are, edits included; a rule is added
    only when no rule with the same competence and criteria exists.
    """
    competences_created = rules_created = 0
    by_code: dict[str, Competence] = {}
    for entry in catalogue.COMPETENCES:
        competence = Competence.objects.filter(code=entry.code).first()
        if competence is None:
            competence = create_competence(actor, **entry.fields())
            competences_created += 1
        by_code[entry.code] = competence
    for rule in catalogue.RULES:
        criteria = {"competence": by_code[rule.competence], **rule.criteria()}
        if not RequirementRule.objects.filter(**criteria).exists():
            create_rule(actor, **criteria, deadline_days=rule.deadline_days,
                        deadline_months=rule.deadline_months, note=rule.note)
            rules_created += 1
    return SeedResult(competences_created, rules_created)


# --- Reminders ------------------------------------------------------------------------


@transaction.atomic
def record_reminder(actor: Actor, *, kind: str, user: Any, sent_on: dt.date,
                    completion: Completion | None = None,
                    threshold_days: int | None = None) -> ReminderSent:
    """That a reminder went out (fagkraft.competence.reminders), so it goes out once."""
    reminder = ReminderSent.objects.create(kind=kind, user=user, completion=completion,
                                           threshold_days=threshold_days, sent_on=sent_on)
    audit.record(actor, Action.CREATE, reminder,
                 persons=[completion.employee_id] if completion else [])
    return reminder
