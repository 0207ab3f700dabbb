from __future__ import annotations

from django import template
from django.utils.formats import number_format

from fagkraft.core import cells
from fagkraft.engine.retention import DAYS_PER_YEAR
from fagkraft.retention.priority import held_text

register = template.Library()


@register.filter
def years(days: int | None) -> str:
    """Days as years with one decimal ('2,5'); '–' where there is none (median not reached)."""
    if days is None:
        return "–"
    return number_format(round(days / DAYS_PER_YEAR, 1), decimal_pos=1, use_l10n=True)


@register.filter
def signed(percent: float | None) -> str:
    """A growth in percent with its sign and two decimals ('+3,61'); '–' where unknown."""
    text = cells.shown_as(percent, cells.SIGNED)  # two decimals, as the export's cells
    return f"+{text}" if percent is not None and percent > 0 else text


@register.filter
def verdict(held: bool | None) -> str:
    return held_text(held)


@register.filter
def get(mapping: dict, key: object) -> object:
    return mapping.get(key)
