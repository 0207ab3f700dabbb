"""Excel export of a WISN study: results, the activities with their standards, and each
scenario before and after. Headers follow the active language."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from fagkraft.core import xlsx as core_xlsx
from fagkraft.core.cells import FACTOR, FTE2, HOURS, NUMBER, NUMBER1
from fagkraft.core.xlsx import Column
from fagkraft.workload.reports import StudyReport


def study_workbook(report: StudyReport) -> Workbook:
    """Decimals as the study page shows them: staff (FTE) with two, factors with four."""
    workbook = core_xlsx.new_workbook()
    results = core_xlsx.typed_sheet(workbook, _("Results"), [
        _("Staff category"), Column(_("Available hours"), HOURS),
        Column(_("Available days"), NUMBER1), Column(_("Staff for activities"), FTE2),
        Column(_("Category allowances (%)"), NUMBER), Column(_("CAF"), FACTOR),
        Column(_("Individual allowances (hours)"), HOURS), Column(_("IAF"), FACTOR),
        Column(_("Required staff"), FTE2), Column(_("Existing staff"), FTE2),
        Column(_("WISN difference"), FTE2), Column(_("WISN ratio"), NUMBER)])
    for row in report.rows:
        c = row.result
        results.append([c.name, c.available.hours, c.available.days, c.staff_for_activities,
                        c.category_allowance_percent, c.category_allowance_factor,
                        c.individual_allowance_hours, c.individual_allowance_factor,
                        c.required_staff, row.existing, row.difference, row.ratio])
    activities = core_xlsx.typed_sheet(workbook, _("Activities"), [
        _("Staff category"), _("Activity"), Column(_("Annual workload"), NUMBER),
        Column(_("Minutes per unit"), NUMBER), Column(_("Workload (hours)"), HOURS),
        Column(_("Standard workload"), NUMBER1), Column(_("Staff"), FTE2)])
    for row in report.rows:
        for a in row.result.activities:
            activities.append([row.result.name, a.name, a.annual_workload, a.minutes_per_unit,
                               a.hours, a.standard_workload, a.staff])
    if report.comparisons:
        scenarios = core_xlsx.typed_sheet(workbook, _("Scenarios"), [
            _("Scenario"), _("Staff category"), Column(_("Required before"), FTE2),
            Column(_("Required after"), FTE2), Column(_("Change"), FTE2)])
        for comparison in report.comparisons:
            for item in comparison.rows:
                scenarios.append([comparison.scenario, item.category, item.required_before,
                                  item.required_after, item.change])
            scenarios.append([comparison.scenario, _("Total"), comparison.total_before,
                              comparison.total_after,
                              comparison.total_after - comparison.total_before])
    return workbook


def xlsx_response(workbook: Workbook, stem: str) -> HttpResponse:
    return core_xlsx.xlsx_response(core_xlsx.workbook_bytes(workbook), stem)
