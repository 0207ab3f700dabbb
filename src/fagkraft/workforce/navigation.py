"""Menu entries of this app; registered with fagkraft.core.menu in WorkforceConfig.ready."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from fagkraft.access import Scope
from fagkraft.workforce.models import Unit


def items(scope: Scope, unit: Unit | None) -> list[tuple[str, str]]:
    """(label, url) pairs this role sees; `unit` is the user's home unit."""
    entries = []
    if unit is not None:
        entries.append((_("Units"), reverse("workforce:unit", args=[unit.pk])))
    if scope.sees_persons:
        entries.append((_("Employees"), reverse("workforce:employee_list")))
    if scope.sees_units:
        entries.append((_("Vacancies"), reverse("workforce:vacancy_list")))
    return entries
