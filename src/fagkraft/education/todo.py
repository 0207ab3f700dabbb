"""This app's start-page to-do items; registered with fagkraft.core.todo in EducationConfig.ready.

The counts are the education unit page's and the capacity page's own: the same scoped
candidates, forecasts and goals ready for approval, and the capacity report's shortfall
(hidden cells, under the disclosure threshold, never count).

Only counts are shown, so the list computes no more than they need: the goals ready for
approval read in one query for every candidate (`unit_views.ready_goal_ids`, as the
unit page lists them), the forecast of the active candidates only and without the rule
checks in words, and those forecasts are handed to the capacity report, which
needs the same candidates' expected completions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fagkraft import access
from fagkraft.adapter import education as adapter
from fagkraft.core import dates
from fagkraft.core.todo import Item
from fagkraft.education import reports
from fagkraft.education.models import Candidate
from fagkraft.education.unit_views import ready_goal_ids, unit_candidates


def ready_goal_count(candidate_ids: Sequence[int]) -> int:
    """Goals with a signed activity and no approval yet, summed over the candidates
    (per candidate, the goals the unit page's `ready_goals` lists)."""
    return sum(len(goals) for goals in ready_goal_ids(candidate_ids).values())


def items(user: Any) -> list[Item]:
    scope = access.scope_of(user)
    unit = access.home_unit(user)
    if unit is None or not scope.sees_units:
        return []
    today = dates.today()
    found = []
    statuses: dict[int, adapter.PathwayStatus] = {}
    if scope.sees_persons and access.may_see_persons_in(user, unit):
        candidates = list(unit_candidates(user, unit).select_related(None)
                          .select_related("template"))
        active = [c for c in candidates if c.status == Candidate.Status.ACTIVE]
        statuses = reports.pathway_statuses(active, today)
        here = reverse("education:unit", args=[unit.pk])
        if access.manages_unit_candidates(user, unit):
            found.append(Item(_("Learning goals awaiting your approval"),
                              ready_goal_count([c.pk for c in candidates]), here))
        found.append(Item(_("Candidates behind schedule"),
                          sum(1 for c in active if statuses[c.pk].forecast.behind), here))
    # The capacity report from this month: the second month is next month.
    _months, rows = reports.capacity(unit, today, lambda count: access.suppress(count, user),
                                     months=2, statuses=statuses)
    short = sum(1 for row in rows if row.cells[1].short)
    found.append(Item(_("Units short of supervision next month"), short,
                      reverse("education:capacity", args=[unit.pk])))
    return found
