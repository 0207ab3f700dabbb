"""Excel exports of the competence pages: the unit matrix with its due list, and the
unit's further-education plan.

Headers and status words follow the active language (Norwegian by default); dates are
real dates shown as dd.mm.yyyy, shares real numbers shown as percentages.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from fagkraft.competence.reports import STATUS_LABELS, EducationPlan, UnitCompliance
from fagkraft.core.xlsx import PERCENT_FORMAT
from fagkraft.core.xlsx import append_row as _append
from fagkraft.core.xlsx import header_sheet as _sheet
from fagkraft.core.xlsx import workbook_bytes as _save
from fagkraft.engine import compliance

# Cell colours as on the page: green, yellow, red; "not yet due" stays white.
FILLS = {
    compliance.MET: PatternFill("solid", fgColor="E6F4EA"),
    compliance.DUE_SOON: PatternFill("solid", fgColor="FFF4E0"),
    compliance.OVERDUE: PatternFill("solid", fgColor="FDE8E7"),
    compliance.MISSING: PatternFill("solid", fgColor="FDE8E7"),
}


def matrix_workbook(data: UnitCompliance) -> bytes:
    """Three sheets: the matrix, the per-requirement counts and the due list."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    codes = [competence.code for competence in data.competences]
    matrix = _sheet(workbook, _("Matrix"),
                    [_("Employee number"), _("Last name"), _("First name"), *codes,
                     # Of the requirements: met, fallen due (the share's base), all.
                     _("Compliant"), _("Fallen due"), _("Requirements")])
    for person in data.people:
        cells = [person.cells.get(competence.pk) for competence in data.competences]
        _append(matrix, [person.employee.employee_number, person.employee.last_name,
                         person.employee.first_name,
                         *[str(STATUS_LABELS[row.status]) if row else "" for row in cells],
                         person.compliant, person.tally.due, person.total])
        for offset, row in enumerate(cells):
            if row is not None and row.status in FILLS:
                matrix.cell(row=matrix.max_row, column=4 + offset).fill = FILLS[row.status]

    summary = _sheet(workbook, _("Requirements"), [
        _("Code"), _("Competence"), _("Persons"), *[str(STATUS_LABELS[s])
                                                    for s in compliance.STATUSES],
        _("Share compliant"),
    ])
    for requirement in data.requirements:
        _append(summary, [requirement.competence.code, requirement.competence.name,
                          requirement.persons,
                          *[requirement.counts[status] for status in compliance.STATUSES],
                          requirement.share_compliant])
        summary.cell(row=summary.max_row, column=summary.max_column).number_format = \
            PERCENT_FORMAT

    due = _sheet(workbook, _("Due list"), [
        _("Employee number"), _("Last name"), _("First name"), _("Code"), _("Competence"),
        _("Status"), _("Due date"), _("Deadline"), _("Completed on"), _("Expires on"),
    ])
    for row in data.due:
        _append(due, [row.employee.employee_number, row.employee.last_name,
                      row.employee.first_name, row.competence.code, row.competence.name,
                      str(STATUS_LABELS[row.status]), row.due_on, row.deadline,
                      row.completed_on, row.expires_on])
    return _save(workbook)


def education_plan_workbook(plan: EducationPlan) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    needs = _sheet(workbook, _("Further education"), [
        _("Code"), _("Competence"), _("Persons needing it"), _("Earliest due date"),
        _("Of them, planned"), _("Of them, not planned"),
        _("Planned, without a need by the horizon"),
    ])
    for need in plan.needs:
        _append(needs, [need.competence.code, need.competence.name, need.needed, need.by,
                        need.planned_needed, need.unplanned, need.planned_other])
    if plan.other_activities:
        other = _sheet(workbook, _("Other activities"),
                       [_("Activity"), _("Persons"), _("Earliest target date")])
        for title, persons, target in plan.other_activities:
            _append(other, [title, persons, target])
    return _save(workbook)

