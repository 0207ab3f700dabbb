"""Read-only REST API of the organisation and workforce register.

Same rules as the pages, because both ask the same places: the bases in
fagkraft.core.api (scoped rows, scoped filters, audit-logged person reads; planners 403
on person-level endpoints, out-of-scope records 404) and the FilterSets in
fagkraft.workforce.filtersets that the list pages use.

Writes go through the UI and the import for now; a write endpoint added here must call
fagkraft.workforce.services, the only code that writes.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from fagkraft import access
from fagkraft.core.api import PersonDataViewSet, ReferenceViewSet, ScopedViewSet
from fagkraft.workforce import filtersets
from fagkraft.workforce.api import serializers
from fagkraft.workforce.models import Position, Profession, SpecialistApproval, Specialty
from fagkraft.workforce.reports import unit_summary


@extend_schema_view(
    list=extend_schema(summary=_("Units the user may open (whole region for a planner)")),
    retrieve=extend_schema(summary=_("One unit")),
)
class UnitViewSet(ScopedViewSet):
    scoped = staticmethod(access.units_for)
    serializer_class = serializers.UnitSerializer
    filterset_class = filtersets.UnitFilterSet
    ordering = ("path", "pk")

    @extend_schema(
        summary=_("Key figures of a unit and its subtree, as on the unit page"),
        description=_("Counts a planner may not see (fewer than the suppression threshold) "
                      "are null."),
        responses={200: OpenApiTypes.OBJECT},
        filters=False,
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def summary(self, request: Request, pk: str | None = None) -> Response:
        return Response(unit_summary(self.get_object(), request.user).as_dict())


@extend_schema_view(
    list=extend_schema(summary=_("Professions (reference data, open to every logged-in user)")),
    retrieve=extend_schema(summary=_("One profession")),
)
class ProfessionViewSet(ReferenceViewSet):
    queryset = Profession.objects.order_by("name", "pk")
    serializer_class = serializers.ProfessionSerializer
    filterset_class = filtersets.ProfessionFilterSet


@extend_schema_view(
    list=extend_schema(summary=_("Specialties (reference data, open to every logged-in user)")),
    retrieve=extend_schema(summary=_("One specialty")),
)
class SpecialtyViewSet(ReferenceViewSet):
    queryset = Specialty.objects.order_by("name", "pk")
    serializer_class = serializers.SpecialtySerializer
    filterset_fields = ["profession"]


@extend_schema_view(
    list=extend_schema(summary=_("Employees in the user's scope (planners: 403)")),
    retrieve=extend_schema(summary=_("One employee with position and approval history "
                                   "(audit-logged)")),
)
class EmployeeViewSet(PersonDataViewSet):
    scoped = staticmethod(access.employees_for)
    filterset_class = filtersets.EmployeeFilterSet
    related = ("profession",)
    ordering = ("last_name", "first_name", "pk")

    def get_serializer_class(self) -> type[serializers.EmployeeSerializer]:
        if self.action == "retrieve":
            return serializers.EmployeeDetailSerializer
        return serializers.EmployeeSerializer

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        if self.action == "retrieve":
            queryset = queryset.prefetch_related(
                Prefetch("positions",
                         Position.objects.select_related("unit").order_by("start_date", "pk")),
                Prefetch("approvals", SpecialistApproval.objects.select_related("specialty")),
            )
        return queryset

    @staticmethod
    def trust_id_of(row: models.Model) -> int | None:
        return row.trust_id


@extend_schema_view(
    list=extend_schema(summary=_("Positions (current and past) in the user's scope "
                               "(planners: 403)")),
    retrieve=extend_schema(summary=_("One position (audit-logged)")),
)
class PositionViewSet(PersonDataViewSet):
    scoped = staticmethod(access.positions_for)
    serializer_class = serializers.PositionSerializer
    filterset_class = filtersets.PositionFilterSet
    related = ("employee", "unit")
    ordering = ("employee_id", "start_date", "pk")

    @staticmethod
    def trust_id_of(row: models.Model) -> int | None:
        return row.employee.trust_id


@extend_schema_view(
    list=extend_schema(summary=_("Specialist approvals, with history, in the user's scope "
                               "(planners: 403)")),
    retrieve=extend_schema(summary=_("One specialist approval (audit-logged)")),
)
class SpecialistApprovalViewSet(PersonDataViewSet):
    scoped = staticmethod(access.approvals_for)
    serializer_class = serializers.SpecialistApprovalSerializer
    filterset_class = filtersets.SpecialistApprovalFilterSet
    related = ("employee", "specialty")
    ordering = ("employee_id", "-approved_on", "pk")

    @staticmethod
    def trust_id_of(row: models.Model) -> int | None:
        return row.employee.trust_id


@extend_schema_view(
    list=extend_schema(summary=_("Vacancies in the units the user may open")),
    retrieve=extend_schema(summary=_("One vacancy")),
)
class VacancyViewSet(ScopedViewSet):
    scoped = staticmethod(access.vacancies_for)
    serializer_class = serializers.VacancySerializer
    filterset_class = filtersets.VacancyFilterSet
    related = ("unit", "profession")
    ordering = ("opened_on", "pk")
