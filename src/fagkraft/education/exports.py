"""Excel exports of the education pages: a unit's candidates with their progress, and the
pipeline. Typed cells through core.xlsx: headers follow the active language, dates are
date cells (dd.mm.yyyy), progress a percentage with one decimal as on the pages."""

from __future__ import annotations

from django.utils.translation import gettext as _

from fagkraft.access.disclosure import marked
from fagkraft.core import xlsx
from fagkraft.core.cells import COUNT, DATE, ID, PERCENT
from fagkraft.core.xlsx import Column
from fagkraft.education.reports import CandidateView, Pipeline

__all__ = ["candidates_workbook", "pipeline_workbook"]


def candidates_workbook(views: list[CandidateView]) -> bytes:
    """One row per candidate, and one row per rule of each candidate."""
    workbook = xlsx.new_workbook()
    sheet = xlsx.typed_sheet(workbook, _("Candidates"), [
        Column(_("Employee number"), ID), _("Last name"), _("First name"), _("Pathway"),
        _("Unit"), _("Status"), Column(_("Start date"), DATE), Column(_("Planned end"), DATE),
        Column(_("Expected completion"), DATE), Column(_("Progress"), PERCENT),
        _("Behind schedule"), _("Permanent post lined up in"), _("Not yet met"),
    ])
    rules = xlsx.typed_sheet(workbook, _("Rules"), [
        Column(_("Employee number"), ID), _("Pathway"), _("Rule"), _("Met"),
        Column(_("Progress"), PERCENT)])
    for view in views:
        candidate, employee = view.candidate, view.candidate.employee
        sheet.append([
            employee.employee_number, employee.last_name, employee.first_name,
            candidate.template.name, candidate.unit.name, candidate.get_status_display(),
            candidate.start_date, candidate.planned_end, view.forecast.expected_on,
            view.share, bool(view.forecast.behind),
            candidate.permanent_unit.name if candidate.permanent_unit else "",
            "; ".join(row.text for row in view.unmet),
        ])
        for row in view.checks:
            rules.append([employee.employee_number, candidate.template.name, row.text,
                          bool(row.met), row.share])
    return xlsx.workbook_bytes(workbook)


def pipeline_workbook(data: Pipeline) -> bytes:
    """Completions per profession, specialty and year; education posts ending per year.

    Hidden counts (planners) are written with the page's mark, "x".
    """
    workbook = xlsx.new_workbook()
    years = [Column(year, COUNT) for year in data.years]
    sheet = xlsx.typed_sheet(workbook, _("Completions"), [_("Profession"), _("Specialty"),
                                                           *years])
    for row in data.rows:
        sheet.append([row.profession, row.specialty, *[marked(value) for value in row.counts]])
    posts = xlsx.typed_sheet(workbook, _("Education positions"),
                             [_("Education positions ending"), *years])
    posts.append([_("With a permanent post lined up"),
                  *[marked(value) for value in data.posts_with]])
    posts.append([_("Without a permanent post"),
                  *[marked(value) for value in data.posts_without]])
    return xlsx.workbook_bytes(workbook)
