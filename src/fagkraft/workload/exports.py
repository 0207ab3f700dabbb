"""Excel export of a WISN study: results, the activities with their standards, and each
scenario before and after. Headers follow the active language."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

from fagkraft.core import xlsx as core_xlsx
from fagkraft.core.xlsx import header_sheet as _sheet
from fagkraft.workload.reports import StudyReport

NUMBER = "#,##0.00"
FACTOR = "0.0000"


def _formats(sheet, formats: dict[int, str]) -> None:
    for row in sheet.iter_rows(min_row=2):
        for column, number_format in formats.items():
            row[column].number_format = number_format


def study_workbook(report: StudyReport) -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    results = _sheet(workbook, _("Results"), [
        _("Staff category"), _("Available hours"), _("Available days"),
        _("Staff for activities"), _("Category allowances (%)"), _("CAF"),
        _("Individual allowances (hours)"), _("IAF"), _("Required staff"),
        _("Existing staff"), _("WISN difference"), _("WISN ratio")])
    for row in report.rows:
        c = row.result
        results.append([c.name, c.available.hours, c.available.days, c.staff_for_activities,
                        c.category_allowance_percent, c.category_allowance_factor,
                        c.individual_allowance_hours, c.individual_allowance_factor,
                        c.required_staff, row.existing, row.difference, row.ratio])
    _formats(results, {1: NUMBER, 2: NUMBER, 3: NUMBER, 4: NUMBER, 5: FACTOR, 6: NUMBER,
                       7: FACTOR, 8: NUMBER, 9: NUMBER, 10: NUMBER, 11: NUMBER})
    activities = _sheet(workbook, _("Activities"), [
        _("Staff category"), _("Activity"), _("Annual workload"), _("Minutes per unit"),
        _("Workload (hours)"), _("Standard workload"), _("Staff")])
    for row in report.rows:
        for a in row.result.activities:
            activities.append([row.result.name, a.name, a.annual_workload, a.minutes_per_unit,
                               a.hours, a.standard_workload, a.staff])
    _formats(activities, {2: NUMBER, 3: NUMBER, 4: NUMBER, 5: NUMBER, 6: NUMBER})
    if report.comparisons:
        scenarios = _sheet(workbook, _("Scenarios"), [
            _("Scenario"), _("Staff category"), _("Required before"), _("Required after"),
            _("Change")])
        for comparison in report.comparisons:
            for item in comparison.rows:
                scenarios.append([comparison.scenario, item.category, item.required_before,
                                  item.required_after, item.change])
            scenarios.append([comparison.scenario, _("Total"), comparison.total_before,
                              comparison.total_after,
                              comparison.total_after - comparison.total_before])
        _formats(scenarios, {2: NUMBER, 3: NUMBER, 4: NUMBER})
    for sheet in workbook.worksheets:
        sheet.column_dimensions["A"].width = 28
        sheet.column_dimensions["B"].width = 24
    return workbook


def xlsx_response(workbook: Workbook, stem: str) -> HttpResponse:
    return core_xlsx.xlsx_response(core_xlsx.workbook_bytes(workbook), stem)
