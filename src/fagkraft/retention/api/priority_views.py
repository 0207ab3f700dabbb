"""Priority-rule API: the monitor's verdicts and register FTE of a trust or region, as
JSON (the page's figures, fagkraft.retention.priority.priority_report).

Access as the page: 403 for leaders and employees, 404 out of scope; for planners a
hidden register cell's FTE is null and gives no verdict. GET judges the register and the
shipped reference figures; POST (multipart) adds a figure file, read for this answer
only and never stored, exactly as the page's upload.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fagkraft import access
from fagkraft.access import disclosure
from fagkraft.core import dates
from fagkraft.engine import priority_rule as rule
from fagkraft.retention.priority import PriorityReport, priority_report
from fagkraft.retention.priority_forms import CSV, SSB, FigureFileForm
from fagkraft.workforce.models import Unit

DESCRIPTION = ("Growth of PH, PHBU, PHV and TSB against somatic care per area, year and "
               "indicator, with `held` true, false or null (no verdict). `register`: FTE "
               "by service area on 31 December from the register; `reference`: the "
               "published figures shipped with Fagkraft; `uploaded`: the figure file "
               "sent by POST. For planners a register cell of fewer persons than the "
               "suppression threshold is null and gives no verdict.")


def _growth(growth: rule.Growth) -> dict[str, Any]:
    return {"percent": growth.percent, "basis": growth.basis, "sources": list(growth.sources)}


def _verdict(verdict: rule.Verdict) -> dict[str, Any]:
    return {"area": verdict.area, "year": verdict.year, "indicator": verdict.indicator,
            "service": verdict.service, "growth": _growth(verdict.growth),
            "somatic": _growth(verdict.somatic), "difference": verdict.difference,
            "held": verdict.held}


def priority_json(report: PriorityReport) -> dict[str, Any]:
    return {
        "unit": report.unit.pk, "areas": [area.pk for area in report.areas],
        "register": [_verdict(v) for v in report.register],
        "register_fte": [{"area": row.area, "year": row.year, "fte": row.fte}
                         for row in report.fte_rows],
        "reference": [_verdict(v) for v in report.reference],
        "uploaded": [_verdict(v) for v in report.uploaded],
        "upload_name": report.upload_name,
        # The page's summary: per service, the latest year's indicators held and not.
        "summary": {
            "area": report.summary.area, "year": report.summary.year,
            "sentence": report.summary.sentence(),
            "services": [{"service": item.service, "held": item.held,
                          "not_held": item.not_held, "no_verdict": item.no_verdict}
                         for item in report.summary.services]},
    }


UPLOAD = inline_serializer("PriorityRuleFigureFile", fields={
    "file": serializers.FileField(help_text="The documented CSV or an SSB table "
                                            "(JSON-stat 2.0), at most 2 MB"),
    "kind": serializers.ChoiceField(choices=[CSV, SSB]),
    "indicator": serializers.ChoiceField(choices=list(rule.INDICATORS), required=False,
                                         help_text="The SSB table's indicator"),
    "source": serializers.CharField(required=False, max_length=200,
                                    help_text="The SSB table's source"),
})


class PriorityRuleView(APIView):
    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    def _report(self, request: Request, pk: int, form: FigureFileForm | None) -> Response:
        unit: Unit = access.priority_rule_unit_or_404(request.user, pk)
        if form is not None and not form.is_valid():
            return Response(form.errors, status=status.HTTP_400_BAD_REQUEST)
        report = priority_report(
            unit, dates.today(), protected=disclosure.controls(request.user, unit),
            uploaded=form.figures if form else None,
            upload_name=form.cleaned_data["file"].name if form else "")
        return Response(priority_json(report))

    @extend_schema(summary="The priority-rule monitor of a trust or region: the register "
                           "and the published reference figures", description=DESCRIPTION,
                   responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request, pk: int) -> Response:
        return self._report(request, pk, None)

    @extend_schema(summary="The priority-rule monitor with an uploaded figure file judged "
                           "too (not stored)", description=DESCRIPTION, request=UPLOAD,
                   responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT})
    def post(self, request: Request, pk: int) -> Response:
        return self._report(request, pk, FigureFileForm(request.POST, request.FILES))
