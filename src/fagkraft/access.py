"""Access control, in one place.

Every page, API endpoint and export asks this module what a user may see:

- employee: their own record only;
- unit leader: people who hold or held a position in their unit's subtree;
- HR / competence adviser: everyone in their health trust;
- regional planner: units of their region, aggregates only, counts under the
  suppression threshold hidden; no person-level records at all;
- administrator: everything.

Functions return querysets, so callers filter further but can never widen the scope.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from fagkraft.accounts.models import Role
from fagkraft.workforce.models import Employee, Position, SpecialistApproval, Unit, Vacancy

User = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class Scope:
    role: Role | None
    unit: Unit | None  # the leader's unit, adviser's trust or planner's region
    employee_id: int | None

    @property
    def sees_persons(self) -> bool:
        return self.role in (Role.EMPLOYEE, Role.LEADER, Role.ADVISER, Role.ADMIN)

    @property
    def sees_units(self) -> bool:
        return self.role in (Role.LEADER, Role.ADVISER, Role.PLANNER, Role.ADMIN)

    @property
    def suppresses_small_counts(self) -> bool:
        return self.role == Role.PLANNER


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


def _profile(user: User):
    from fagkraft.accounts.models import Profile

    try:
        return Profile.objects.select_related("unit").get(user=user)
    except Profile.DoesNotExist:
        return None


def suppression_threshold() -> int:
    return settings.FAGKRAFT["SUPPRESSION_THRESHOLD"]


# --- Units --------------------------------------------------------------------------


def units_for(user: User) -> QuerySet[Unit]:
    """Units whose pages (aggregates) the user may open."""
    scope = scope_of(user)
    units = Unit.objects.all()
    if scope.role == Role.ADMIN:
        return units
    if scope.role in (Role.LEADER, Role.ADVISER, Role.PLANNER) and scope.unit is not None:
        return units.filter(Unit.subtree_q(scope.unit.path))
    return units.none()


def home_unit(user: User) -> Unit | None:
    """Where a user's unit pages start: leader's unit, adviser's trust, planner's region."""
    scope = scope_of(user)
    if scope.unit is not None:
        return scope.unit
    if scope.role == Role.ADMIN:
        return Unit.objects.filter(parent__isnull=True).order_by("path").first()
    return None


def may_see_persons_in(user: User, unit: Unit) -> bool:
    """Whether person-level data (staff tables, exports) of this unit is open to the user."""
    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return True
    if scope.role in (Role.LEADER, Role.ADVISER) and scope.unit is not None:
        return unit.path.startswith(scope.unit.path)
    return False


def unit_or_403(user: User, pk: int) -> Unit:
    unit = units_for(user).filter(pk=pk).first()
    if unit is None:
        raise PermissionDenied
    return unit


# --- Persons ------------------------------------------------------------------------


def employees_for(user: User) -> QuerySet[Employee]:
    scope = scope_of(user)
    employees = Employee.objects.all()
    if scope.role == Role.ADMIN:
        return employees
    if scope.role == Role.ADVISER and scope.unit is not None:
        return employees.filter(trust=scope.unit)
    if scope.role == Role.LEADER and scope.unit is not None:
        in_subtree = Position.objects.filter(Unit.subtree_q(scope.unit.path, "unit__"))
        return employees.filter(pk__in=in_subtree.values("employee_id"))
    if scope.role == Role.EMPLOYEE and scope.employee_id is not None:
        return employees.filter(pk=scope.employee_id)
    return employees.none()


def positions_for(user: User) -> QuerySet[Position]:
    scope = scope_of(user)
    positions = Position.objects.all()
    if scope.role == Role.ADMIN:
        return positions
    if scope.role == Role.ADVISER and scope.unit is not None:
        return positions.filter(employee__trust=scope.unit)
    if scope.role == Role.LEADER and scope.unit is not None:
        # A leader sees every position of their people, so moves out stay visible.
        return positions.filter(employee__in=employees_for(user))
    if scope.role == Role.EMPLOYEE and scope.employee_id is not None:
        return positions.filter(employee_id=scope.employee_id)
    return positions.none()


def approvals_for(user: User) -> QuerySet[SpecialistApproval]:
    return SpecialistApproval.objects.filter(employee__in=employees_for(user))


def vacancies_for(user: User) -> QuerySet[Vacancy]:
    """Vacancies are not personal data; planners see them for their region."""
    return Vacancy.objects.filter(unit__in=units_for(user))


# --- Aggregates ---------------------------------------------------------------------


def suppress(count: int | None, user: User) -> int | None:
    """A count as the user may see it: None stands for 'fewer than the threshold'."""
    if count is None:
        return None
    if scope_of(user).suppresses_small_counts and 0 < count < suppression_threshold():
        return None
    return count


def audit_events_for(user: User):
    from fagkraft.audit.models import AuditEvent

    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return AuditEvent.objects.all()
    if scope.role == Role.ADVISER and scope.unit is not None:
        return AuditEvent.objects.filter(trust=scope.unit)
    return AuditEvent.objects.none()


def require_role(user: User, *roles: Role) -> Scope:
    scope = scope_of(user)
    if scope.role not in roles:
        raise PermissionDenied
    return scope


# --- Education pathways (issue 4) -----------------------------------------------------


# --- Workload / WISN (issue 5) --------------------------------------------------------


# --- Projections (issue 6) ------------------------------------------------------------
