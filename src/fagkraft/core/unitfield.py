"""Unit dropdowns that say which trust a unit belongs to where several trusts meet.

Three trusts may each have a "BUP Nord": an adviser's list holds one trust and shows the
names alone, but a planner's or an administrator's list spans the region, so each unit
below trust level is named with its trust: "BUP Nord (Nordvik HF)". Units are asked
only for `name`, `trust` and `trust_id`, so core stays free of the feature apps.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet


def unit_label(unit: Any, with_trust: bool) -> str:
    if with_trust and unit.trust_id and unit.trust_id != unit.pk:
        return f"{unit.name} ({unit.trust.name})"
    return str(unit.name)


class UnitChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField of units; see the module docstring for the labels."""

    _several_trusts: bool | None = None

    def _set_queryset(self, queryset: QuerySet[Any] | None) -> None:
        self._several_trusts = None
        if queryset is not None:
            queryset = queryset.select_related("trust")
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj: Any) -> str:
        if self._several_trusts is None:
            self._several_trusts = (self.queryset.exclude(trust__isnull=True)
                                    .values("trust_id").distinct().count() > 1)
        return unit_label(obj, self._several_trusts)
