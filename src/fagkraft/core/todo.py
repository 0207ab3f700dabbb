"""The start page's "to do" list: a registry each app adds its items to in AppConfig.ready.

Like fagkraft.core.menu, core imports no feature app: an app registers the dotted path of
a function taking the user and giving the `Item`s that user has waiting (counts computed
through fagkraft.access and the app's own report functions). Items with a count of zero
are left out, so a user with nothing to do sees an empty list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Item:
    label: str
    count: int
    url: str


TodoItems = Callable[[Any], list[Item]]

_sources: dict[str, tuple[int, TodoItems]] = {}


def register(app: str, order: int, items: str | TodoItems) -> None:
    """Add (or replace) an app's to-do source; a dotted path is resolved now, in ready()."""
    function = import_string(items) if isinstance(items, str) else items
    _sources[app] = (order, function)


def items_for(user: Any) -> list[Item]:
    """Every registered app's items for this user, by order then app name; zeros dropped."""
    ordered = sorted(_sources.items(), key=lambda entry: (entry[1][0], entry[0]))
    return [item for _app, (_order, function) in ordered
            for item in function(user) if item.count > 0]
