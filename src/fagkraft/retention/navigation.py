"""Menu entries of this app; registered with fagkraft.core.menu in its AppConfig.ready."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from fagkraft import access
from fagkraft.access import Scope
from fagkraft.workforce.models import Unit


def items(scope: Scope, unit: Unit | None) -> list[tuple[str, str]]:
    """(label, url) pairs this role sees; `unit` is the user's home unit."""
    # The retention pages are for every role with unit pages (access/retention.py).
    if not scope.sees_units or unit is None:
        return []
    entries = [(_("Retention"), reverse("retention:unit", args=[unit.pk]))]
    if access.priority_rule_in_menu(scope):
        entries.append((_("Priority rule"), reverse("retention:priority", args=[unit.pk])))
    return entries
