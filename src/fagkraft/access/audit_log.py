"""The audit log: advisers read their trust's events, administrators all."""

from __future__ import annotations

from django.db.models import QuerySet

from fagkraft.access.scope import User, scope_of
from fagkraft.accounts.models import Role
from fagkraft.audit.models import AuditEvent


def may_read_audit_log(user: User) -> bool:
    return scope_of(user).reads_audit_log


def audit_events_for(user: User) -> QuerySet[AuditEvent]:
    scope = scope_of(user)
    if scope.role == Role.ADMIN:
        return AuditEvent.objects.all()
    if scope.role == Role.ADVISER and scope.unit is not None:
        return AuditEvent.objects.filter(trust=scope.unit)
    return AuditEvent.objects.none()
