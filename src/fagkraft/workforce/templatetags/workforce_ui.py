"""Display helpers for suppressed counts, shares and FTE in the active locale."""

from __future__ import annotations

from dataclasses import replace

from django import template

from fagkraft.access.disclosure import HIDDEN_MARK
from fagkraft.core import cells
from fagkraft.workforce.models import Unit

register = template.Library()


@register.filter
def shown(value: int | float | None, decimals: int = 0) -> str:
    """A count as the user may see it: None (hidden by disclosure control) reads 'x'.
    With one decimal, a goal indicator's value (core.cells.NUMBER1)."""
    if value is None:
        return HIDDEN_MARK
    kind = cells.COUNT if decimals == 0 else replace(cells.NUMBER1, decimals=decimals)
    return cells.shown_as(value, kind)


@register.filter
def percent(fraction: float | None, decimals: int | None = None) -> str:
    """A fraction as a rounded percentage ('66,7 %' in Norwegian); '–' where hidden.

    Rounds first (core.cells.shown_as): Django's number_format cuts float digits off.
    One decimal, as the exports' percent cells (core.cells.PERCENT).
    """
    if decimals is None or decimals == cells.PERCENT.decimals:
        return cells.shown_as(fraction, cells.PERCENT)
    return cells.shown_as(fraction, replace(cells.PERCENT, decimals=decimals))


@register.filter
def fte(value: float | None) -> str:
    """Full-time equivalents with one decimal (core.cells.FTE); '–' where hidden."""
    return cells.shown_as(value, cells.FTE)


@register.filter
def unit_level(value: str) -> str:
    return Unit.Level(value).label if value in Unit.Level.values else value
