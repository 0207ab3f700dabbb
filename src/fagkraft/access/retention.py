"""Retention analytics and the priority-rule monitor (issue 13, docs/metrics.md).

Both show aggregates only, for groups, never a person:
- retention curves and indices: every role with unit pages (leaders of their subtree,
  advisers of their trust, planners of their region, administrators); employees never
  (403). A unit outside the scope is "not found". Where the unit's counts pass
  disclosure control (`access.disclosure.controls`, the planner), counts under the
  threshold are hidden and no curve of fewer than the threshold is drawn;
- the priority-rule monitor compares service areas of trusts and regions: advisers,
  planners and administrators, the roles that plan for a whole trust or region
  (leaders run one unit; employees never).
"""

from __future__ import annotations

from fagkraft.access.scope import UNIT_ROLES, Scope, User, require, scope_of
from fagkraft.access.units import unit_or_404
from fagkraft.accounts.models import Role
from fagkraft.workforce.models import Unit

RETENTION_ROLES = UNIT_ROLES
PRIORITY_RULE_ROLES = (Role.ADVISER, Role.PLANNER, Role.ADMIN)


def may_see_retention(user: User) -> bool:
    return scope_of(user).role in RETENTION_ROLES


def retention_unit_or_404(user: User, pk: object) -> Unit:
    """A unit's retention page: 403 for employees, 404 for a unit out of scope."""
    require(may_see_retention(user))
    return unit_or_404(user, pk)


def may_see_priority_rule(user: User) -> bool:
    return scope_of(user).role in PRIORITY_RULE_ROLES


def priority_rule_unit_or_404(user: User, pk: object) -> Unit:
    """A trust's or region's priority-rule page: 403 for leaders and employees, 404 out
    of scope."""
    require(may_see_priority_rule(user))
    return unit_or_404(user, pk)


def priority_rule_in_menu(scope: Scope) -> bool:
    """Whether the menu offers the priority-rule page (a scope already worked out)."""
    return scope.role in PRIORITY_RULE_ROLES
