"""Saved projection scenarios.

A Scenario holds the scenario document in the engine's format (docs/projections.md) as
JSON: every assumption a projection needs, so a saved scenario reproduces its figures
without the register and can be exported, copied or run from the command line. Where it
came from (a unit, optionally narrowed to one service area) is kept beside it, so the
planner can rebuild it from the register and access can be decided by unit.

Results are not stored: they follow from the document and are cached by its fingerprint
(fagkraft.projections.runs), so an edited scenario can never show an old result.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from fagkraft.workforce.models import Unit


def fingerprint(document: dict[str, Any]) -> str:
    """A stable hash of a scenario document (key order does not matter)."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Scenario(models.Model):
    name = models.CharField(_("name"), max_length=160)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="projection_scenarios",
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT,
        related_name="projection_scenarios",
        help_text=_("The trust, clinic or other unit whose staff the scenario starts from."),
    )
    service_area = models.CharField(
        _("service area"), max_length=10, blank=True,
        choices=[(value, label) for value, label in Unit.ServiceArea.choices
                 if value in ("phbu", "phv", "tsb")],
        help_text=_("Empty: every service area under the unit."),
    )
    document = models.JSONField(_("scenario"), default=dict)
    notes = models.TextField(_("notes"), blank=True)
    # The register figures the scenario was built from (stock, turnover estimate with its
    # counts, recruits, pipeline), kept so the page shows the estimate next to an override.
    register_basis = models.JSONField(_("register basis"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["unit__path", "name", "pk"]
        verbose_name = _("projection scenario")
        verbose_name_plural = _("projection scenarios")

    def __str__(self) -> str:
        return self.name

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.document)
