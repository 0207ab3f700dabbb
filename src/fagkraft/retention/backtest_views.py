"""The backtest page and export: a past projection against what happened. Groups only,
no person (access: access/retention.py, as the retention page)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from fagkraft import access
from fagkraft.access import disclosure
from fagkraft.access.disclosure import marked
from fagkraft.core import cells, dates, xlsx
from fagkraft.core.xlsx import As, Column
from fagkraft.retention.backtests import BacktestReport, backtest_report, base_year_of
from fagkraft.retention.forms import SelectionForm
from fagkraft.workforce.models import Unit


def _report(request: HttpRequest, unit: Unit) -> tuple[SelectionForm, BacktestReport]:
    form = SelectionForm(request.GET or None)
    base = base_year_of(request.GET.get("base_year", ""))
    return form, backtest_report(unit, form.selection(), dates.today(), base,
                                 protected=disclosure.controls(request.user, unit))


@login_required
def backtest_page(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.retention_unit_or_404(request.user, pk)
    form, report = _report(request, unit)
    chart = {
        "separators": f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}",
        "title": _("Projected and actual headcount"),
        "years": [row.year for row in report.rows],
        "projected": [row.projected for row in report.rows],
        "actual": [row.actual for row in report.rows],
        "projected_label": _("Projected from %(year)s") % {"year": report.base_year},
        "actual_label": _("Actual"),
    }
    return render(request, "retention/backtest.html", {
        "unit": unit, "form": form, "report": report, "chart": chart,
        "threshold": access.suppression_threshold(), "query": request.GET.urlencode(),
    })


@login_required
def backtest_export(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.retention_unit_or_404(request.user, pk)
    _form, report = _report(request, unit)
    workbook = xlsx.new_workbook()
    sheet = xlsx.typed_sheet(workbook, _("Backtest"), [
        Column(_("Year"), cells.YEAR), Column(_("Projected"), cells.NUMBER1),
        Column(_("Actual"), cells.COUNT), Column(_("Error (persons)"), cells.SIGNED),
        Column(_("Error (%)"), cells.SIGNED)])
    for row in report.rows:
        sheet.append([row.year, *[marked(value) for value in (
            row.projected, row.actual, row.error, row.error_percent)]])
    flows = xlsx.typed_sheet(workbook, _("Assumptions"), [
        _("Assumption"), Column(_("Value"), cells.NUMBER1)])
    flows.append([_("Base year"), As(report.base_year, cells.YEAR)])
    flows.append([_("Turnover (% per year)"), marked(report.turnover_percent)])
    flows.append([_("Recruits per year"), marked(report.recruits_per_year)])
    flows.append([_("Estimated from the years"),
                  ", ".join(str(year) for year in report.estimation_years)])
    return xlsx.xlsx_response(xlsx.workbook_bytes(workbook), f"tilbakeblikk-{unit.code}")
