"""Disclosure control for aggregates shown beyond a person's own units (docs/access.md).

Who is protected against: anyone who may not see the persons of a unit but sees its
counts, which today means the regional planner (`may_see_persons_in` is the one
rule). Leaders, advisers and administrators see the persons behind their counts anyway.

How: each report builds its figures as a *table* (cells and the additive relations a
reader can see between them, `engine.disclosure.Group`), for the whole table at once, and
hands it to `protect`, which runs primary and secondary suppression. The report then
shows `None` for every hidden cell and for every figure derived from one (FTE, rates,
shares, person-years); pages and exports print None as `HIDDEN_MARK`, the same mark for
a primary and a secondary cell, so a reader cannot tell which of them is the small one.

"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fagkraft.access.scope import User, scope_of, suppression_threshold
from fagkraft.access.units import may_see_persons_in
from fagkraft.engine.disclosure import Cell, Group, Suppression, additive_group, suppress
from fagkraft.workforce.models import Unit

# One mark for every hidden figure. Not "<5": a complementary cell is not small, and
# telling primary from secondary cells apart would let a reader narrow them down.
HIDDEN_MARK = "x"

__all__ = [
    "HIDDEN_MARK", "Group", "Suppression", "additive_group", "controls", "controls_any",
    "hide_cells", "marked", "protect", "root_of", "threshold",
]


def threshold() -> int:
    return suppression_threshold()


def controls(user: User, unit: Unit) -> bool:
    """Whether the counts of `unit` pass disclosure control for this user."""
    if scope_of(user).suppresses_small_counts:
        return True
    return not may_see_persons_in(user, unit)


def controls_any(user: User, units: Iterable[Unit]) -> bool:
    """Whether any of the units' counts pass disclosure control (then the table does)."""
    return scope_of(user).suppresses_small_counts or any(
        controls(user, unit) for unit in units)


def protect(values: Mapping[Cell, int], groups: Sequence[Group]) -> Suppression:
    """Primary and secondary suppression of a whole table at the configured threshold."""
    return suppress(values, groups, threshold())


def hide_cells(values: Mapping[Cell, Any], hidden: Iterable[Cell]) -> dict[Cell, Any]:
    hidden = set(hidden)
    return {cell: (None if cell in hidden else value) for cell, value in values.items()}


def marked(value: Any) -> Any:
    """A figure for an export cell: the hidden mark where it is hidden."""
    return HIDDEN_MARK if value is None else value


def root_of(unit: Unit) -> Unit:
    """The top unit of the tree `unit` sits in: tables are protected over the whole tree,
    so that a figure hidden on one page cannot be worked out from another page."""
    codes = [code for code in unit.path.strip("/").split("/") if code]
    if len(codes) <= 1:
        return unit
    return Unit.objects.get(path=f"/{codes[0]}/")
