"""Menu entries of this app; registered with fagkraft.core.menu in AuditConfig.ready."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fagkraft.access import Scope


def items(scope: Scope, unit: Any) -> list[tuple[str, str]]:
    """(label, url) pairs this role sees; the log is the same whatever the home unit."""
    if scope.reads_audit_log:
        return [(_("Audit log"), reverse("audit:list"))]
    return []
