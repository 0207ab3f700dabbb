"""Programme goals and indicators (issue 13, point 2).

Goals hold aggregates only. Who sees a goal: every role with unit pages sees the goals
of the units in their scope and of the trust and region above their own unit (the goals
their units work towards); administrators see all; employees none (403). Who defines
goals (create, edit, indicators, manual values): advisers for their trust, planners for
their region and its trusts, administrators anywhere; leaders read. A goal outside the
scope is "not found" (404).

Figures beyond a person's own units pass disclosure control: an indicator's values over
a unit whose persons the user may not see (planners always; a leader looking at the
trust's goal) rest on counts that `hide` hides under the threshold.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q, QuerySet
from django.http import Http404

from fagkraft.access import disclosure
from fagkraft.access.scope import User, in_scope_or_404, require, scope_of
from fagkraft.accounts.models import Role
from fagkraft.goals.models import Goal, Indicator, ManualValue
from fagkraft.workforce.models import Unit

GOAL_EDITORS = (Role.ADVISER, Role.PLANNER, Role.ADMIN)


def _ancestor_paths(unit: Unit) -> list[str]:
    codes = [code for code in unit.path.strip("/").split("/") if code]
    return ["/" + "/".join(codes[:end]) + "/" for end in range(1, len(codes) + 1)]


def may_read_goals(user: User) -> bool:
    return scope_of(user).reads_goals


def may_define_goals(user: User) -> bool:
    """Whether the role ever defines goals (advisers, planners, administrators)."""
    return scope_of(user).role in GOAL_EDITORS


def goals_for(user: User) -> QuerySet[Goal]:
    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return Goal.objects.all()
    if not scope.reads_goals or scope.unit is None:
        return Goal.objects.none()
    return Goal.objects.filter(Unit.subtree_q(scope.unit.path, "unit__")
                               | Q(unit__path__in=_ancestor_paths(scope.unit)))


def goal_units_for(user: User) -> QuerySet[Unit]:
    """Trusts and regions the user may set goals for."""
    scope = scope_of(user)
    levels = (Unit.Level.REGION, Unit.Level.TRUST)
    if scope.role == Role.ADMIN:
        return Unit.objects.filter(level__in=levels)
    if scope.role not in GOAL_EDITORS or scope.unit is None:
        return Unit.objects.none()
    return Unit.objects.filter(Unit.subtree_q(scope.unit.path), level__in=levels)


def may_edit_goal(user: User, goal: Goal) -> bool:
    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return True
    return (scope.role in GOAL_EDITORS and scope.unit is not None
            and goal.unit.path.startswith(scope.unit.path))


def goal_or_404(user: User, pk: object, *, edit: bool = False) -> Goal:
    """A goal: 403 for a role that never reads (employees) or, for an edit, never
    defines goals (leaders); 404 outside the scope, or for an edit outside the editable
    part of it (the region's goal an adviser reads but may not change)."""
    require(may_define_goals(user) if edit else may_read_goals(user))
    goal = in_scope_or_404(goals_for(user).select_related("unit", "owner"), pk)
    if edit and not may_edit_goal(user, goal):
        raise Http404
    return goal


def indicators_for(user: User) -> QuerySet[Indicator]:
    return Indicator.objects.filter(goal__in=goals_for(user))


def indicator_or_404(user: User, pk: object, *, edit: bool = False) -> Indicator:
    require(may_define_goals(user) if edit else may_read_goals(user))
    indicator = in_scope_or_404(indicators_for(user).select_related("goal__unit", "unit"), pk)
    if edit and not may_edit_goal(user, indicator.goal):
        raise Http404
    return indicator


def manual_values_for(user: User) -> QuerySet[ManualValue]:
    return ManualValue.objects.filter(indicator__in=indicators_for(user))


def indicator_hide(user: User, unit: Unit) -> Callable[[int], int | None]:
    """The disclosure control for figures over `unit`: counts pass through where the
    user sees the unit's persons, otherwise counts under the threshold become None."""
    return hide_rule(disclosure.controls(user, unit), disclosure.threshold())


def hide_rule(hides: bool, threshold: int) -> Callable[[int], int | None]:
    """Counts under `threshold` become None where figures are hidden (`hides`); the rule
    kept figures record (goals.history keeps values per `hides` and `threshold`)."""
    if not hides:
        return lambda count: count
    return lambda count: None if 0 < count < threshold else count


def hides_figures(user: User, unit: Unit) -> bool:
    return disclosure.controls(user, unit)
