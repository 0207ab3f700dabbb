"""Filters on the audit log, shared by the audit page, its exports and the API."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.apps import apps
from django.db.models import QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from fagkraft.audit.models import AuditEvent


def record_types() -> list[tuple[str, str]]:
    """Every Fagkraft model, as the log names it (label_lower) and as people read it."""
    types = [(model._meta.label_lower, record_type_label(model._meta.label_lower))
             for model in apps.get_models() if model.__module__.startswith("fagkraft.")]
    return sorted(types, key=lambda pair: pair[1])


def record_type_label(object_type: str) -> str:
    """'workforce.employee' -> 'Ansatt'; a type that is not a model is shown as it is."""
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(capfirst(model._meta.verbose_name))


# The browser's date picker sends and expects ISO dates; typed dd.mm.yyyy also parses.
DATE_PICKER = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


class AuditEventFilterSet(django_filters.FilterSet):
    user = django_filters.CharFilter(field_name="username", lookup_expr="icontains",
                                     label=_("User"))
    action = django_filters.ChoiceFilter(choices=AuditEvent.Action.choices, label=_("Action"))
    object_type = django_filters.ChoiceFilter(choices=record_types, label=_("Record type"))
    object_id = django_filters.CharFilter(label=_("Record id"))
    date_from = django_filters.DateFilter(method="filter_from", label=_("From date"),
                                          widget=forms.DateInput(**DATE_PICKER))
    date_to = django_filters.DateFilter(method="filter_to", label=_("To date"),
                                        widget=forms.DateInput(**DATE_PICKER))

    class Meta:
        model = AuditEvent
        fields = ["user", "action", "object_type", "object_id", "date_from", "date_to"]

    # Dates are whole local days (Europe/Oslo); `at__date` converts the stored UTC time.
    def filter_from(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(at__date__gte=value)

    def filter_to(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(at__date__lte=value)
