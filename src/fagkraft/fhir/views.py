"""Read-only FHIR R4 export at /api/fhir/ (Practitioner, PractitionerRole, Organization).

Same rules as the workforce API (fagkraft.workforce.api.views), because both ask the
same places:
- rows come from fagkraft.access (employees_for, positions_for, units_for);
- Practitioner and PractitionerRole are person-level: a regional planner is refused with
  403 (`SeesPersons`, as on /api/employees/); others get their scope, which may be empty;
- a record outside the user's scope answers 404, like an id that does not exist;
- every read of a person is audit-logged like the employee API: a read is one "read"
  event on the record, a search one event per health trust among the rows returned.
Organizations (units) are not personal data: they follow units_for, like /api/units/.

Errors come back as an OperationOutcome, as a FHIR client expects.
"""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import urlencode

from django.db import models
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import exceptions
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fagkraft import access
from fagkraft.adapter import fhir as adapter
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.core.api import SeesPersons
from fagkraft.core.dates import today
from fagkraft.engine import fhir_mapping as mapping

READ = AuditEvent.Action.READ
DEFAULT_COUNT = 100
MAX_COUNT = 1000


class FHIRJSONRenderer(JSONRenderer):
    media_type = "application/fhir+json"
    format = "fhir"


class FHIRView(APIView):
    """Answers application/fhir+json (plain application/json on request) and errors as
    OperationOutcome."""

    renderer_classes = [FHIRJSONRenderer, JSONRenderer]
    permission_classes = [IsAuthenticated]

    def handle_exception(self, exc: Exception) -> Response:
        response = super().handle_exception(exc)
        code = {400: "invalid", 401: "login", 403: "forbidden", 404: "not-found"}.get(
            response.status_code, "exception")
        detail = getattr(exc, "detail", None) or _("Not found.")
        response.data = {"resourceType": "OperationOutcome", "issue": [
            {"severity": "error", "code": code, "diagnostics": str(detail)}]}
        return response

    def base_url(self, request: Request) -> str:
        return request.build_absolute_uri("/api/fhir/")


class ReadView(FHIRView):
    """GET <Type>/<id>: one resource from the user's scope, else 404."""

    def record(self, request: Request, pk: int) -> Any:
        raise NotImplementedError

    @extend_schema(responses={200: OpenApiTypes.OBJECT}, summary=gettext_lazy("FHIR read"))
    def get(self, request: Request, pk: int) -> Response:
        return Response(mapping.as_json(self.record(request, pk)))


class SearchView(FHIRView):
    """GET <Type>?params: a searchset Bundle, paged by `_count` and `_offset`."""

    params: ClassVar[tuple[str, ...]] = ()

    def matches(self, request: Request) -> QuerySet:
        raise NotImplementedError

    def resource(self, row: models.Model) -> Any:
        raise NotImplementedError

    def audit_rows(self, request: Request, rows: list[models.Model]) -> None:
        """Person-level searches log the read; Organization does not."""

    def get(self, request: Request) -> Response:
        unknown = sorted(set(request.query_params) - {*self.params, "_count", "_offset"})
        if unknown:
            raise exceptions.ValidationError(
                _("Unknown search parameter: %(names)s") % {"names": ", ".join(unknown)})
        count, offset = self._paging(request)
        queryset = self.matches(request)
        total = queryset.count()
        rows = list(queryset[offset:offset + count])
        self.audit_rows(request, rows)
        base = self.base_url(request)
        here = request.build_absolute_uri(request.path)
        query = {key: request.query_params.getlist(key) for key in self.params
                 if key in request.query_params}
        self_url = f"{here}?{urlencode({**query, '_count': count, '_offset': offset}, True)}"
        next_url = None
        if offset + count < total:
            next_query = {**query, "_count": count, "_offset": offset + count}
            next_url = f"{here}?{urlencode(next_query, True)}"
        bundle = mapping.searchset([self.resource(row) for row in rows], base_url=base,
                                   self_url=self_url, total=total, next_url=next_url)
        return Response(mapping.as_json(bundle))

    @staticmethod
    def _paging(request: Request) -> tuple[int, int]:
        try:
            count = int(request.query_params.get("_count", DEFAULT_COUNT))
            offset = int(request.query_params.get("_offset", 0))
        except ValueError:
            raise exceptions.ValidationError(
                _("_count and _offset must be whole numbers.")) from None
        if not 1 <= count <= MAX_COUNT or offset < 0:
            raise exceptions.ValidationError(
                _("_count must be from 1 to %(max)s and _offset 0 or more.")
                % {"max": MAX_COUNT})
        return count, offset


def _log_search(request: Request, object_type: str,
                rows: list[tuple[list[int], int | None]]) -> None:
    """One event per health trust among the rows, as PersonDataViewSet._log_list_read."""
    scope_unit = access.scope_of(request.user).unit
    audit.record_list_read(
        request.user, READ, object_type, rows, via=request.path,
        filter=audit.filter_of(request.query_params),
        trust_id_if_empty=scope_unit.trust_id if scope_unit else None)


def _one(queryset: QuerySet, pk: int) -> Any:
    row = queryset.filter(pk=pk).first()
    if row is None:
        raise Http404
    return row


# --- Practitioner ---------------------------------------------------------------------


