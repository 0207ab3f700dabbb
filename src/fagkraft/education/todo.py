"""This app's start-page to-do items; registered with fagkraft.core.todo in EducationConfig.ready.

The counts are the education unit page's and the capacity page's own: the same scoped
candidates, forecasts and goals ready for approval, and the capacity report's shortfall
(hidden cells, under the disclosure threshold, never count).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fagkraft import access
from fagkraft.core import dates
from fagkraft.core.todo import Item
from fagkraft.education import reports
from fagkraft.education.models import Candidate
from fagkraft.education.unit_views import _ready_goals, unit_candidates


def items(user: Any) -> list[Item]:
    scope = access.scope_of(user)
    unit = access.home_unit(user)
    if unit is None or not scope.sees_units:
        return []
    today = dates.today()
    found = []
    if scope.sees_persons and access.may_see_persons_in(user, unit):
        views = reports.candidate_views(unit_candidates(user, unit), today)
        active = [view for view in views if view.candidate.status == Candidate.Status.ACTIVE]
        here = reverse("education:unit", args=[unit.pk])
        if access.manages_unit_candidates(user, unit):
            ready = sum(len(_ready_goals(view)) for view in views)
            found.append(Item(_("Learning goals awaiting your approval"), ready, here))
        found.append(Item(_("Candidates behind schedule"),
                          sum(1 for view in active if view.forecast.behind), here))
    # The capacity report from this month: the second month is next month.
    _months, rows = reports.capacity(unit, today, lambda count: access.suppress(count, user),
                                     months=2)
    short = sum(1 for row in rows if row.cells[1].short)
    found.append(Item(_("Units short of supervision next month"), short,
                      reverse("education:capacity", args=[unit.pk])))
    return found
