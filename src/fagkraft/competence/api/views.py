"""Read-only REST API of the competence data, scoped through fagkraft.access.

- catalogue, rules and teaching packages are reference data: any logged-in user;
- completions, plans and teacher entries are person-level: the rows of people in
  `access.employees_for(user)`; planners get 403; reads are audit-logged as in the
  workforce API (the same base class does it);
- `status` computes each person's requirements and their status (met, due soon, ...)
  for the people in scope; it is never stored.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fagkraft import access
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.competence import filtersets, kept
from fagkraft.competence.api import serializers
from fagkraft.competence.models import (
    Competence,
    PlanActivity,
    RequirementRule,
    TeachingPackage,
)
from fagkraft.core.api import PersonDataViewSet, ReferenceViewSet, SeesPersons


class ByEmployeeTrust:
    @staticmethod
    def trust_id_of(row: models.Model) -> int | None:
        return row.employee.trust_id


@extend_schema_view(list=extend_schema(summary="Competence catalogue"),
                    retrieve=extend_schema(summary="One competence"))
class CompetenceViewSet(ReferenceViewSet):
    queryset = Competence.objects.order_by("name", "pk")
    serializer_class = serializers.CompetenceSerializer
    filterset_class = filtersets.CompetenceFilterSet


@extend_schema_view(list=extend_schema(summary="Requirement rules"),
                    retrieve=extend_schema(summary="One requirement rule"))
class RequirementRuleViewSet(ReferenceViewSet):
    queryset = RequirementRule.objects.select_related("competence", "unit").order_by("pk")
    serializer_class = serializers.RequirementRuleSerializer
    filterset_class = filtersets.RequirementRuleFilterSet


@extend_schema_view(list=extend_schema(summary="Teaching packages"),
                    retrieve=extend_schema(summary="One teaching package"))
class TeachingPackageViewSet(ReferenceViewSet):
    queryset = TeachingPackage.objects.prefetch_related("competences").order_by("name", "pk")
    serializer_class = serializers.TeachingPackageSerializer
    filterset_class = filtersets.TeachingPackageFilterSet


@extend_schema_view(list=extend_schema(summary="Completions of people in the user's scope "
                                               "(planners: 403)"),
                    retrieve=extend_schema(summary="One completion (audit-logged)"))
class CompletionViewSet(ByEmployeeTrust, PersonDataViewSet):
    scoped = staticmethod(access.completions_for)
    serializer_class = serializers.CompletionSerializer
    filterset_class = filtersets.CompletionFilterSet
    related = ("employee", "competence")
    ordering = ("employee_id", "-completed_on", "pk")


@extend_schema_view(list=extend_schema(summary="Competence and development plans of people "
                                               "in the user's scope (planners: 403)"),
                    retrieve=extend_schema(summary="One plan with its activities "
                                                   "(audit-logged)"))
class PlanViewSet(ByEmployeeTrust, PersonDataViewSet):
    scoped = staticmethod(access.plans_for)
    serializer_class = serializers.PlanSerializer
    filterset_class = filtersets.PlanFilterSet
    related = ("employee",)
    ordering = ("employee_id", "-year", "kind", "pk")

    def get_queryset(self) -> QuerySet:
        activities = PlanActivity.objects.order_by("target_date", "pk")
        return super().get_queryset().prefetch_related(Prefetch("activities", activities))


@extend_schema_view(list=extend_schema(summary="Teachers and supervisors in the user's scope "
                                               "(planners: 403)"),
                    retrieve=extend_schema(summary="One teacher entry (audit-logged)"))
class TeacherEntryViewSet(ByEmployeeTrust, PersonDataViewSet):
    scoped = staticmethod(access.teachers_for)
    serializer_class = serializers.TeacherEntrySerializer
    filterset_class = filtersets.TeacherEntryFilterSet
    related = ("employee", "competence")
    ordering = ("competence_id", "role", "employee_id", "pk")


class ComplianceStatusView(APIView):
    """Requirements and their status for the people in scope, optionally one unit's."""

    permission_classes = [IsAuthenticated, SeesPersons]

    @extend_schema(
        summary="Derived requirements and their status (met, due_soon, not_yet_due, "
                "overdue, missing) for people in the user's scope",
        parameters=[
            OpenApiParameter("unit", int, description="Only people with a position today "
                                                      "in this unit's subtree"),
            OpenApiParameter("employee", int, description="Only this person"),
        ],
        responses=serializers.ComplianceStatusSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        employees = access.employees_for(request.user)
        unit_id = request.query_params.get("unit")
        employee_id = request.query_params.get("employee")
        if unit_id and unit_id.isdigit():
            unit = access.units_for(request.user).filter(pk=unit_id).first()
            if unit is None:
                return Response([])
            employees = employees.filter(filtersets.employees_in_unit(unit, prefix="pk"))
        if employee_id and employee_id.isdigit():
            employees = employees.filter(pk=employee_id)
        statuses = kept.statuses(employees)
        _log_status_read(request, statuses, employees)
        return Response(serializers.ComplianceStatusSerializer(statuses, many=True).data)


def _log_status_read(request: Request, statuses: list, employees: QuerySet) -> None:
    """One read event per trust, naming the people whose statuses were returned."""
    trust_of = dict(employees.values_list("pk", "trust_id"))
    scope_unit = access.scope_of(request.user).unit
    audit.record_list_read(
        request.user, AuditEvent.Action.READ, "competence.status",
        [([status.employee_id], trust_of.get(status.employee_id)) for status in statuses],
        via=request.path, filter=audit.filter_of(request.query_params),
        trust_id_if_empty=scope_unit.trust_id if scope_unit else None)
