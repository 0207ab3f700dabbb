"""This app's start-page to-do items; registered with fagkraft.core.todo in GoalsConfig.ready.

Goals off track go to their owner and to the leaders, advisers and planners of the
goal's unit scope (the goals they see of their own unit and below); the count is the
goal list's "off track" filter, so it matches the list behind the link.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fagkraft import access
from fagkraft.core import dates
from fagkraft.core.todo import Item
from fagkraft.engine.goals import Status
from fagkraft.goals import reports


def off_track_goals(user: Any) -> list[int]:
    """Ids of the goals the user owns or that concern their own units, off track today."""
    if not access.may_read_goals(user):
        return []
    today = dates.today()
    unit = access.home_unit(user)
    goals = access.goals_for(user).select_related("unit", "owner")
    mine = [goal for goal in goals
            if goal.owner_id == user.pk
            or (unit is not None and goal.indicators.filter(
                unit__path__startswith=unit.path).exists())
            or (unit is not None and goal.unit.path.startswith(unit.path))]
    return [goal.pk for goal in mine
            if reports.goal_view(goal, user, today).status == Status.OFF_TRACK]


def items(user: Any) -> list[Item]:
    if not access.may_read_goals(user):
        return []
    count = len(off_track_goals(user))
    return [Item(_("Goals off track"), count, reverse("goals:goal_list") + "?status=off_track")]
