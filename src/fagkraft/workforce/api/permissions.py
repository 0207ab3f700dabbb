"""API permissions. They only ask fagkraft.access; the rules themselves live there."""

from __future__ import annotations

from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.views import APIView

from fagkraft import access
from fagkraft.accounts.models import Role


class SeesPersons(BasePermission):
    """Person-level endpoints. A regional planner sees aggregates only, so gets 403.

    Employees, leaders, advisers and administrators pass; what rows they get is decided
    by the scoped querysets in fagkraft.access.
    """

    def has_permission(self, request: Request, view: APIView) -> bool:
        return access.scope_of(request.user).sees_persons


class ReadsAuditLog(BasePermission):
    """The audit log is for advisers (their trust) and administrators (all)."""

    def has_permission(self, request: Request, view: APIView) -> bool:
        return access.scope_of(request.user).role in (Role.ADVISER, Role.ADMIN)
