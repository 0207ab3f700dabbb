"""Read-only REST API of the organisation and workforce register.

Same rules as the pages, because both ask the same places:
- rows come from the scoped querysets in fagkraft.access (units_for, employees_for, ...);
- filters are the FilterSets in fagkraft.workforce.filtersets that the list pages use;
- person-level endpoints (employees, positions, approvals) refuse a regional planner
  with 403 (`SeesPersons`); other roles get their scope, which may be empty;
- a record outside the user's scope answers 404, like a record that does not exist,
  so the API does not reveal which ids exist elsewhere.

Reads of personal data are audit-logged: a detail read as one "read" event on the
record, a list read as one event per health trust on the page returned (usually one),
carrying the number of rows, so advisers see reads of their own trust's people.

Writes go through the UI and the import for now; a write endpoint added here must call
fagkraft.workforce.services, the only code that writes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from fagkraft import access
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.workforce import filtersets
from fagkraft.workforce.api import serializers
from fagkraft.workforce.api.filters import FilterBackend
from fagkraft.workforce.api.permissions import SeesPersons
from fagkraft.workforce.models import Position, Profession, SpecialistApproval, Specialty
from fagkraft.workforce.reports import unit_summary

READ = AuditEvent.Action.READ


class ScopedViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only viewset whose rows are `scoped(user)` from fagkraft.access."""

    filter_backends = [FilterBackend]
    scoped: ClassVar[Callable[[Any], QuerySet]]  # set as staticmethod(access.<name>_for)
    related: ClassVar[tuple[str, ...]] = ()
    ordering: ClassVar[tuple[str, ...]] = ("pk",)

    def get_queryset(self) -> QuerySet:
        queryset = self.scoped(self.request.user)
        # pk last: offset pagination needs a total order to be stable.
        return queryset.select_related(*self.related).order_by(*self.ordering)


class PersonDataViewSet(ScopedViewSet):
    """Person-level records: planners are refused and every read is audit-logged."""

    permission_classes = [IsAuthenticated, SeesPersons]

    @staticmethod
    def trust_id_of(row: models.Model) -> int | None:
        raise NotImplementedError

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        audit.record(request.user, READ, instance, via=request.path)
        return Response(self.get_serializer(instance).data)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page if page is not None else queryset)
        self._log_list_read(request, queryset.model, rows)
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def _log_list_read(
        self, request: Request, model: type[models.Model], rows: Iterable[models.Model]
    ) -> None:
        scope_unit = access.scope_of(request.user).unit
        audit.record_list_read(
            request.user, READ, model._meta.label_lower,
            [(audit.person_ids_of(row), self.trust_id_of(row)) for row in rows],
            via=request.path, filter=audit.filter_of(request.query_params),
            trust_id_if_empty=scope_unit.trust_id if scope_unit else None)


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
class ProfessionViewSet(viewsets.ReadOnlyModelViewSet):
    filter_backends = [FilterBackend]
    queryset = Profession.objects.order_by("name", "pk")
    serializer_class = serializers.ProfessionSerializer
    filterset_class = filtersets.ProfessionFilterSet


@extend_schema_view(
    list=extend_schema(summary=_("Specialties (reference data, open to every logged-in user)")),
    retrieve=extend_schema(summary=_("One specialty")),
)
class SpecialtyViewSet(viewsets.ReadOnlyModelViewSet):
    filter_backends = [FilterBackend]
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
    # No shared FilterSet exists for approvals yet; these two plain filters suffice.
    filterset_fields = ["employee", "specialty"]
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
