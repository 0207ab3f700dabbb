"""Projection scenarios (issue 6, docs/projections_web.md).

A scenario is built from a unit's staff and shows aggregates only (stock by age,
turnover counts, FTE), so:
- admin: every scenario; adviser: scenarios of units in their trust; planner: of units
  in their region (counts of persons under the threshold hidden); leader: of units in
  their subtree, because planning their own staffing is part of a leader's job;
- employees: none.
Anyone who may see a scenario may run it, export it and save a copy of it; only its
owner and administrators change or delete it, so nobody overwrites a colleague's work.
"""

from __future__ import annotations

from django.db.models import QuerySet

from fagkraft.access.scope import PROJECTION_ROLES, User, in_scope_or_404, require, scope_of
from fagkraft.access.units import units_for
from fagkraft.accounts.models import Role
from fagkraft.projections.models import Scenario
from fagkraft.workforce.models import Unit


def may_use_projections(user: User) -> bool:
    return scope_of(user).uses_projections


def projection_units_for(user: User) -> QuerySet[Unit]:
    """Units a user may build a scenario from."""
    if not may_use_projections(user):
        return Unit.objects.none()
    return units_for(user)


def scenarios_for(user: User) -> QuerySet[Scenario]:
    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return Scenario.objects.all()
    if scope.role in PROJECTION_ROLES and scope.unit is not None:
        return Scenario.objects.filter(Unit.subtree_q(scope.unit.path, "unit__"))
    return Scenario.objects.none()


def scenario_or_404(user: User, pk: object) -> Scenario:
    """A scenario: 403 for employees (no projection pages), 404 out of scope."""
    require(may_use_projections(user))
    return in_scope_or_404(scenarios_for(user).select_related("unit", "owner"), pk)


def may_edit_scenario(user: User, scenario: Scenario) -> bool:
    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return True
    return (scope.role in PROJECTION_ROLES and scenario.owner_id is not None
            and scenario.owner_id == getattr(user, "pk", None)
            and scenarios_for(user).filter(pk=scenario.pk).exists())


def editable_scenario_or_404(user: User, pk: object) -> Scenario:
    """A scenario to change: 404 out of scope, 403 for one the user only reads."""
    scenario = scenario_or_404(user, pk)
    require(may_edit_scenario(user, scenario))
    return scenario
