"""Excel exports of the education pages: a unit's candidates with their progress, and the
pipeline. Headers follow the active language; dates are real dates (dd.mm.yyyy)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from fagkraft.access.disclosure import HIDDEN_MARK
from fagkraft.core.xlsx import PERCENT_FORMAT
from fagkraft.core.xlsx import append_row as _append
from fagkraft.core.xlsx import header_sheet as _sheet
from fagkraft.core.xlsx import workbook_bytes as _save
from fagkraft.education.reports import CandidateView, Pipeline

__all__ = ["candidates_workbook", "pipeline_workbook"]


def candidates_workbook(views: list[CandidateView]) -> bytes:
    """One row per candidate, and one row per rule of each candidate."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheet = _sheet(workbook, _("Candidates"), [
        _("Employee number"), _("Last name"), _("First name"), _("Pathway"), _("Unit"),
        _("Status"), _("Start date"), _("Planned end"), _("Expected completion"),
        _("Progress"), _("Behind schedule"), _("Permanent post lined up in"),
        _("Not yet met"),
    ])
    rules = _sheet(workbook, _("Rules"), [
        _("Employee number"), _("Pathway"), _("Rule"), _("Met"), _("Progress")])
    for view in views:
        candidate, employee = view.candidate, view.candidate.employee
        _append(sheet, [
            employee.employee_number, employee.last_name, employee.first_name,
            candidate.template.name, candidate.unit.name, candidate.get_status_display(),
            candidate.start_date, candidate.planned_end, view.forecast.expected_on,
            view.share, _("Yes") if view.forecast.behind else _("No"),
            candidate.permanent_unit.name if candidate.permanent_unit else "",
            "; ".join(row.text for row in view.unmet),
        ])
        sheet.cell(row=sheet.max_row, column=10).number_format = PERCENT_FORMAT
        for row in view.checks:
            _append(rules, [employee.employee_number, candidate.template.name, row.text,
                            _("Yes") if row.met else _("No"), row.share])
            rules.cell(row=rules.max_row, column=5).number_format = PERCENT_FORMAT
    return _save(workbook)


def _shown(value: int | None, threshold: str) -> int | str:
    return threshold if value is None else value


def pipeline_workbook(data: Pipeline) -> bytes:
    """Completions per profession, specialty and year; education posts ending per year.

    Hidden counts (planners) are written with the page's mark, "x".
    """
    hidden = HIDDEN_MARK
    workbook = Workbook()
    workbook.remove(workbook.active)
    years = [str(year) for year in data.years]
    sheet = _sheet(workbook, _("Completions"), [_("Profession"), _("Specialty"), *years])
    for row in data.rows:
        _append(sheet, [row.profession, row.specialty,
                        *[_shown(value, hidden) for value in row.counts]])
    posts = _sheet(workbook, _("Education positions"), [_("Education positions ending"),
                                                         *years])
    _append(posts, [_("With a permanent post lined up"),
                    *[_shown(value, hidden) for value in data.posts_with]])
    _append(posts, [_("Without a permanent post"),
                    *[_shown(value, hidden) for value in data.posts_without]])
    return _save(workbook)
