"""Read-only REST API of goals, their indicators and manual values.

Who sees what is `access.goals_for` (access/goals.py): the goals of the user's scope and
of the trust and region above their unit; employees get 403. `status` gives each
indicator's series as the user may see it (disclosure control: hidden values are null)
and the status on track / off track / met / no data.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from fagkraft import access
from fagkraft.core import dates
from fagkraft.core.api import ScopedFilterBackend
from fagkraft.goals import reports
from fagkraft.goals.api import serializers
from fagkraft.goals.filtersets import GoalFilterSet, IndicatorFilterSet, ManualValueFilterSet
from fagkraft.goals.models import Goal, Indicator, ManualValue


class ReadsGoals(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return access.may_read_goals(request.user)


def _status(view: reports.IndicatorView) -> dict[str, Any]:
    return {"indicator": view.indicator.pk, "label": view.label, "status": view.status.value,
            "expected": view.assessment.expected,
            "series": [{"on": point.on, "value": point.value} for point in view.series]}


@extend_schema_view(list=extend_schema(summary="Goals"),
                    retrieve=extend_schema(summary="One goal with its indicators"))
class GoalViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [ReadsGoals]
    serializer_class = serializers.GoalSerializer
    filter_backends = [ScopedFilterBackend]
    filterset_class = GoalFilterSet

    def get_queryset(self) -> QuerySet[Goal]:
        return access.goals_for(self.request.user).select_related("owner").prefetch_related(
            "indicators").order_by("deadline", "pk")

    @extend_schema(summary="The goal's status and each indicator's series",
                   responses=serializers.GoalStatusSerializer)
    @action(detail=True, methods=["get"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        view = reports.goal_view(self.get_object(), request.user, dates.today())
        return Response({"goal": view.goal.pk, "status": view.status.value,
                         "indicators": [_status(item) for item in view.indicators]})


@extend_schema_view(list=extend_schema(summary="Indicators"),
                    retrieve=extend_schema(summary="One indicator"))
class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [ReadsGoals]
    serializer_class = serializers.IndicatorSerializer
    filter_backends = [ScopedFilterBackend]
    filterset_class = IndicatorFilterSet

    def get_queryset(self) -> QuerySet[Indicator]:
        return access.indicators_for(self.request.user).order_by("goal", "pk")

    @extend_schema(summary="The indicator's series and status",
                   responses=serializers.IndicatorStatusSerializer)
    @action(detail=True, methods=["get"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        indicator = self.get_object()
        return Response(_status(reports.indicator_view(indicator, request.user,
                                                       dates.today())))


@extend_schema_view(list=extend_schema(summary="Manual indicator values"),
                    retrieve=extend_schema(summary="One manual indicator value"))
class ManualValueViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [ReadsGoals]
    serializer_class = serializers.ManualValueSerializer
    filter_backends = [ScopedFilterBackend]
    filterset_class = ManualValueFilterSet

    def get_queryset(self) -> QuerySet[ManualValue]:
        return access.manual_values_for(self.request.user).order_by("indicator", "period_end")
