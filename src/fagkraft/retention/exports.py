"""The retention page as an .xlsx workbook: curves, competing causes, indices per year.

Hidden figures (disclosure control) are written with the page's mark, "x".
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from fagkraft.access.disclosure import marked
from fagkraft.core import xlsx
from fagkraft.engine.retention import YEAR_MARKS
from fagkraft.retention.reports import RetentionReport, cause_labels


def retention_workbook(report: RetentionReport) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    summary = xlsx.header_sheet(workbook, _("Groups"), [
        _("Group"), _("Spells"), _("Median (days)"),
        *[_("Still employed after %(years)s years") % {"years": y} for y in YEAR_MARKS]])
    for group in [report.total, *report.groups]:
        shares = [group.after_years.get(years) for years in YEAR_MARKS]
        xlsx.append_row(summary, [group.label, marked(group.size),
                                  group.median_days if group.curve else marked(None),
                                  *[share if group.curve else marked(None)
                                    for share in shares]])
    curves = xlsx.header_sheet(workbook, _("Curves"), [
        _("Group"), _("Days"), _("At risk"), _("Left"), _("Retention"),
        _("Lower 95 %"), _("Upper 95 %")])
    for group in [report.total, *report.groups]:
        if group.curve is None:
            continue
        for point in group.curve.points:
            counts = ((marked(None), marked(None)) if report.protected
                      else (point.at_risk, point.events))
            xlsx.append_row(curves, [group.label, point.days, *counts, point.retention,
                                     point.lower, point.upper])
    causes = xlsx.header_sheet(workbook, _("Competing causes"),
                               [_("Cause"), _("Days"), _("Cumulative incidence")])
    labels = cause_labels()
    for cause, points in (report.incidence or {}).items():
        for point in points:
            xlsx.append_row(causes, [labels[cause], point.days, point.incidence])
    years = xlsx.header_sheet(workbook, _("Per year"), [
        _("Year"), _("Headcount at start"), _("Headcount at end"), _("Leavers"),
        _("Leaver rate"), _("Stability index"), _("Hired"),
        *[_("Of the hires, still employed after %(years)s years") % {"years": y}
          for y in YEAR_MARKS]])
    for row in report.years:
        xlsx.append_row(years, [row.year, *[marked(value) for value in (
            row.headcount_start, row.headcount_end, row.leavers, row.leaver_rate,
            row.stability_index, row.hired)],
            *[row.still_employed.get(y) for y in YEAR_MARKS]])
    return xlsx.workbook_bytes(workbook)
