"""REST API of the education data, scoped through fagkraft.access.

- templates and learning goals are reference data: any logged-in user;
- candidates, learning activities and supervision sessions are person-level: rows of
  `access.candidates_for(user)` (the candidate, assigned supervisors, leaders, advisers,
  administrators); planners get 403; reads are audit-logged (PersonDataViewSet);
- POST activities/{id}/sign/ signs a learning activity: assigned supervisors only
  (`access.supervises`), through fagkraft.education.services;
- pipeline and supervision-capacity are aggregates of a unit in `units_for(user)`, with
  counts under the threshold null for planners.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fagkraft import access
from fagkraft.access import disclosure
from fagkraft.core.api import PersonDataViewSet, ReferenceViewSet
from fagkraft.education import filtersets, reports, services
from fagkraft.education.api import serializers
from fagkraft.education.models import (
    LearningGoal,
    PathwayTemplate,
)
from fagkraft.workforce.models import Employee


class ByCandidateTrust:
    @staticmethod
    def trust_id_of(row: models.Model) -> int | None:
        return row.candidate.employee.trust_id


@extend_schema_view(list=extend_schema(summary="Pathway templates with their parts and rules"),
                    retrieve=extend_schema(summary="One pathway template"))
class PathwayTemplateViewSet(ReferenceViewSet):
    queryset = PathwayTemplate.objects.prefetch_related("parts").select_related(
        "profession", "specialty").order_by("code", "pk")
    serializer_class = serializers.PathwayTemplateSerializer
    filterset_fields = ["kind", "active"]


@extend_schema_view(list=extend_schema(summary="Learning goals (empty template: common goals)"),
                    retrieve=extend_schema(summary="One learning goal"))
class LearningGoalViewSet(ReferenceViewSet):
    queryset = LearningGoal.objects.order_by("template_id", "order", "code", "pk")
    serializer_class = serializers.LearningGoalSerializer
    filterset_class = filtersets.LearningGoalFilterSet


@extend_schema_view(list=extend_schema(summary="Candidates on education pathways in the "
                                               "user's scope, with progress (planners: 403)"),
                    retrieve=extend_schema(summary="One candidate with every rule check "
                                                   "(audit-logged)"))
class CandidateViewSet(PersonDataViewSet):
    scoped = staticmethod(access.candidates_for)
    serializer_class = serializers.CandidateSerializer
    filterset_class = filtersets.CandidateFilterSet
    related = ("employee", "template", "unit")
    ordering = ("employee__last_name", "employee__first_name", "pk")

    @staticmethod
    def trust_id_of(row: models.Model) -> int | None:
        return row.employee.trust_id

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        instance = args[0] if args else None
        rows = list(instance) if kwargs.get("many") else [instance] if instance else []
        # No rows (as when the schema is built): nothing to compute, no query to run.
        views = reports.candidate_views(rows, timezone.localdate()) if rows else []
        kwargs["context"] = {**self.get_serializer_context(),
                             "views": {view.candidate.pk: view for view in views}}
        return self.get_serializer_class()(*([rows] if kwargs.get("many") else args), **kwargs)


@extend_schema_view(list=extend_schema(summary="Learning activities of candidates in scope "
                                               "(planners: 403)"),
                    retrieve=extend_schema(summary="One learning activity (audit-logged)"))
class LearningActivityViewSet(ByCandidateTrust, PersonDataViewSet):
    scoped = staticmethod(access.activities_for)
    serializer_class = serializers.LearningActivitySerializer
    filterset_class = filtersets.LearningActivityFilterSet
    related = ("candidate__employee", "goal")
    ordering = ("candidate_id", "-done_on", "pk")

    @extend_schema(summary="Sign a learning activity (assigned supervisors only)",
                   request=None, responses=serializers.LearningActivitySerializer)
    @action(detail=True, methods=["post"], filterset_class=None)
    def sign(self, request: Request, pk: str | None = None) -> Response:
        activity = self.get_object()
        if not access.supervises(request.user, activity.candidate):
            raise PermissionDenied
        me = Employee.objects.get(pk=access.own_employee_id(request.user))
        try:
            services.sign_activity(request.user, activity, supervisor=me)
        except ValidationError as error:
            return Response({"detail": error.messages}, status=400)
        return Response(serializers.LearningActivitySerializer(activity).data)


@extend_schema_view(list=extend_schema(summary="Supervision sessions of candidates in scope "
                                               "(planners: 403)"),
                    retrieve=extend_schema(summary="One supervision session (audit-logged)"))
class SupervisionSessionViewSet(ByCandidateTrust, PersonDataViewSet):
    scoped = staticmethod(access.sessions_for)
    serializer_class = serializers.SupervisionSessionSerializer
    filterset_class = filtersets.SupervisionSessionFilterSet
    related = ("candidate__employee",)
    ordering = ("candidate_id", "-held_on", "pk")


UNIT = OpenApiParameter("unit", int, required=True,
                        description="The unit (and its subtree); must be one the user may open")


def _unit(request: Request):
    raw = request.query_params.get("unit", "")
    unit = access.units_for(request.user).filter(pk=raw).first() if raw.isdigit() else None
    if unit is None:
        raise NotFound
    return unit


def _hide(request: Request):
    return lambda count: access.suppress(count, request.user)


class PipelineView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Expected specialist completions per year for ten years, and "
                           "education positions ending with or without a permanent post",
                   description="Counts hidden by disclosure control (for planners: "
                               "fewer than the suppression threshold, and the figures "
                               "that would let them be worked out) are null.",
                   parameters=[UNIT], responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        unit = _unit(request)
        data = reports.pipeline(unit, timezone.localdate(),
                                protected=disclosure.controls(request.user, unit))
        return Response({
            "years": data.years,
            "completions": [{"profession": row.profession, "specialty": row.specialty,
                             "counts": row.counts} for row in data.rows],
            "education_positions_ending": {"with_permanent_post": data.posts_with,
                                           "without_permanent_post": data.posts_without},
        })


class SupervisionCapacityView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(summary="Supervision hours needed and available per unit and month, "
                           "next twelve months",
                   description="Hours are null where a planner would see fewer candidates "
                               "than the suppression threshold.",
                   parameters=[UNIT], responses={200: OpenApiTypes.OBJECT})
    def get(self, request: Request) -> Response:
        months, rows = reports.capacity(_unit(request), timezone.localdate(), _hide(request))
        return Response([{
            "unit": row.unit.pk, "unit_code": row.unit.code,
            "months": [{"month": month.isoformat(), "needed": cell.needed,
                        "available": cell.available, "short": cell.short}
                       for month, cell in zip(months, row.cells, strict=True)],
        } for row in rows])
