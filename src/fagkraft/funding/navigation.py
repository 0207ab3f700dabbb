"""Menu entries of this app; registered with fagkraft.core.menu in its AppConfig.ready."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from fagkraft.access import Scope
from fagkraft.workforce.models import Unit


def items(scope: Scope, unit: Unit | None) -> list[tuple[str, str]]:
    """(label, url) pairs this role sees; `unit` is the user's home unit.

    Programmes are public to every role (fagkraft.access.funding); what a user may do in
    them depends on their offices, shown on the programme's pages."""
    if scope.uses_funding:
        return [(_("Funding programme"), reverse("funding:programme_list"))]
    return []
