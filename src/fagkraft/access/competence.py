"""Competence (issue 3): completions, plans and teachers are person-level data.

- reading them: the people in `employees_for(user)`; planners none at all;
- registering, approving and planning for a person: leaders, advisers and administrators
  for people in their scope, never for themselves (their own reports wait for approval);
- teaching packages: shared ones, and those of units the user sees or works in.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from fagkraft.access.persons import employees_for
from fagkraft.access.scope import User, in_scope_or_404, require, scope_of
from fagkraft.access.units import units_for
from fagkraft.accounts.models import Role
from fagkraft.competence.models import Completion, Plan, TeacherEntry, TeachingPackage
from fagkraft.core.dates import today
from fagkraft.workforce.models import Employee, Position


def completions_for(user: User) -> QuerySet[Completion]:
    return Completion.objects.filter(employee__in=employees_for(user))


def plans_for(user: User) -> QuerySet[Plan]:
    return Plan.objects.filter(employee__in=employees_for(user))


def teachers_for(user: User) -> QuerySet[TeacherEntry]:
    return TeacherEntry.objects.filter(employee__in=employees_for(user))


def manages_person(user: User, employee: Employee) -> bool:
    """Whether the user may register, approve and plan for this person."""
    scope = scope_of(user)
    return (scope.manages_people and employee.pk != scope.employee_id
            and employees_for(user).filter(pk=employee.pk).exists())


def may_approve_completion(user: User, completion: Completion) -> bool:
    """Approving or rejecting a reported completion: whoever manages the person."""
    return manages_person(user, completion.employee)


def completion_to_decide_or_404(user: User, pk: object) -> Completion:
    """A completion to approve or reject: 404 out of scope, 403 for one the user sees
    but may not decide (their own, or an employee's view of their own)."""
    require(scope_of(user).sees_persons)
    completion = in_scope_or_404(
        completions_for(user).select_related("employee", "competence"), pk)
    require(may_approve_completion(user, completion))
    return completion


def certificate_or_404(user: User, pk: object) -> Completion:
    """A completion's certificate file: for whoever may read the person's completions
    (the person, their leaders, advisers of the trust, administrators); anyone else, and
    a completion without a certificate, gets 404."""
    return in_scope_or_404(
        completions_for(user).exclude(certificate="").select_related("employee"), pk)


def approval_reminder_recipients() -> QuerySet[Any]:
    """Who hears of reports waiting for them (`fagkraft send-reminders`): unit leaders
    with an e-mail address."""
    return get_user_model().objects.filter(is_active=True, profile__role=Role.LEADER,
                                   profile__unit__isnull=False).exclude(email="")


def pending_to_decide(user: User) -> QuerySet[Completion]:
    """Reports waiting for this user's decision: their people's, never their own."""
    scope = scope_of(user)
    if not scope.manages_people:
        return Completion.objects.none()
    return completions_for(user).filter(status=Completion.Status.PENDING).exclude(
        employee_id=scope.employee_id)


def may_record_for_unit(user: User) -> bool:
    """Registering completions from the unit dashboard: the people managers."""
    return scope_of(user).manages_people


def visible_packages(user: User) -> QuerySet[TeachingPackage]:
    """Shared packages, and those of units the user sees or works in."""
    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return TeachingPackage.objects.filter(active=True)
    own = Q(owner_unit__in=units_for(user))
    if scope.employee_id is not None:
        codes = {code for path in Position.objects.filter(
            Position.active_on_q(today()), employee_id=scope.employee_id,
        ).values_list("unit__path", flat=True) for code in path.strip("/").split("/")}
        own |= Q(owner_unit__code__in=codes)
    return TeachingPackage.objects.filter(Q(shared=True) | own, active=True).distinct()
