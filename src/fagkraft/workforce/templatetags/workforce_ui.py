"""Display helpers for suppressed counts, shares and FTE in the active locale."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format

from fagkraft.access.disclosure import HIDDEN_MARK
from fagkraft.workforce.models import Unit

register = template.Library()


@register.filter
def shown(value: int | float | None, decimals: int = 0) -> str:
    """A count as the user may see it: None (hidden by disclosure control) reads 'x'."""
    if value is None:
        return HIDDEN_MARK
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


@register.filter
def percent(fraction: float | None, decimals: int = 1) -> str:
    """A fraction as a rounded percentage ('66,7 %' in Norwegian); '–' where hidden.

    Rounds first: Django's number_format cuts float digits off (2/3 would show 66,6).
    """
    if fraction is None:
        return "–"
    value = round(fraction * 100, decimals)
    return f"{number_format(value, decimal_pos=decimals, use_l10n=True)} %"


@register.filter
def fte(value: float | None) -> str:
    """Full-time equivalents with one decimal; '–' where hidden."""
    if value is None:
        return "–"
    return number_format(round(value, 1), decimal_pos=1, use_l10n=True, force_grouping=True)


@register.filter
def unit_level(value: str) -> str:
    return Unit.Level(value).label if value in Unit.Level.values else value


@register.filter
def staff_cells(table: Any, record: Any) -> str:
    """The cells of one staff-table row (`StaffTable.cells_html`)."""
    return table.cells_html(record)
