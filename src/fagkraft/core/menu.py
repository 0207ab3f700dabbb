"""The site menu's registry: each app adds its entries in its AppConfig.ready.

Core imports no feature app; the apps call `register` with the dotted path of their
`navigation.items` function, and the context processor asks every registered function for
the entries a user sees. Sections appear by `order`, then by app name, so the menu does not
depend on the order of INSTALLED_APPS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.module_loading import import_string

# (label, url) pairs for a scope and the user's home unit (None without one).
MenuItems = Callable[[Any, Any], list[tuple[str, str]]]


@dataclass(frozen=True)
class Section:
    app: str
    order: int
    items: MenuItems
    # Secondary sections go under the menu's "More" dropdown, so the bar stays on one line.
    secondary: bool = False


_sections: dict[str, Section] = {}


def register(app: str, order: int, items: str | MenuItems, *, secondary: bool = False) -> None:
    """Add (or replace) an app's menu section.

    `items` is a callable or its dotted path; a path is resolved now, in `ready()`, so a
    wrong one fails at start-up rather than on the first page.
    """
    function = import_string(items) if isinstance(items, str) else items
    _sections[app] = Section(app=app, order=order, items=function, secondary=secondary)


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.app))


def entries(scope: Any, unit: Any, *, secondary: bool | None = None) -> list[tuple[str, str]]:
    """The registered sections' entries for this user, in menu order.

    `secondary` picks the main bar's (False) or the "More" dropdown's (True) sections;
    None gives all of them.
    """
    return [entry for section in sections()
            if secondary is None or section.secondary == secondary
            for entry in section.items(scope, unit)]
