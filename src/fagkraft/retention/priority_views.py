"""The priority-rule monitor's page and export (access: access/retention.py).

Aggregates of trusts and regions only (FTE by service area), no person: not a read of
personal data. An uploaded figure file is read for this answer only and not stored, so
the page and its export take it by POST; GET shows the register and the reference data.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import get_format
from django.views.decorators.http import require_http_methods

from fagkraft import access
from fagkraft.access import disclosure
from fagkraft.core import dates, xlsx
from fagkraft.engine import priority_rule as rule
from fagkraft.retention.priority import (
    PriorityReport,
    indicator_labels,
    priority_chart,
    priority_report,
    service_labels,
)
from fagkraft.retention.priority_exports import priority_workbook
from fagkraft.retention.priority_forms import FigureFileForm
from fagkraft.workforce.models import Unit


def _report(request: HttpRequest, unit: Unit) -> tuple[FigureFileForm, PriorityReport]:
    form = FigureFileForm(request.POST or None, request.FILES or None)
    uploaded = form.figures if request.method == "POST" and form.is_valid() else None
    name = form.cleaned_data["file"].name if uploaded else ""
    report = priority_report(unit, dates.today(),
                             protected=disclosure.controls(request.user, unit),
                             uploaded=uploaded, upload_name=name)
    return form, report


@login_required
@require_http_methods(["GET", "POST"])
def priority_page(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.priority_rule_unit_or_404(request.user, pk)
    form, report = _report(request, unit)
    chart = {**priority_chart(report), "separators": (
        f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}")}
    return render(request, "retention/priority.html", {
        "unit": unit, "form": form, "report": report, "summary": report.summary,
        "chart": chart, "services": service_labels(),
        "indicators": indicator_labels(), "register_services": ("phbu", "phv", "tsb",
                                                                "somatic"),
        "threshold": access.suppression_threshold(), "compared": rule.COMPARED,
    })


@login_required
@require_http_methods(["GET", "POST"])
def priority_export(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.priority_rule_unit_or_404(request.user, pk)
    _form, report = _report(request, unit)
    return xlsx.xlsx_response(priority_workbook(report), f"prioriteringsregelen-{unit.code}")
