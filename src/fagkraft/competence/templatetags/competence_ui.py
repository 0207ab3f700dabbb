"""Template helpers of the competence pages."""

from __future__ import annotations

from typing import Any

from django import template

from fagkraft.workforce.templatetags.workforce_ui import percent as workforce_percent

register = template.Library()


@register.filter
def cell(cells: dict[int, Any], key: int) -> Any:
    """`row.cells|cell:competence.pk`: a dictionary lookup templates cannot do by themselves."""
    return cells.get(key)


@register.filter
def percent(fraction: float | None, decimals: int = 1) -> str:
    """Same as the unit pages' filter: a rounded percentage, '–' where hidden."""
    return workforce_percent(fraction, decimals)
