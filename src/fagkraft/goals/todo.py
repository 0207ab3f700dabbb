"""This app's start-page to-do items; registered with fagkraft.core.todo in GoalsConfig.ready.

Goals off track go to their owner and to the leaders, advisers and planners of the
goal's unit scope (the goals they see of their own unit and below), for goals whose
deadline has not passed: a to-do list is for what can still be done. The link opens the
goal list filtered the same way (`?status=off_track&mine=1`), so the count is the
length of the list behind it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from fagkraft import access
from fagkraft.core import dates
from fagkraft.core.todo import Item
from fagkraft.engine.goals import Status
from fagkraft.goals import reports
from fagkraft.goals.models import Goal


def mine(user: Any, goals: QuerySet[Goal]) -> QuerySet[Goal]:
    """The goals the user owns or that concern their own unit and below, deadline ahead."""
    unit = access.home_unit(user)
    concern = Q(owner_id=user.pk)
    if unit is not None:
        concern |= Q(unit__path__startswith=unit.path) | Q(
            indicators__unit__path__startswith=unit.path)
    # A subquery, not a join: the goal list counts each goal's indicators.
    return goals.filter(pk__in=Goal.objects.filter(concern).values("pk"),
                        deadline__gte=dates.today())


def off_track(user: Any, goals: QuerySet[Goal]) -> list[int]:
    """Ids of the goals (of a scoped queryset) that are off track today."""
    today = dates.today()
    return [goal.pk for goal in goals.select_related("unit", "owner")
            if reports.goal_view(goal, user, today).status == Status.OFF_TRACK]


def items(user: Any) -> list[Item]:
    if not access.may_read_goals(user):
        return []
    count = len(off_track(user, mine(user, access.goals_for(user))))
    return [Item(_("Goals off track"), count,
                 reverse("goals:goal_list") + "?status=off_track&mine=1")]
