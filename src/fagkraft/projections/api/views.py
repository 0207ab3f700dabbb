"""Projections API: saved scenarios, building one from the register, changing its
assumptions and its results (demand, supply, gap with bands, tornado, intake).

Access as on the pages (fagkraft.access, projections part): leaders, advisers, planners
and administrators, each for the scenarios of units in their scope; only the owner or an
administrator changes or deletes one. Writes go through fagkraft.projections.services.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers as drf_serializers
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from fagkraft import access
from fagkraft.access import disclosure
from fagkraft.core.api import ScopedFilterBackend
from fagkraft.projections import jobs as projection_jobs
from fagkraft.projections import reports, runs, services
from fagkraft.projections.api import serializers
from fagkraft.projections.forms import restore_stock
from fagkraft.projections.models import Scenario


class UsesProjections(BasePermission):
    def has_permission(self, request: Request, view) -> bool:
        return access.may_use_projections(request.user)


def _invalid(error: ValidationError) -> drf_serializers.ValidationError:
    return drf_serializers.ValidationError(
        error.message_dict if hasattr(error, "error_dict") else {"detail": error.messages})


@extend_schema_view(
    list=extend_schema(summary="Projection scenarios in the user's scope"),
    retrieve=extend_schema(summary="One scenario: its document and register basis"),
    create=extend_schema(summary="Build a scenario from the register",
                         request=serializers.BuildSerializer),
    partial_update=extend_schema(summary="Change name, notes or document (owner only)"),
    update=extend_schema(summary="Change name, notes or document (owner only)"),
    destroy=extend_schema(summary="Delete a scenario (owner only)"),
)
class ScenarioViewSet(viewsets.ModelViewSet):
    serializer_class = serializers.ScenarioSerializer
    permission_classes = [IsAuthenticated, UsesProjections]
    filter_backends = [ScopedFilterBackend]

    def get_queryset(self) -> QuerySet[Scenario]:
        return access.scenarios_for(self.request.user).select_related("unit", "owner") \
            .order_by("pk")

    def _editable(self) -> Scenario:
        scenario = self.get_object()
        access.require(access.may_edit_scenario(self.request.user, scenario))
        return scenario

    def create(self, request: Request, *args, **kwargs) -> Response:
        build = serializers.BuildSerializer(data=request.data)
        build.is_valid(raise_exception=True)
        data = build.validated_data
        unit = access.projection_units_for(request.user).filter(pk=data["unit"]).first()
        if unit is None:
            # The same answer for a unit outside the scope and one that does not exist.
            raise PermissionDenied
        try:
            scenario = services.create_from_register(
                request.user, name=data["name"], unit=unit, service_area=data["service_area"],
                professions=data["professions"], today=timezone.localdate(),
                base_year=data["base_year"], end_year=data["end_year"],
                area=data.get("area"), alternative=data["alternative"], notes=data["notes"])
        except ValidationError as error:
            raise _invalid(error) from None
        return Response(self.get_serializer(scenario).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args, **kwargs) -> Response:
        scenario = self._editable()
        changes = {key: request.data[key] for key in ("name", "notes", "document")
                   if key in request.data}
        if "document" in changes:
            if not isinstance(changes["document"], dict):
                raise drf_serializers.ValidationError({"document": ["Must be an object."]})
            if disclosure.controls(request.user, scenario.unit):
                changes["document"] = restore_stock(changes["document"], scenario.document)
        try:
            scenario = services.update_scenario(request.user, scenario, **changes)
        except ValidationError as error:
            raise _invalid(error) from None
        return Response(self.get_serializer(scenario).data)

    def destroy(self, request: Request, *args, **kwargs) -> Response:
        services.delete_scenario(request.user, self._editable())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        summary="Results: demand, supply and gap per year with 10/50/90 percentiles, "
                "tornado and the intake that closes the gap",
        parameters=[OpenApiParameter("year", int, description="Year of the tornado chart"),
                    OpenApiParameter("target", int, description="Close the gap by this year")],
        responses={200: dict, 202: dict, 400: dict},
        description="The run of the scenario page (500 draws by default). Until it is "
                    "computed the answer is 202 with the background job's number, state and "
                    "progress: ask again (the same job is kept) until the answer is 200.",
    )
    @action(detail=True, methods=["get"])
    def result(self, request: Request, pk: str | None = None) -> Response:
        scenario = self.get_object()
        def year(name: str) -> int | None:
            value = request.query_params.get(name, "")
            return int(value) if value.isdigit() else None
        page = projection_jobs.page_run(
            request.user, scenario,
            runs.Options(tornado_year=year("year"), target_year=year("target")))
        if page.problems is not None:
            return Response({"problems": page.problems}, status=status.HTTP_400_BAD_REQUEST)
        if page.job is not None:
            return Response({"job": page.job.pk, "state": page.job.state,
                             "progress": page.job.progress,
                             "url": reverse("jobs:detail", args=[page.job.pk])},
                            status=status.HTTP_202_ACCEPTED)
        return Response(reports.shown_result(
            page.result, reports.hidden_projections(scenario, request.user)))

    @extend_schema(summary="Change assumptions of one profession (owner only)",
                   request=serializers.AssumptionsSerializer)
    @action(detail=True, methods=["post"])
    def assumptions(self, request: Request, pk: str | None = None) -> Response:
        scenario = self._editable()
        body = serializers.AssumptionsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        values = body.validated_data["values"]
        bad = [key for key in values if not key.startswith(("demand.", "supply."))]
        if bad:
            raise drf_serializers.ValidationError(
                {"values": [f"{key}: demand.<field> or supply.<field>" for key in bad]})
        try:
            scenario = services.set_assumptions(request.user, scenario,
                                                body.validated_data["profession"], values)
        except ValidationError as error:
            raise _invalid(error) from None
        return Response(self.get_serializer(scenario).data)
