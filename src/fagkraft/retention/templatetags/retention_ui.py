from __future__ import annotations

from django import template
from django.utils.formats import number_format

from fagkraft.engine.retention import DAYS_PER_YEAR

register = template.Library()


@register.filter
def years(days: int | None) -> str:
    """Days as years with one decimal ('2,5'); '–' where there is none (median not reached)."""
    if days is None:
        return "–"
    return number_format(round(days / DAYS_PER_YEAR, 1), decimal_pos=1, use_l10n=True)
