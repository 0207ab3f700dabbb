"""Read-only REST API of the funding programme, through fagkraft.access (access/funding.py).

Programmes and calls are open to every role; applications and decisions are the ones the
user may see; reviews only to the programme's administrators (all) and reviewers (their
own), others 403. Reads of applications and reviews are audit-logged like the pages.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from fagkraft import access
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.core.api import ScopedViewSet
from fagkraft.funding.api import serializers
from fagkraft.funding.filtersets import ApplicationFilterSet

READ = AuditEvent.Action.READ


class HasRole(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return access.scope_of(request.user).uses_funding


class HoldsReviewOffice(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        return (access.administers_any_programme(request.user)
                or access.reviewer_memberships(request.user).exists())


class _Audited(ScopedViewSet):
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        audit.record(request.user, READ, instance, via=request.path)
        return Response(self.get_serializer(instance).data)


@extend_schema_view(list=extend_schema(summary="Funding programmes"),
                    retrieve=extend_schema(summary="One funding programme"))
class ProgrammeViewSet(ScopedViewSet):
    permission_classes = [IsAuthenticated, HasRole]
    serializer_class = serializers.ProgrammeSerializer
    scoped = staticmethod(access.funding_programmes_for)

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().prefetch_related("budgets", "sub_goals",
                                                       "priority_groups")


@extend_schema_view(list=extend_schema(summary="Calls (rounds) of the funding programmes"),
                    retrieve=extend_schema(summary="One call"))
class CallViewSet(ScopedViewSet):
    permission_classes = [IsAuthenticated, HasRole]
    serializer_class = serializers.CallSerializer
    scoped = staticmethod(access.calls_for)


@extend_schema_view(list=extend_schema(summary="Funding applications the user may see"),
                    retrieve=extend_schema(summary="One funding application"))
class ApplicationViewSet(_Audited):
    permission_classes = [IsAuthenticated, HasRole]
    serializer_class = serializers.ApplicationSerializer
    filterset_class = ApplicationFilterSet
    scoped = staticmethod(access.applications_for)

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().prefetch_related("partners", "budget_lines",
                                                       "sub_goals", "priority_groups")


@extend_schema_view(list=extend_schema(summary="Reviews: all for administrators, own for "
                                               "reviewers"),
                    retrieve=extend_schema(summary="One review"))
class ReviewViewSet(_Audited):
    permission_classes = [IsAuthenticated, HoldsReviewOffice]
    serializer_class = serializers.ReviewSerializer
    scoped = staticmethod(access.reviews_for)
    related = ("assignment__reviewer",)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        data = response.data
        count = data["count"] if isinstance(data, dict) else len(data)
        audit.record_bulk_read(request.user, READ, "funding.review", count,
                               trust_id=None, via=request.path,
                               filter=audit.filter_of(request.query_params))
        return response


@extend_schema_view(list=extend_schema(summary="Decisions on the applications the user "
                                               "may see"),
                    retrieve=extend_schema(summary="One decision"))
class DecisionViewSet(ScopedViewSet):
    permission_classes = [IsAuthenticated, HasRole]
    serializer_class = serializers.DecisionSerializer
    scoped = staticmethod(access.decisions_for)

    def get_queryset(self) -> QuerySet:
        return super().get_queryset().prefetch_related("amounts")
