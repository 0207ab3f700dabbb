"""Excel exports of the competence pages: the unit matrix with its due list, and the
unit's further-education plan.

Headers and status words follow the active language (Norwegian by default); dates are
real dates shown as dd.mm.yyyy, shares real numbers shown as percentages with one
decimal, as on the page (typed cells through core.xlsx). Requirements by their names.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl.styles import PatternFill

from fagkraft.competence.reports import STATUS_LABELS, EducationPlan, UnitCompliance
from fagkraft.core import xlsx
from fagkraft.core.cells import COUNT, DATE, ID, PERCENT
from fagkraft.core.xlsx import Column
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
    workbook = xlsx.new_workbook()
    names = [competence.name for competence in data.competences]
    matrix = xlsx.typed_sheet(workbook, _("Matrix"), [
        Column(_("Employee number"), ID), _("Last name"), _("First name"), *names,
        # Of the requirements: met, fallen due (the share's base), all.
        Column(_("Compliant"), COUNT), Column(_("Fallen due"), COUNT),
        Column(_("Requirements"), COUNT)])
    for person in data.people:
        cells = [person.cells.get(competence.pk) for competence in data.competences]
        matrix.append([person.employee.employee_number, person.employee.last_name,
                         person.employee.first_name,
                         *[str(STATUS_LABELS[row.status]) if row else "" for row in cells],
                         person.compliant, person.tally.due, person.total])
        for offset, row in enumerate(cells):
            if row is not None and row.status in FILLS:
                matrix.cell(row=matrix.max_row, column=4 + offset).fill = FILLS[row.status]

    summary = xlsx.typed_sheet(workbook, _("Requirements"), [
        _("Code"), _("Competence"), Column(_("Persons"), COUNT),
        *[Column(str(STATUS_LABELS[s]), COUNT) for s in compliance.STATUSES],
        Column(_("Share compliant"), PERCENT),
    ])
    for requirement in data.requirements:
        summary.append([requirement.competence.code, requirement.competence.name,
                          requirement.persons,
                          *[requirement.counts[status] for status in compliance.STATUSES],
                          requirement.share_compliant])

    due = xlsx.typed_sheet(workbook, _("Due list"), [
        Column(_("Employee number"), ID), _("Last name"), _("First name"), _("Code"),
        _("Competence"), _("Status"), Column(_("Due date"), DATE), Column(_("Deadline"), DATE),
        Column(_("Completed on"), DATE), Column(_("Expires on"), DATE),
    ])
    for row in data.due:
        due.append([row.employee.employee_number, row.employee.last_name,
                      row.employee.first_name, row.competence.code, row.competence.name,
                      str(STATUS_LABELS[row.status]), row.due_on, row.deadline,
                      row.completed_on, row.expires_on])
    return xlsx.workbook_bytes(workbook)


def education_plan_workbook(plan: EducationPlan) -> bytes:
    workbook = xlsx.new_workbook()
    needs = xlsx.typed_sheet(workbook, _("Further education"), [
        _("Code"), _("Competence"), Column(_("Persons needing it"), COUNT),
        Column(_("Earliest due date"), DATE), Column(_("Of them, planned"), COUNT),
        Column(_("Of them, not planned"), COUNT),
        Column(_("Planned, without a need by the horizon"), COUNT),
    ])
    for need in plan.needs:
        needs.append([need.competence.code, need.competence.name, need.needed, need.by,
                        need.planned_needed, need.unplanned, need.planned_other])
    if plan.other_activities:
        other = xlsx.typed_sheet(workbook, _("Other activities"), [
            _("Activity"), Column(_("Persons"), COUNT), Column(_("Earliest target date"), DATE)])
        for title, persons, target in plan.other_activities:
            other.append([title, persons, target])
    return xlsx.workbook_bytes(workbook)

