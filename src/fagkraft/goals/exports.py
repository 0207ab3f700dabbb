"""Excel export of a goal: one row per indicator and period (core.xlsx: typed cells,
formula-safe texts, dates dd.mm.yyyy). Hidden figures are written as the hidden mark."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _

from fagkraft.access.disclosure import marked
from fagkraft.core.xlsx import ReportColumn, report_workbook, xlsx_response
from fagkraft.engine.goals import Status
from fagkraft.goals.reports import GoalView

VALUE_FORMAT = "0.0"


def goal_workbook(view: GoalView, labels: dict[Status, str]) -> bytes:
    columns = [
        ReportColumn(_("Indicator"), 44), ReportColumn(_("Unit scope"), 28),
        ReportColumn(_("Measure"), 12), ReportColumn(_("Baseline"), 10, VALUE_FORMAT),
        ReportColumn(_("Baseline date"), 12), ReportColumn(_("Target"), 10, VALUE_FORMAT),
        ReportColumn(_("Deadline"), 12), ReportColumn(_("Direction"), 18),
        ReportColumn(_("Status"), 14), ReportColumn(_("Period end"), 12),
        ReportColumn(_("Value"), 10, VALUE_FORMAT),
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
