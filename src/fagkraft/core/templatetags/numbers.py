"""`{{ value|kind:"hours" }}`: a figure as its kind (core.cells) shows it on every page
and in every export: counts grouped, percentages with one decimal, hours and FTE with
one, what somebody typed as typed (`entered`), '–' where there is none."""

from __future__ import annotations

from django import template

from fagkraft.core import cells

register = template.Library()

KINDS = {kind.name: kind for kind in (
    cells.COUNT, cells.NUMBER, cells.NUMBER1, cells.PERCENT, cells.HOURS, cells.FTE,
    cells.FTE2, cells.FACTOR, cells.MONEY, cells.ENTERED)}


@register.filter
def kind(value: float | int | None, name: str) -> str:
    return cells.shown_as(value, KINDS[name])
