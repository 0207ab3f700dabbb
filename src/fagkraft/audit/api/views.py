"""The audit log over the API, with the page's scoping and filters."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated

from fagkraft import access
from fagkraft.audit.api.serializers import AuditEventSerializer
from fagkraft.audit.filtersets import AuditEventFilterSet
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
        return access.audit_events_for(self.request.user).order_by("-at", "-id")
