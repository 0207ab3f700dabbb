"""Read-only REST API of WISN studies and their computed results.

Studies hold no personal data; who sees which study is decided by
`access.wisn_studies_for` (leaders their subtree, advisers their trust, planners their
region, administrators all; employees get 403). `results` computes required staff,
WISN difference and ratio per category with every intermediate figure, and each saved
task-sharing scenario before and after; nothing computed is stored.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response

from fagkraft import access
from fagkraft.core.api import ScopedFilterBackend
from fagkraft.workload import reports
from fagkraft.workload.api import serializers
from fagkraft.workload.filtersets import StudyFilterSet
from fagkraft.workload.models import WisnStudy


class ReadsWisn(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return access.may_read_wisn(request.user)


@extend_schema_view(list=extend_schema(summary="WISN studies"),
                    retrieve=extend_schema(summary="One WISN study with its rows and scenarios"))
class StudyViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [ReadsWisn]
    filter_backends = [ScopedFilterBackend]
    filterset_class = StudyFilterSet

    def get_queryset(self) -> QuerySet[WisnStudy]:
        return access.wisn_studies_for(self.request.user).select_related("unit").prefetch_related(
            "categories__activities", "categories__category_allowances",
            "categories__individual_allowances", "scenarios__moves").order_by("-year", "pk")

    def get_serializer_class(self) -> Any:
        if self.action == "list":
            return serializers.StudyListSerializer
        return serializers.StudySerializer

    @extend_schema(summary="Computed WISN results of a study", responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def results(self, request: Request, pk: str | None = None) -> Response:
        study = self.get_object()
        report = reports.study_report(study, request.user, timezone.localdate())
        return Response(reports.report_to_dict(report))
