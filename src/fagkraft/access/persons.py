"""Persons: whose records (employee, positions, approvals) a user may read."""

from __future__ import annotations

from django.db.models import QuerySet

from fagkraft.access.scope import User, in_scope_or_404, require, scope_of
from fagkraft.access.units import units_for
from fagkraft.accounts.models import Role
from fagkraft.workforce.models import Employee, Position, SpecialistApproval, Vacancy


def employees_for(user: User) -> QuerySet[Employee]:
    scope = scope_of(user)
    employees = Employee.objects.all()
    if scope.role == Role.ADMIN:
        return employees
    if scope.role == Role.ADVISER and scope.unit is not None:
        return employees.filter(trust=scope.unit)
    if scope.role == Role.LEADER and scope.unit is not None:
        in_subtree = Position.objects.filter(unit_id__in=_unit_ids(user))
        return employees.filter(pk__in=in_subtree.values("employee_id"))
    if scope.role == Role.EMPLOYEE and scope.employee_id is not None:
        return employees.filter(pk=scope.employee_id)
    return employees.none()


def _unit_ids(user: User) -> list[int]:
    """The ids of the units the user may open (`units_for`; a leader's: a few dozen),
    read once per request.

    A leader's positions are then found by the position table's unit index, and
    PostgreSQL estimates how many from the statistics of each id. Joined to the units by
    path instead, it took the whole position table as the cheaper start at 150,000
    employees (a sequential scan for a department of 67 units: 43 of the employees
    list's 60 ms).
    """
    cached: list[int] | None = getattr(user, "_fagkraft_unit_ids", None)
    if cached is None:
        cached = list(units_for(user).order_by("pk").values_list("pk", flat=True))
        user._fagkraft_unit_ids = cached  # type: ignore[union-attr]
    return cached


def employee_or_404(user: User, pk: object, related: tuple[str, ...] = ()) -> Employee:
    """A person's page or record: 403 for planners (no person pages), 404 out of scope."""
    require(scope_of(user).sees_persons)
    return in_scope_or_404(employees_for(user).select_related(*related), pk)


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


def scope_trust_id(user: User) -> int | None:
    """The trust a user's scope lies in (for the audit log); None for administrators."""
    unit = scope_of(user).unit
    return unit.trust_id if unit is not None else None
