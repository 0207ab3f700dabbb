"""Retention API: a unit's curves, competing causes and indices per year, and the
backtest of a past projection, as JSON.

The same figures as the pages (fagkraft.retention.reports, .backtests), under the same
access rules: 403 for employees, 404 for a unit out of scope; hidden figures are null.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fagkraft import access
from fagkraft.access import disclosure
from fagkraft.core import dates
from fagkraft.retention.backtests import BacktestReport, backtest_report, base_year_of
from fagkraft.retention.forms import SelectionForm
from fagkraft.retention.reports import GroupCurve, RetentionReport, retention_report

FILTERS = [
    OpenApiParameter("profession", str, description="Profession code (default: all)"),
    OpenApiParameter("specialist", str, enum=["yes", "no"],
                     description="Specialists only (yes) or non-specialists only (no)"),
    OpenApiParameter("position_type", str, enum=["permanent", "temporary", "education"]),
]
PARAMETERS = [
    *FILTERS,
    OpenApiParameter("by", str, enum=["profession", "specialist", "unit", "position_type",
                                      "age_band", "cohort"],
                     description="Breakdown into groups, one curve each"),
    OpenApiParameter("observed_from", str,
                     description="The register's first day, dd.mm.yyyy or yyyy-mm-dd "
                                 "(default: the earliest start date)"),
]


def _group(group: GroupCurve, protected: bool) -> dict[str, Any]:
    curve = group.curve
    return {
        "key": group.key, "label": group.label, "size": group.size,
        "median_days": group.median_days,
        "still_employed_after_years": {str(k): v for k, v in group.after_years.items()},
        "curve": None if curve is None else [
            {"days": p.days, "at_risk": None if protected else p.at_risk,
             "events": None if protected else p.events, "retention": p.retention,
             "lower": p.lower, "upper": p.upper} for p in curve.points],
    }


def report_json(report: RetentionReport) -> dict[str, Any]:
    return {
        "unit": report.unit.pk, "as_of": report.as_of.isoformat(),
        "observed_from": report.observed_from.isoformat(),
        "min_curve_size": report.min_size,
        # Disclosure control dropped the chosen first day or breakdown (docs/metrics.md).
        "restricted": report.restricted,
        "total": _group(report.total, report.protected),
        "groups": [_group(group, report.protected) for group in report.groups],
        "cumulative_incidence": None if report.incidence is None else {
            cause: [{"days": p.days, "incidence": p.incidence} for p in points]
            for cause, points in report.incidence.items()},
        "years": [{
            "year": row.year, "period_start": row.period_start.isoformat(),
            "period_end": row.period_end.isoformat(),
            "headcount_start": row.headcount_start, "headcount_end": row.headcount_end,
            "leavers": row.leavers, "leaver_rate": row.leaver_rate,
            "stability_index": row.stability_index, "hired": row.hired,
            "hires_still_employed_after_years": {
                str(k): v for k, v in row.still_employed.items()},
        } for row in report.years],
    }


class UnitRetentionView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Retention of a unit's subtree: Kaplan-Meier curves, competing "
                           "causes and indices per year",
                   description="Groups only, never a person. No curve of fewer than "
                               "`min_curve_size` spells; for planners counts under the "
                               "suppression threshold and figures derived from them are "
                               "null, and curves carry no at-risk or event counts.",
                   parameters=PARAMETERS, responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, pk: int) -> Response:
        unit = access.retention_unit_or_404(request.user, pk)
        form = SelectionForm(request.query_params or None)
        report = retention_report(unit, form.selection(), dates.today(),
                                  protected=disclosure.controls(request.user, unit))
        return Response(report_json(report))


def backtest_json(report: BacktestReport) -> dict[str, Any]:
    return {
        "unit": report.unit.pk, "base_year": report.base_year,
        "base_years": report.years,
        "estimation_years": list(report.estimation_years),
        "turnover_percent": report.turnover_percent,
        "recruits_per_year": report.recruits_per_year,
        "mean_absolute_error_percent": report.mape,
        "rows": [{"year": row.year, "projected": row.projected, "actual": row.actual,
                  "error": row.error, "error_percent": row.error_percent}
                 for row in report.rows],
    }


class UnitBacktestView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="A supply projection from a past base year set against the "
                           "headcount the register shows for each year since",
                   description="Turnover and recruitment are estimated from the years "
                               "before the base year. For planners a year whose actual "
                               "headcount is under the suppression threshold is null, "
                               "with its projection and error, and the flows (and every "
                               "projection) are null when a year they come from is.",
                   parameters=[OpenApiParameter(
                       "base_year", int, description="The projection's base year (one of "
                       "`base_years`; default: five years back)"), *FILTERS],
                   responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, pk: int) -> Response:
        unit = access.retention_unit_or_404(request.user, pk)
        form = SelectionForm(request.query_params or None)
        base = base_year_of(request.query_params.get("base_year", ""))
        report = backtest_report(unit, form.selection(), dates.today(), base,
                                 protected=disclosure.controls(request.user, unit))
        return Response(backtest_json(report))
