"""Excel export of a goal: one row per indicator and period (core.xlsx: typed cells,
formula-safe texts, dates dd.mm.yyyy). Hidden figures are written as the hidden mark."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from fagkraft.access.disclosure import marked
from fagkraft.core.cells import DATE, NUMBER1
from fagkraft.core.xlsx import Column, report_workbook, xlsx_response
from fagkraft.engine.goals import Status
from fagkraft.goals.reports import GoalView


def goal_workbook(view: GoalView, labels: dict[Status, str]) -> bytes:
    columns = [
        Column(_("Indicator")), Column(_("Unit scope")),
        Column(_("Measure")), Column(_("Baseline"), NUMBER1),
        Column(_("Baseline date"), DATE), Column(_("Target"), NUMBER1),
        Column(_("Deadline"), DATE), Column(_("Direction")),
        Column(_("Status")), Column(_("Period end"), DATE),
        Column(_("Value"), NUMBER1),
    ]
    rows = []
    for item in view.indicators:
        indicator = item.indicator
        head = [item.label, indicator.unit.name, item.measure, indicator.baseline,
                indicator.baseline_on, indicator.target, view.goal.deadline,
                indicator.get_direction_display(), labels[item.status]]
        if not item.series:
            rows.append([*head, None, None])
        for point in item.series:
            rows.append([*head, point.on, marked(point.value)])
    return report_workbook(_("Goal"), columns, rows)


def goal_response(view: GoalView, labels: dict[Status, str]) -> HttpResponse:
    return xlsx_response(goal_workbook(view, labels), f"maal-{view.goal.pk}")
