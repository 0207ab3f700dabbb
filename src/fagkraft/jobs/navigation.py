"""Menu entries of this app; registered with fagkraft.core.menu in JobsConfig.ready."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from fagkraft.access import Scope


def items(scope: Scope, unit: Any) -> list[tuple[str, str]]:
    """Every logged-in role has its own jobs (the list shows only the user's own)."""
    return [(_("My jobs"), reverse("jobs:list"))]
