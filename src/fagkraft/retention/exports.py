"""The retention page as an .xlsx workbook: curves, competing causes, indices per year.

Typed cells through core.xlsx (shares as percentages with one decimal, as the page);
hidden figures (disclosure control) are written with the page's mark, "x".
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from fagkraft.access.disclosure import marked
from fagkraft.core import xlsx
from fagkraft.core.cells import COUNT, PERCENT, YEAR
from fagkraft.core.xlsx import Column
from fagkraft.engine.retention import YEAR_MARKS
from fagkraft.retention.reports import RetentionReport, cause_labels


def retention_workbook(report: RetentionReport) -> bytes:
    workbook = xlsx.new_workbook()
    summary = xlsx.typed_sheet(workbook, _("Groups"), [
        _("Group"), Column(_("Spells"), COUNT), Column(_("Median (days)"), COUNT),
        *[Column(_("Still employed after %(years)s years") % {"years": y}, PERCENT)
          for y in YEAR_MARKS]])
    for group in [report.total, *report.groups]:
        shares = [group.after_years.get(years) for years in YEAR_MARKS]
        summary.append([group.label, marked(group.size),
                        group.median_days if group.curve else marked(None),
                        *[share if group.curve else marked(None) for share in shares]])
    curves = xlsx.typed_sheet(workbook, _("Curves"), [
        _("Group"), Column(_("Days"), COUNT), Column(_("At risk"), COUNT),
        Column(_("Left"), COUNT), Column(_("Retention"), PERCENT),
        Column(_("Lower 95 %"), PERCENT), Column(_("Upper 95 %"), PERCENT)])
    for group in [report.total, *report.groups]:
        if group.curve is None:
            continue
        for point in group.curve.points:
            counts = ((marked(None), marked(None)) if report.protected
                      else (point.at_risk, point.events))
            curves.append([group.label, point.days, *counts, point.retention,
                           point.lower, point.upper])
    causes = xlsx.typed_sheet(workbook, _("Competing causes"), [
        _("Cause"), Column(_("Days"), COUNT), Column(_("Cumulative incidence"), PERCENT)])
    labels = cause_labels()
    for cause, points in (report.incidence or {}).items():
        for point in points:
            causes.append([labels[cause], point.days, point.incidence])
    years = xlsx.typed_sheet(workbook, _("Per year"), [
        Column(_("Year"), YEAR), Column(_("Headcount at start"), COUNT),
        Column(_("Headcount at end"), COUNT), Column(_("Leavers"), COUNT),
        Column(_("Leaver rate"), PERCENT), Column(_("Stability index"), PERCENT),
        Column(_("Hired"), COUNT),
        *[Column(_("Of the hires, still employed after %(years)s years") % {"years": y},
                 PERCENT) for y in YEAR_MARKS]])
    for row in report.years:
        years.append([row.year, *[marked(value) for value in (
            row.headcount_start, row.headcount_end, row.leavers, row.leaver_rate,
            row.stability_index, row.hired)],
            *[row.still_employed.get(y) for y in YEAR_MARKS]])
    return xlsx.workbook_bytes(workbook)
