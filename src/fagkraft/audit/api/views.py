"""The audit log over the API, with the page's scoping and filters."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from fagkraft import access
from fagkraft.audit.api.serializers import AuditEventSerializer
from fagkraft.audit.filtersets import AuditEventFilterSet
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.views import log_reading_the_log
from fagkraft.core.api import ReadsAuditLog, ScopedFilterBackend


@extend_schema_view(
    list=extend_schema(summary=_("Audit events, newest first (advisers: their trust; "
                               "administrators: all; others: 403)")),
    retrieve=extend_schema(summary=_("One audit event")),
)
class AuditEventViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = AuditEventSerializer
    filterset_class = AuditEventFilterSet
    filter_backends = [ScopedFilterBackend]
    permission_classes = [IsAuthenticated, ReadsAuditLog]

    def get_queryset(self) -> QuerySet:
        return (access.audit_events_for(self.request.user).prefetch_related("persons")
                .order_by("-at", "-id"))

    # Reading the log is logged like the page: the persons of the events returned.
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page if page is not None else queryset)
        count = self.paginator.count if page is not None else len(rows)
        log_reading_the_log(request, AuditEvent.Action.READ, rows, count)
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        log_reading_the_log(request, AuditEvent.Action.READ, [instance], 1)
        return Response(self.get_serializer(instance).data)
