"""Saved column maps and the record of every import (with the file, so nothing is lost
between the preview and the confirmation)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ColumnMap(models.Model):
    """How another system's headers translate to ours: {their header: our column name}."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    trust = models.ForeignKey(
        "workforce.Unit", verbose_name=_("health trust"), null=True, blank=True,
        on_delete=models.CASCADE, related_name="+",
        help_text=_("Empty: available to every health trust."),
    )
    mapping = models.JSONField(_("column mapping"), default=dict)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("column map")
        verbose_name_plural = _("column maps")

    def __str__(self) -> str:
        return self.name


class ImportJob(models.Model):
    class Kind(models.TextChoices):
        EMPLOYEES = "employees", _("Employees and positions")
        COMPLETIONS = "completions", _("Competence completions")

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("Previewed")
        COMMITTED = "committed", _("Imported")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices,
                            default=Kind.EMPLOYEES)
    file_name = models.CharField(_("file name"), max_length=200)
    data = models.BinaryField(_("file content"))
    column_map = models.ForeignKey(
        ColumnMap, verbose_name=_("column map"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="jobs",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    # The unit the uploader's role applied to (leader's unit, adviser's trust), so the
    # history can be scoped like everything else; empty for administrators.
    scope_unit = models.ForeignKey(
        "workforce.Unit", verbose_name=_("unit"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PREVIEWED)
    summary = models.JSONField(_("result"), default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%d.%m.%Y %H:%M})"
