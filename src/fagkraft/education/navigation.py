"""Menu entries of this app; registered with fagkraft.core.menu in its AppConfig.ready."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from fagkraft.access import Scope
from fagkraft.accounts.models import Role
from fagkraft.workforce.models import Unit


def items(scope: Scope, unit: Unit | None) -> list[tuple[str, str]]:
    """(label, url) pairs this role sees; `unit` is the user's home unit."""
    entries = []
    if unit is not None and scope.role in (Role.LEADER, Role.ADVISER, Role.ADMIN):
        entries.append((_("Education"), reverse("education:unit", args=[unit.pk])))
    elif unit is not None and scope.role == Role.PLANNER:
        entries.append((_("Education pipeline"), reverse("education:pipeline",
                                                         args=[unit.pk])))
    if scope.employee_id is not None:
        entries.append((_("My education"), reverse("education:mine")))
    return entries
