"""Education pathways (issue 4).

Who sees a candidate on an education pathway:
- the candidate (their own pathways) and their assigned supervisors (see below);
- a leader: candidates whose unit is in the leader's subtree;
- an adviser: candidates employed in the adviser's trust; an administrator: all;
- a planner: no candidate at all, only pipeline and capacity aggregates of units_for,
  counts under the threshold suppressed (`suppress`).
Supervisor rights are granted by assignment, nothing else: an Employee named as a
candidate's supervisor (CandidateSupervisor) whose assignment is running today may see
that candidate, sign the candidate's learning activities and log supervision sessions
as themself, whatever their role. Leaders, advisers and administrators who may see a
candidate (never their own pathway) manage it: approve learning goals, plan, register
practice, courses and supervision, assign supervisors. Signing stays with supervisors:
the signature is a named specialist's, not an office's.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from fagkraft.access.persons import employees_for
from fagkraft.access.scope import User, in_scope_or_404, require, scope_of
from fagkraft.access.units import may_see_persons_in
from fagkraft.accounts.models import Role
from fagkraft.education.models import (
    Candidate,
    CandidateSupervisor,
    LearningActivity,
    SupervisionSession,
)
from fagkraft.workforce.models import Employee, Unit


def supervision_assignments(employee_id: int | None,
                            day: dt.date | None = None) -> QuerySet[CandidateSupervisor]:
    if employee_id is None:
        return CandidateSupervisor.objects.none()
    day = day or dt.date.today()
    return CandidateSupervisor.objects.filter(
        supervisor_id=employee_id, start_date__lte=day,
    ).exclude(end_date__lt=day)


def candidates_for(user: User) -> QuerySet[Candidate]:
    scope = scope_of(user)
    candidates = Candidate.objects.all()
    if scope.role == Role.ADMIN:
        return candidates
    own = Q(pk__in=supervision_assignments(scope.employee_id).values("candidate_id"))
    if scope.employee_id is not None:
        own |= Q(employee_id=scope.employee_id)
    if scope.role == Role.ADVISER and scope.unit is not None:
        return candidates.filter(Q(employee__trust=scope.unit) | own)
    if scope.role == Role.LEADER and scope.unit is not None:
        return candidates.filter(Unit.subtree_q(scope.unit.path, "unit__") | own)
    if scope.role == Role.EMPLOYEE and scope.employee_id is not None:
        return candidates.filter(own)
    return candidates.none()


def candidate_or_404(user: User, pk: object,
                     scoped: QuerySet[Candidate] | None = None) -> Candidate:
    """A candidate's page: 403 for planners (no person pages), 404 out of scope.

    `scoped` is `candidates_for(user)` refined by the caller (select_related, ...)."""
    require(scope_of(user).sees_persons)
    return in_scope_or_404(candidates_for(user) if scoped is None else scoped, pk)


def activities_for(user: User) -> QuerySet[LearningActivity]:
    return LearningActivity.objects.filter(candidate__in=candidates_for(user))


def sessions_for(user: User) -> QuerySet[SupervisionSession]:
    return SupervisionSession.objects.filter(candidate__in=candidates_for(user))


def supervisors_for(user: User) -> QuerySet[Employee]:
    """People a user may name as a supervisor in a filter: those they see, and the
    supervisors of the candidates they see."""
    of_candidates = CandidateSupervisor.objects.filter(candidate__in=candidates_for(user))
    logged = SupervisionSession.objects.filter(candidate__in=candidates_for(user))
    return Employee.objects.filter(
        Q(pk__in=employees_for(user).values("pk"))
        | Q(pk__in=of_candidates.values("supervisor_id"))
        | Q(pk__in=logged.values("supervisor_id")))


def supervises(user: User, candidate: Candidate) -> bool:
    """Whether the user is an assigned supervisor of the candidate today."""
    scope = scope_of(user)
    return (scope.employee_id is not None and scope.employee_id != candidate.employee_id
            and supervision_assignments(scope.employee_id).filter(candidate=candidate).exists())


def manages_candidate(user: User, candidate: Candidate) -> bool:
    """Leaders, advisers and administrators in whose scope the candidate is (not themself)."""
    scope = scope_of(user)
    if scope.role not in (Role.LEADER, Role.ADVISER, Role.ADMIN):
        return False
    if scope.employee_id is not None and scope.employee_id == candidate.employee_id:
        return False
    if scope.role == Role.ADMIN:
        return True
    if scope.role == Role.ADVISER:
        return scope.unit is not None and candidate.employee.trust_id == scope.unit.pk
    return scope.unit is not None and candidate.unit.path.startswith(scope.unit.path)


def manages_unit_candidates(user: User, unit: Unit) -> bool:
    """Adding candidates and supervision capacity in a unit: managers who see its persons."""
    return scope_of(user).manages_people and may_see_persons_in(user, unit)


def edits_pathway_templates(user: User) -> bool:
    """Templates and learning goals are the trust's reference data: advisers and admins."""
    return scope_of(user).role in (Role.ADVISER, Role.ADMIN)

