"""The retention page and its export. Access through fagkraft.access (access/retention.py).

The page shows groups only (curves, rates, counts that pass disclosure control), never a
person, so reading it is not a read of personal data and is not audited as one.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.formats import get_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from fagkraft import access
from fagkraft.access import disclosure
from fagkraft.audit.services import data_version
from fagkraft.core import dates, xlsx
from fagkraft.engine.retention import YEAR_MARKS
from fagkraft.retention.exports import retention_workbook
from fagkraft.retention.forms import SelectionForm
from fagkraft.retention.reports import RetentionReport, cause_labels, retention_report
from fagkraft.workforce.models import Unit


def _report(request: HttpRequest, unit: Unit) -> tuple[SelectionForm, RetentionReport]:
    """The report for the selection, cached under the data version: it reads every spell
    of the unit's subtree (a region's: tens of thousands), so it is worked out once per
    change of the data, selection, day, disclosure control and language."""
    form = SelectionForm(request.GET or None)
    selection, today = form.selection(), dates.today()
    protected = disclosure.controls(request.user, unit)
    chosen = hashlib.sha256(repr(selection).encode()).hexdigest()[:32]
    key = (f"retention-report:{unit.pk}:{chosen}:{today.isoformat()}:{protected}:"
           f"{disclosure.threshold()}:{get_language()}:{data_version()}")
    report = cache.get(key)
    if report is None:
        report = retention_report(unit, selection, today, protected=protected)
        cache.set(key, report, timeout=6 * 3600)
    return form, report


def charts(report: RetentionReport) -> dict[str, Any]:
    """Chart data for Plotly: a step curve with its band per group, and the causes."""
    def curve(group: Any) -> dict[str, Any]:
        points = group.curve.points if group.curve else ()
        # Every curve starts at 1 on day 0 and holds each value until the next event.
        return {"name": group.label, "days": [0, *[p.days for p in points]],
                "retention": [1.0, *[p.retention for p in points]],
                "lower": [1.0, *[p.lower for p in points]],
                "upper": [1.0, *[p.upper for p in points]]}

    shown = [group for group in (report.groups or [report.total]) if group.curve is not None]
    labels = cause_labels()
    return {
        "separators": f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}",
        "curves": [curve(group) for group in shown],
        "curve_title": _("Share still employed"), "days_label": _("Days since hire"),
        "band_label": _("95 % confidence band"),
        "causes": [{"name": labels[cause], "days": [0, *[p.days for p in points]],
                    "incidence": [0.0, *[p.incidence for p in points]]}
                   for cause, points in (report.incidence or {}).items()],
        "causes_title": _("Cumulative incidence by cause of leaving"),
    }


@login_required
def unit_page(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.retention_unit_or_404(request.user, pk)
    form, report = _report(request, unit)
    visible = access.units_for(request.user)
    return render(request, "retention/unit.html", {
        "unit": unit, "form": form, "report": report, "charts": charts(report),
        "year_marks": YEAR_MARKS, "threshold": access.suppression_threshold(),
        "breadcrumbs": visible.filter(pk__in=unit.ancestors()).order_by("path"),
        "children": visible.filter(parent=unit).order_by("code"),
        "query": request.GET.urlencode(),
    })


@login_required
def unit_export(request: HttpRequest, pk: int) -> HttpResponse:
    unit = access.retention_unit_or_404(request.user, pk)
    _form, report = _report(request, unit)
    return xlsx.xlsx_response(retention_workbook(report), f"stabilitet-{unit.code}")
