"""`{% todo_list here %}`: the registered to-do items, on the page a role starts on.

Shown only where the user's day starts (the home view sends them there): their home
unit's page, or an employee's own page; any other unit or person page stays as it was.

The counts (candidates' forecasts, capacity, compliance) cost more than the rest of the
start page, so the page carries a placeholder that HTMX fills from `core.views.todo` as
soon as it has loaded: the first page after login is usable without waiting for them.
"""

from __future__ import annotations

from typing import Any

from django import template

from fagkraft import access
from fagkraft.core import todo

register = template.Library()


def _is_start_page(user: Any, here: Any) -> bool:
    label = here._meta.label
    if label == "workforce.Unit":
        unit = access.home_unit(user)
        return unit is not None and unit.pk == here.pk
    if label == "workforce.Employee":
        return access.own_employee_id(user) == here.pk
    return False


@register.inclusion_tag("core/_todo_list.html", takes_context=True)
def todo_list(context: template.Context, here: Any) -> dict[str, Any]:
    user = context["request"].user
    shown = _is_start_page(user, here)
    return {"shown": shown, "placeholder": shown}


def todo_items(user: Any) -> dict[str, Any]:
    """The list itself, as `core.views.todo` renders it into the placeholder."""
    return {"shown": True, "placeholder": False, "items": todo.items_for(user)}
