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

from django.core.cache import cache
from django.utils.module_loading import import_string
from django.utils.translation import get_language

from fagkraft.core import dates

# By dotted path, as the sources: core imports no feature app.
DATA_VERSION = "fagkraft.audit.services.data_version"
CACHE_SECONDS = 600


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
    """Every registered app's items for this user, by order then app name; zeros dropped.

    Kept in the cache per user, language, day and data version: the counts follow from
    the data, the day and who the user is (their role and units are data too), and an
    adviser's or planner's list takes the forecasts of a thousand candidates (about 0.7 s
    at 150,000 employees, benchmarks/national_pages.py) on every start page."""
    version = import_string(DATA_VERSION)()
    key = (f"todo:{getattr(user, 'pk', None)}:{get_language()}:"
           f"{dates.today().isoformat()}:{version}")
    found = cache.get(key)
    if found is None:
        ordered = sorted(_sources.items(), key=lambda entry: (entry[1][0], entry[0]))
        found = [item for _app, (_order, function) in ordered
                 for item in function(user) if item.count > 0]
        cache.set(key, found, timeout=CACHE_SECONDS)
    return found
