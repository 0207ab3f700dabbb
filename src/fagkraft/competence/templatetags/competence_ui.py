"""Template helpers of the competence pages."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def cell(cells: dict[int, Any], key: int) -> Any:
    """`row.cells|cell:competence.pk`: a dictionary lookup templates cannot do by themselves."""
    return cells.get(key)


@register.filter
def percent(fraction: float | None, decimals: int = 1) -> str:
    """A fraction as a rounded percentage ('66,7 %' in Norwegian); '–' where hidden.

    Rounds before formatting: Django's number_format cuts float digits off (2/3 -> 66,6).
    """
    if fraction is None:
        return "–"
    value = round(fraction * 100, decimals)
    return f"{number_format(value, decimal_pos=decimals, use_l10n=True)} %"