@extend_schema_view(get=extend_schema(operation_id="fhir_practitioner_read"))
class PractitionerRead(ReadView):
    permission_classes = [IsAuthenticated, SeesPersons]

    def record(self, request: Request, pk: int) -> Any:
        employees = adapter.with_practitioner_data(access.employees_for(request.user))
        employee = _one(employees, pk)
        audit.record(request.user, READ, employee, via=request.path)
        return mapping.practitioner(adapter.practitioner_record(employee, today()))


@extend_schema_view(get=extend_schema(
    operation_id="fhir_practitioner_search",
    summary=gettext_lazy("FHIR Practitioner search (searchset Bundle; planners: 403)"),
    parameters=[
        OpenApiParameter("identifier", str,
                         description=f"{mapping.HPR_SYSTEM}|<HPR number>"),
        OpenApiParameter("organization", str,
                         description=gettext_lazy("Unit code: people who hold or held a "
                                                  "position in its subtree")),
        OpenApiParameter("_count", int), OpenApiParameter("_offset", int),
    ],
    responses={200: OpenApiTypes.OBJECT},
))
class PractitionerSearch(SearchView):
    permission_classes = [IsAuthenticated, SeesPersons]
    params = ("identifier", "organization")

    def matches(self, request: Request) -> QuerySet:
        employees = access.employees_for(request.user)
        if "identifier" in request.query_params:
            employees = adapter.employees_by_identifier(
                employees, request.query_params["identifier"])
        if "organization" in request.query_params:
            employees = adapter.employees_in_unit(
                employees, request.query_params["organization"])
        return adapter.with_practitioner_data(employees)

    def resource(self, row: models.Model) -> Any:
        return mapping.practitioner(adapter.practitioner_record(row, today()))

    def audit_rows(self, request: Request, rows: list[models.Model]) -> None:
        _log_search(request, "workforce.employee",
                    [([row.pk], row.trust_id) for row in rows])


# --- PractitionerRole -----------------------------------------------------------------


@extend_schema_view(get=extend_schema(operation_id="fhir_practitionerrole_read"))
class PractitionerRoleRead(ReadView):
    permission_classes = [IsAuthenticated, SeesPersons]

    def record(self, request: Request, pk: int) -> Any:
        position = _one(adapter.with_role_data(access.positions_for(request.user)), pk)
        audit.record(request.user, READ, position, via=request.path)
        return mapping.practitioner_role(adapter.role_record(position), today())


@extend_schema_view(get=extend_schema(
    operation_id="fhir_practitionerrole_search",
    summary=gettext_lazy("FHIR PractitionerRole search (searchset Bundle; planners: 403)"),
    parameters=[
        OpenApiParameter("organization", str,
                         description=gettext_lazy("Unit code: positions in its subtree")),
        OpenApiParameter("practitioner", str, description=gettext_lazy("Practitioner id")),
        OpenApiParameter("_count", int), OpenApiParameter("_offset", int),
    ],
    responses={200: OpenApiTypes.OBJECT},
))
class PractitionerRoleSearch(SearchView):
    permission_classes = [IsAuthenticated, SeesPersons]
    params = ("organization", "practitioner")

    def matches(self, request: Request) -> QuerySet:
        positions = access.positions_for(request.user)
        if "organization" in request.query_params:
            positions = adapter.positions_in_unit(
                positions, request.query_params["organization"])
        if "practitioner" in request.query_params:
            reference = request.query_params["practitioner"].removeprefix("Practitioner/")
            if not reference.isdigit():
                return positions.none()
            positions = positions.filter(employee_id=int(reference))
        return adapter.with_role_data(positions)

    def resource(self, row: models.Model) -> Any:
        return mapping.practitioner_role(adapter.role_record(row), today())

    def audit_rows(self, request: Request, rows: list[models.Model]) -> None:
        _log_search(request, "workforce.position",
                    [([row.employee_id], row.employee.trust_id) for row in rows])


# --- Organization ---------------------------------------------------------------------


@extend_schema_view(get=extend_schema(operation_id="fhir_organization_read"))
class OrganizationRead(ReadView):
    def record(self, request: Request, pk: int) -> Any:
        unit = _one(adapter.with_unit_data(access.units_for(request.user)), pk)
        return mapping.organization(adapter.unit_record(unit))


@extend_schema_view(get=extend_schema(
    operation_id="fhir_organization_search",
    summary=gettext_lazy("FHIR Organization search: the units the user may open"),
    parameters=[
        OpenApiParameter("identifier", str,
                         description=f"{mapping.UNIT_CODE_SYSTEM}|<unit code>"),
        OpenApiParameter("_count", int), OpenApiParameter("_offset", int),
    ],
    responses={200: OpenApiTypes.OBJECT},
))
class OrganizationSearch(SearchView):
    params = ("identifier",)

    def matches(self, request: Request) -> QuerySet:
        units = access.units_for(request.user)
        if "identifier" in request.query_params:
            system, bar, value = request.query_params["identifier"].rpartition("|")
            if bar and system and system != mapping.UNIT_CODE_SYSTEM:
                return units.none()
            units = units.filter(code=value)
        return adapter.with_unit_data(units)

    def resource(self, row: models.Model) -> Any:
        return mapping.organization(adapter.unit_record(row))


class Metadata(FHIRView):
    """The CapabilityStatement: what this server answers."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT},
                   summary=gettext_lazy("FHIR CapabilityStatement"))
    def get(self, request: Request) -> Response:
        statement = mapping.capability_statement(today())
        return Response(mapping.as_json(statement))
