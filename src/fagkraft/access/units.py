"""Units: which unit pages (aggregates) a user may open, and where persons show."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from fagkraft.access.scope import User, in_scope_or_404, require, scope_of
from fagkraft.accounts.models import Role
from fagkraft.workforce.models import Unit


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


def unit_or_404(user: User, pk: object) -> Unit:
    """A unit page: 403 for a role without unit pages (employees), 404 out of scope."""
    require(scope_of(user).sees_units)
    return in_scope_or_404(units_for(user), pk)


def persons_unit_or_404(user: User, pk: object) -> Unit:
    """A unit page that lists persons (staff, candidates, compliance matrix).

    Planners and employees never get such a page (403, whatever the id); for a leader or
    an adviser a unit outside their subtree or trust is "not found".
    """
    scope = scope_of(user)
    if scope.role not in (Role.LEADER, Role.ADVISER, Role.ADMIN):
        raise PermissionDenied
    unit = unit_or_404(user, pk)
    require(may_see_persons_in(user, unit))  # never false here: units_for is the subtree
    return unit
