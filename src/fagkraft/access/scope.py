"""Who a user is to Fagkraft: their role and the unit it applies to.

Every other module of the package builds on `scope_of`; nothing outside the package
compares roles. The small predicates below are the only answers the rest of the code
gets about a role ("may this user ever use person-level pages?"), so a rule changes here
and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404

from fagkraft.accounts.models import Profile, Role
from fagkraft.workforce.models import Unit

User = AbstractBaseUser | AnonymousUser
M = TypeVar("M", bound=Model)

# Leaders, advisers and administrators manage people: register, approve and plan for the
# people in their scope (never for themselves).
MANAGER_ROLES = (Role.LEADER, Role.ADVISER, Role.ADMIN)
PERSON_ROLES = (Role.EMPLOYEE, Role.LEADER, Role.ADVISER, Role.ADMIN)
UNIT_ROLES = (Role.LEADER, Role.ADVISER, Role.PLANNER, Role.ADMIN)
AUDIT_LOG_ROLES = (Role.ADVISER, Role.ADMIN)
# Projection scenarios and WISN studies: every role with unit pages (access.projections,
# access.workload say which scenarios and studies).
PROJECTION_ROLES = UNIT_ROLES
WISN_READERS = UNIT_ROLES


@dataclass(frozen=True)
class Scope:
    role: Role | None
    unit: Unit | None  # the leader's unit, adviser's trust or planner's region
    employee_id: int | None

    @property
    def sees_persons(self) -> bool:
        """Whether the role may ever use person-level pages and records."""
        return self.role in PERSON_ROLES

    @property
    def sees_units(self) -> bool:
        """Whether the role may ever use unit (aggregate) pages."""
        return self.role in UNIT_ROLES

    @property
    def suppresses_small_counts(self) -> bool:
        return self.role == Role.PLANNER

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN

    @property
    def is_planner(self) -> bool:
        return self.role == Role.PLANNER

    @property
    def is_employee(self) -> bool:
        return self.role == Role.EMPLOYEE

    @property
    def uses_funding(self) -> bool:
        """Funding programmes and calls are open to every role (access/funding.py)."""
        return self.role is not None

    @property
    def only_programme_offices(self) -> bool:
        """An external member: funding programme pages only (access/funding.py)."""
        return self.role == Role.EXTERNAL

    @property
    def manages_people(self) -> bool:
        return self.role in MANAGER_ROLES

    @property
    def reads_audit_log(self) -> bool:
        return self.role in AUDIT_LOG_ROLES

    @property
    def uses_projections(self) -> bool:
        return self.role in PROJECTION_ROLES

    @property
    def reads_wisn(self) -> bool:
        return self.role in WISN_READERS


def scope_of(user: User) -> Scope:
    """The user's role and anchor unit. Cached on the user object for the request."""
    cached = getattr(user, "_fagkraft_scope", None)
    if cached is not None:
        return cached
    if not user.is_authenticated:
        scope = Scope(None, None, None)
    elif user.is_superuser:
        scope = Scope(Role.ADMIN, None, getattr(_profile(user), "employee_id", None))
    else:
        profile = _profile(user)
        if profile is None:
            scope = Scope(None, None, None)
        else:
            scope = Scope(Role(profile.role), profile.unit, profile.employee_id)
    user._fagkraft_scope = scope  # type: ignore[union-attr]
    return scope


def _profile(user: User) -> Profile | None:
    try:
        return Profile.objects.select_related("unit").get(user=user)
    except Profile.DoesNotExist:
        return None


def require_role(user: User, *roles: Role) -> Scope:
    """403 for a role that may never use this kind of page (whatever record it names)."""
    scope = scope_of(user)
    if scope.role not in roles:
        raise PermissionDenied
    return scope


def require(allowed: bool) -> None:
    """403 when a role may never use this kind of page or action at all."""
    if not allowed:
        raise PermissionDenied


def in_scope_or_404(scoped: QuerySet[M], pk: object) -> M:
    """The record `pk` of a scoped queryset, or 404.

    Out of scope answers exactly like "does not exist", so ids cannot be enumerated:
    the caller never asks whether the record exists elsewhere.
    """
    record = scoped.filter(pk=pk).first() if str(pk).isdigit() else None
    if record is None:
        raise Http404
    return record


def own_employee_id(user: User) -> int | None:
    return scope_of(user).employee_id


def own_employee_id_or_403(user: User) -> int:
    """Pages about "me" need a user who is an employee (a profile with an employee)."""
    employee_id = scope_of(user).employee_id
    if employee_id is None:
        raise PermissionDenied
    return employee_id


def own_unit(user: User) -> Unit | None:
    return scope_of(user).unit


def is_admin(user: User) -> bool:
    return scope_of(user).is_admin


def sees_persons(user: User) -> bool:
    return scope_of(user).sees_persons


def sees_units(user: User) -> bool:
    return scope_of(user).sees_units


def manages_people(user: User) -> bool:
    return scope_of(user).manages_people


def suppresses_small_counts(user: User) -> bool:
    return scope_of(user).suppresses_small_counts


# --- Small counts -------------------------------------------------------------------


def suppression_threshold() -> int:
    return settings.FAGKRAFT["SUPPRESSION_THRESHOLD"]


def suppress(count: int | None, user: User) -> int | None:
    """A count as the user may see it: None stands for 'fewer than the threshold'."""
    if count is None:
        return None
    if scope_of(user).suppresses_small_counts and 0 < count < suppression_threshold():
        return None
    return count


def may_export_exact_counts(user: User) -> bool:
    """Files hold exact counts; planners read the pages, where small ones are hidden."""
    return not scope_of(user).suppresses_small_counts
