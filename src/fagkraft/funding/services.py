"""The only code that writes the funding programme. Every write is audit-logged in the
same transaction; the acting user is keyword-only (`actor`, None for the system: seeding).

Who may call what is checked by the callers through fagkraft.access; these functions keep
the programme's rules: an application is edited only while open (a draft or a moved one
before its call's deadline, or when more information was asked for) and submitted only
when every rule of the call holds; a reviewer from an applying trust cannot score; a
decision needs at least one KTV/KVO and one RBU review and never allocates beyond the
call's budget, the year's budget or the per-project maximum. Refusals raise
ValidationError naming every failed rule with its figures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.services import Actor
from fagkraft.engine import funding as rules
from fagkraft.funding.messages import message
from fagkraft.funding.models import (
    Application,
    BudgetLine,
    Call,
    Criterion,
    Decision,
    DecisionAmount,
    Milestone,
    Partner,
    PriorityGroup,
    Programme,
    ProgrammeMember,
    ProgrammeYear,
    ProgressReport,
    Review,
    ReviewerAssignment,
    Score,
    SubGoal,
    TargetIndicator,
)
from fagkraft.workforce.models import Unit

Action = AuditEvent.Action
State = Application.State
OPEN_STATES = (State.DRAFT, State.MOVED, State.MORE_INFO)
_create = audit.create_recorded
_update = audit.update_recorded


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _refuse(failures: Sequence[rules.Failure], criteria: dict[str, str] | None = None) -> None:
    if failures:
        raise ValidationError([message(f, criteria) for f in failures])


# --- Programme and calls ------------------------------------------------------------


@transaction.atomic(durable=True)
def create_programme(*, actor: Actor, owner: Unit, name: str, start_year: int,
                     end_year: int, total_budget: int, max_per_project: int,
                     year_budgets: Mapping[int, int], sub_goals: Sequence[str],
                     priority_groups: Sequence[str] = (), case_number: str = "",
                     description: str = "") -> Programme:
    if owner.level != Unit.Level.REGION:
        raise ValidationError(_("A programme is owned by a regional health authority."))
    if sum(year_budgets.values()) > total_budget:
        raise ValidationError(_("The budgets per year add up to more than the total budget."))
    programme = _create(actor, Programme(
        owner=owner, name=name, start_year=start_year, end_year=end_year,
        total_budget=total_budget, max_per_project=max_per_project,
        case_number=case_number, description=description))
    for year, budget in sorted(year_budgets.items()):
        _create(actor, ProgrammeYear(programme=programme, year=year, budget=budget))
    for number, goal in enumerate(sub_goals, start=1):
        _create(actor, SubGoal(programme=programme, number=number, name=goal))
    for group in priority_groups:
        _create(actor, PriorityGroup(programme=programme, name=group))
    return programme


@transaction.atomic(durable=True)
def add_member(*, actor: Actor, programme: Programme, user: Any, kind: str,
               reviewer_kind: str = "", trust: Unit | None = None) -> ProgrammeMember:
    if kind == ProgrammeMember.Kind.REVIEWER and not reviewer_kind:
        raise ValidationError(_("A reviewer needs a reviewer kind."))
    return _create(actor, ProgrammeMember(programme=programme, user=user, kind=kind,
                                          reviewer_kind=reviewer_kind, trust=trust))


@transaction.atomic(durable=True)
def create_call(*, actor: Actor, programme: Programme, number: int, title: str,
                opens_at: dt.datetime, closes_at: dt.datetime, budget: int,
                max_per_project: int, criteria: Sequence[tuple[str, str, Decimal]],
                required_fields: Sequence[str] = (), decision_by: dt.date | None = None,
                evaluation_requirements: str = "", reporting_requirements: str = "",
                implementation_requirements: str = "",
                report_due_dates: Sequence[dt.date] = ()) -> Call:
    if closes_at <= opens_at:
        raise ValidationError(_("A call must close after it opens."))
    if max_per_project > programme.max_per_project:
        raise ValidationError(_("The call's maximum per project exceeds the programme's."))
    call = _create(actor, Call(
        programme=programme, number=number, title=title, opens_at=opens_at,
        closes_at=closes_at, budget=budget, max_per_project=max_per_project,
        required_fields=list(required_fields), decision_by=decision_by,
        evaluation_requirements=evaluation_requirements,
        reporting_requirements=reporting_requirements,
        implementation_requirements=implementation_requirements,
        report_due_dates=[day.isoformat() for day in report_due_dates]))
    for key, name, weight in criteria:
        _create(actor, Criterion(call=call, key=key, name=name, weight=weight))
    return call


# --- Applications -------------------------------------------------------------------


def is_open(application: Application, now: dt.datetime | None = None) -> bool:
    """Whether the applicants may still change it: locked after the deadline, except when
    the secretariat asked for more information."""
    if application.state == State.MORE_INFO:
        return True
    return application.state in OPEN_STATES and _now(now) <= application.call.closes_at


def _require_open(application: Application, now: dt.datetime | None) -> None:
    if not is_open(application, now):
        raise ValidationError(_("The application is locked: it has been submitted or the "
                                "deadline has passed."))


APPLICATION_FIELDS = ("title", "summary", "activities", "employee_representatives",
                      "user_representatives")


@transaction.atomic(durable=True)
def create_application(*, actor: Actor, call: Call, project_lead: Any, lead_trust: Unit,
                       title: str, now: dt.datetime | None = None,
                       **fields: Any) -> Application:
    if lead_trust.level != Unit.Level.TRUST:
        raise ValidationError(_("The lead must be a health trust."))
    if _now(now) > call.closes_at:
        raise ValidationError(_("The call has closed."))
    return _create(actor, Application(call=call, project_lead=project_lead,
                                      lead_trust=lead_trust, title=title, **fields))


@transaction.atomic(durable=True)
def update_application(*, actor: Actor, application: Application, changes: Mapping[str, Any],
                       sub_goals: Iterable[SubGoal] | None = None,
                       priority_groups: Iterable[PriorityGroup] | None = None,
                       now: dt.datetime | None = None) -> Application:
    _require_open(application, now)
    unknown = set(changes) - set(APPLICATION_FIELDS)
    if unknown:
        raise ValueError(f"not application fields: {sorted(unknown)}")
    _update(actor, application, dict(changes))
    detail: dict[str, Any] = {}
    if sub_goals is not None:
        application.sub_goals.set(sub_goals)
        detail["sub_goals"] = sorted(g.pk for g in application.sub_goals.all())
    if priority_groups is not None:
        application.priority_groups.set(priority_groups)
        detail["priority_groups"] = sorted(g.pk for g in application.priority_groups.all())
    if detail:
        audit.record(actor, Action.UPDATE, application, detail=detail)
    return application


@transaction.atomic(durable=True)
def add_partner(*, actor: Actor, application: Application, trust: Unit,
                contact: Any = None, now: dt.datetime | None = None) -> Partner:
    _require_open(application, now)
    if trust.level != Unit.Level.TRUST or trust.pk == application.lead_trust_id:
        raise ValidationError(_("A partner must be another health trust."))
    return _create(actor, Partner(application=application, trust=trust, contact=contact))


@transaction.atomic(durable=True)
def confirm_partner(*, actor: Actor, partner: Partner,
                    now: dt.datetime | None = None) -> Partner:
    _require_open(partner.application, now)
    return _update(actor, partner, {"confirmed_at": _now(now)})


@transaction.atomic(durable=True)
def set_budget(*, actor: Actor, application: Application,
               lines: Iterable[tuple[int, str, int]], now: dt.datetime | None = None) -> None:
    """Replace the budget with (year, cost type, kroner) lines."""
    _require_open(application, now)
    programme = application.call.programme
    for old in application.budget_lines.all():
        audit.record(actor, Action.DELETE, old)
        old.delete()
    for year, cost_type, amount in lines:
        if not programme.start_year <= year <= programme.end_year:
            raise ValidationError(_("%(year)s is outside the programme period.") % {"year": year})
        if amount:
            _create(actor, BudgetLine(application=application, year=year,
                                      cost_type=cost_type, amount=amount))


@transaction.atomic(durable=True)
def add_milestone(*, actor: Actor, application: Application, name: str, due_on: dt.date,
                  now: dt.datetime | None = None) -> Milestone:
    _require_open(application, now)
    return _create(actor, Milestone(application=application, name=name, due_on=due_on))


@transaction.atomic(durable=True)
def add_indicator(*, actor: Actor, application: Application, indicator: str, unit: Unit,
                  baseline_year: int, now: dt.datetime | None = None) -> TargetIndicator:
    _require_open(application, now)
    trusts = {application.lead_trust_id} | set(application.partners.values_list("trust_id",
                                                                                flat=True))
    if unit.trust_id not in trusts and unit.pk not in trusts:
        raise ValidationError(_("The unit must belong to an applying health trust."))
    return _create(actor, TargetIndicator(application=application, indicator=indicator,
                                          unit=unit, baseline_year=baseline_year))


def budget_total(application: Application) -> int:
    return application.budget_lines.aggregate(total=Sum("amount"))["total"] or 0


def _filled(application: Application) -> frozenset[str]:
    filled = {name for name in ("summary", "activities", "employee_representatives",
                                "user_representatives") if getattr(application, name).strip()}
    if application.indicators.exists():
        filled.add("indicators")
    if application.budget_lines.exists():
        filled.add("budget")
    if application.priority_groups.exists():
        filled.add("priority_groups")
    return frozenset(filled)


def submission_failures(application: Application,
                        now: dt.datetime | None = None) -> list[rules.Failure]:
    call = application.call
    partners = [rules.Partner(p.trust_id, p.trust.name, p.confirmed_at is not None)
                for p in application.partners.select_related("trust")]
    # More information comes after the deadline by nature: its answer is not late.
    moment = call.closes_at if application.state == State.MORE_INFO else _now(now)
    return rules.submission_failures(rules.Submission(
        lead_trust_id=application.lead_trust_id, partners=partners,
        sub_goal_count=application.sub_goals.count(), budget_total=budget_total(application),
        max_per_project=call.max_per_project, opens_at=call.opens_at,
        closes_at=call.closes_at, now=moment, required_fields=list(call.required_fields),
        filled_fields=_filled(application)))


@transaction.atomic(durable=True)
def submit(*, actor: Actor, application: Application,
           now: dt.datetime | None = None) -> Application:
    if application.state not in OPEN_STATES:
        raise ValidationError(_("The application has already been submitted."))
    _refuse(submission_failures(application, now))
    state = State.UNDER_ASSESSMENT if application.state == State.MORE_INFO else State.SUBMITTED
    return _update(actor, application, {"state": state, "submitted_at": _now(now)})


# --- Assessment ---------------------------------------------------------------------


def applying_trust_ids(application: Application) -> set[int]:
    return {application.lead_trust_id} | set(
        application.partners.values_list("trust_id", flat=True))


@transaction.atomic(durable=True)
def assign_reviewer(*, actor: Actor, application: Application,
                    reviewer: ProgrammeMember) -> ReviewerAssignment:
    if reviewer.kind != ProgrammeMember.Kind.REVIEWER or \
            reviewer.programme_id != application.call.programme_id:
        raise ValidationError(_("Only the programme's reviewers can be assigned."))
    if application.state not in (State.SUBMITTED, State.UNDER_ASSESSMENT):
        raise ValidationError(_("Only submitted applications are assessed."))
    conflict = bool(rules.conflicting_trusts([reviewer.trust_id],
                                             applying_trust_ids(application)))
    assignment = _create(actor, ReviewerAssignment(application=application, reviewer=reviewer,
                                                   conflict=conflict))
    if application.state == State.SUBMITTED:
        _update(actor, application, {"state": State.UNDER_ASSESSMENT})
    return assignment


@transaction.atomic(durable=True)
def submit_review(*, actor: Actor, assignment: ReviewerAssignment,
                  scores: Mapping[str, tuple[int | None, str]], recommendation: str,
                  comment: str = "", now: dt.datetime | None = None) -> Review:
    """`scores`: criterion key -> (score 0-5, justification)."""
    application = assignment.application
    if assignment.conflict or rules.conflicting_trusts(
            [assignment.reviewer.trust_id], applying_trust_ids(application)):
        _refuse([rules.Failure(rules.Rule.CONFLICT_OF_INTEREST)])
    if application.state != State.UNDER_ASSESSMENT:
        raise ValidationError(_("The application is not under assessment."))
    if hasattr(assignment, "review"):
        raise ValidationError(_("The review has already been submitted."))
    criteria = list(application.call.criteria.all())
    engine_criteria = [rules.Criterion(c.key, c.weight) for c in criteria]
    _refuse(rules.review_failures(engine_criteria, {k: v[0] for k, v in scores.items()},
                                  {k: v[1] for k, v in scores.items()}),
            {c.key: c.name for c in criteria})
    review = _create(actor, Review(assignment=assignment, recommendation=recommendation,
                                   comment=comment, submitted_at=_now(now)))
    for criterion in criteria:
        score, justification = scores[criterion.key]
        _create(actor, Score(review=review, criterion=criterion, score=score,
                             justification=justification.strip()))
    return review


def ranking(call: Call) -> list[rules.Ranked]:
    """The call's applications under assessment or decided, ranked by average weighted
    total (engine.funding.rank); keys are applications, reviewers are assignment ids."""
    criteria = [rules.Criterion(c.key, c.weight) for c in call.criteria.all()]
    applications = call.applications.exclude(state__in=OPEN_STATES).order_by("pk")
    reviews: dict[Any, list[rules.ReviewerScores]] = {}
    for application in applications:
        reviews[application] = [
            rules.ReviewerScores(str(review.assignment_id),
                                 {s.criterion.key: s.score for s in review.scores.all()})
            for review in Review.objects.filter(assignment__application=application)
            .prefetch_related("scores__criterion").order_by("assignment_id")]
    return rules.rank(criteria, reviews)


# --- Decisions ----------------------------------------------------------------------


def approved_amounts(programme: Programme) -> models.QuerySet[DecisionAmount]:
    return DecisionAmount.objects.filter(decision__outcome=Decision.Outcome.APPROVED,
                                         decision__call__programme=programme)


def allocation_for(application: Application, amounts: Mapping[int, int]) -> rules.Allocation:
    call = application.call
    programme = call.programme
    others = approved_amounts(programme).exclude(decision__application=application)
    by_year = {row["year"]: row["total"] for row in
               others.values("year").annotate(total=Sum("amount"))}
    return rules.Allocation(
        amounts=dict(amounts), call_budget=call.budget,
        call_allocated=others.filter(decision__call=call).aggregate(
            t=Sum("amount"))["t"] or 0,
        year_budgets={b.year: b.budget for b in programme.budgets.all()},
        year_allocated=by_year,
        project_max=min(call.max_per_project, programme.max_per_project),
        project_allocated=approved_amounts(programme).filter(
            decision__application=application).aggregate(t=Sum("amount"))["t"] or 0)


def missing_reviewer_kinds(application: Application) -> list[str]:
    done = set(Review.objects.filter(assignment__application=application)
               .values_list("assignment__reviewer__reviewer_kind", flat=True))
    return [kind for kind in (ProgrammeMember.ReviewerKind.KTV, ProgrammeMember.ReviewerKind.RBU)
            if kind not in done]


@transaction.atomic(durable=True)
def decide(*, actor: Actor, application: Application, outcome: str,
           amounts: Mapping[int, int] | None = None, note: str = "",
           decided_on: dt.date | None = None) -> Decision:
    if application.state not in (State.SUBMITTED, State.UNDER_ASSESSMENT):
        raise ValidationError(_("Only applications under assessment can be decided."))
    missing = missing_reviewer_kinds(application)
    if missing:
        raise ValidationError([
            _("A review by %(kind)s is needed before a decision.")
            % {"kind": ProgrammeMember.ReviewerKind(kind).label} for kind in missing])
    amounts = {year: amount for year, amount in (amounts or {}).items() if amount}
    Outcome = Decision.Outcome
    if outcome == Outcome.APPROVED:
        if not amounts:
            raise ValidationError(_("An approval needs an amount for at least one year."))
        _refuse(rules.allocation_failures(allocation_for(application, amounts)))
    elif amounts:
        raise ValidationError(_("Only an approval allocates money."))
    call = application.call
    next_call = None
    if outcome == Outcome.MOVED:
        next_call = call.programme.calls.filter(number__gt=call.number).order_by(
            "number").first()
        if next_call is None:
            raise ValidationError(_("There is no later round to move the application to."))
    decision = _create(actor, Decision(application=application, call=call, outcome=outcome,
                                       note=note, decided_on=decided_on or timezone.localdate()))
    for year, amount in sorted(amounts.items()):
        _create(actor, DecisionAmount(decision=decision, year=year, amount=amount))
    state = {Outcome.APPROVED: State.APPROVED, Outcome.REJECTED: State.REJECTED,
             Outcome.MOVED: State.MOVED, Outcome.MORE_INFO: State.MORE_INFO}[Outcome(outcome)]
    changes: dict[str, Any] = {"state": state}
    if next_call is not None:
        # Into the next round as it stands; the applicants may revise it until that
        # round's deadline and submit it again.
        changes.update(call=next_call, moved_from=call, submitted_at=None)
    _update(actor, application, changes)
    return decision


def allocated(application: Application) -> dict[int, int]:
    rows = DecisionAmount.objects.filter(decision__application=application,
                                         decision__outcome=Decision.Outcome.APPROVED)
    return {r["year"]: r["total"] for r in rows.values("year").annotate(total=Sum("amount"))}


# --- Follow-up ----------------------------------------------------------------------


@transaction.atomic(durable=True)
def submit_report(*, actor: Actor, application: Application, kind: str,
                  period_end: dt.date, progress: str, spent: int, milestones: str = "",
                  risks: str = "", evaluation: str = "",
                  now: dt.datetime | None = None) -> ProgressReport:
    if application.state != State.APPROVED:
        raise ValidationError(_("Only approved projects report."))
    if kind == ProgressReport.Kind.FINAL and not evaluation.strip():
        raise ValidationError(_("A final report needs an evaluation."))
    return _create(actor, ProgressReport(
        application=application, kind=kind, period_end=period_end, progress=progress,
        spent=spent, milestones=milestones, risks=risks, evaluation=evaluation,
        submitted_at=_now(now)))


@transaction.atomic(durable=True)
def reach_milestone(*, actor: Actor, milestone: Milestone, reached_on: dt.date) -> Milestone:
    return _update(actor, milestone, {"reached_on": reached_on})
