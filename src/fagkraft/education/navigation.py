"""Menu entries of this app; registered with fagkraft.core.menu in its AppConfig.ready."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from fagkraft.access import Scope
from fagkraft.workforce.models import Unit


def items(scope: Scope, unit: Unit | None) -> list[tuple[str, str]]:
    """(label, url) pairs this role sees; `unit` is the user's home unit."""
    entries = []
    if unit is not None and scope.manages_people:
        entries.append((_("Education"), reverse("education:unit", args=[unit.pk])))
    elif unit is not None and scope.is_planner:
        entries.append((_("Education pipeline"), reverse("education:pipeline",
                                                         args=[unit.pk])))
    if scope.employee_id is not None:
        entries.append((_("My education"), reverse("education:mine")))
    return entries
