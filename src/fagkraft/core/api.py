"""The bases every app's REST API builds on: scoped viewsets, person-data auditing,
the filter backend and the permissions. The rules themselves live in fagkraft.access.

- rows come from the scoped querysets in fagkraft.access (`scoped = access.<name>_for`);
- filters are the apps' FilterSets, built with the request so their choice lists are
  scoped as well (`ScopedFilterBackend`);
- person-level endpoints refuse a regional planner with 403 (`SeesPersons`): the role
  never sees persons, whatever the id; other roles get their scope, which may be empty;
- a record outside the user's scope answers 404, exactly like a record that does not
  exist, so the API does not reveal which ids exist elsewhere.

Reads of personal data are audit-logged: a detail read as one "read" event on the
record, a list read as one event per health trust on the page returned (usually one),
carrying the number of rows, so advisers see reads of their own trust's people.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from django.db import models
from django.db.models import QuerySet
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from fagkraft import access
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent

READ = AuditEvent.Action.READ


class ScopedFilterBackend(DjangoFilterBackend):
    """django-filter's backend (it builds each FilterSet with the request, so the
    FilterSets' scoped choice lists apply), minus the filter form of DRF's browsable API.

    That form renders each ModelChoiceFilter as a select box; even scoped, the API's
    filters are documented in /api/docs/ and need no form of names.
    """

    def to_html(self, request: Request, queryset: QuerySet, view: APIView) -> None:
        return None


class SeesPersons(BasePermission):
    """Person-level endpoints. A regional planner sees aggregates only, so gets 403."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return access.sees_persons(request.user)


class ReadsAuditLog(BasePermission):
    """The audit log is for advisers (their trust) and administrators (all)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return access.may_read_audit_log(request.user)


class ReferenceViewSet(viewsets.ReadOnlyModelViewSet):
    """Reference data (catalogues, templates): open to every logged-in user."""

    filter_backends = [ScopedFilterBackend]


class ScopedViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only viewset whose rows are `scoped(user)` from fagkraft.access."""

    filter_backends = [ScopedFilterBackend]
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
        trust_id_if_empty = access.scope_trust_id(request.user)
        audit.record_list_read(
            request.user, READ, model._meta.label_lower,
            [(audit.person_ids_of(row), self.trust_id_of(row)) for row in rows],
            via=request.path, filter=audit.filter_of(request.query_params),
            trust_id_if_empty=trust_id_if_empty)
