"""Filters on the audit log, shared by the audit page, its exports and the API."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fagkraft.audit.models import AuditEvent

# Record types that appear in the log; label_lower of the models the services log.
RECORD_TYPES = [
    ("workforce.employee", _("Employee")),
    ("workforce.position", _("Position")),
    ("workforce.specialistapproval", _("Specialist approval")),
    ("workforce.vacancy", _("Vacancy")),
    ("workforce.unit", _("Unit")),
    ("workforce.profession", _("Profession")),
    ("workforce.specialty", _("Specialty")),
    ("audit.auditevent", _("Audit log")),
]

# The browser's date picker sends and expects ISO dates; typed dd.mm.yyyy also parses.
DATE_PICKER = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}


class AuditEventFilterSet(django_filters.FilterSet):
    user = django_filters.CharFilter(field_name="username", lookup_expr="icontains",
                                     label=_("User"))
    action = django_filters.ChoiceFilter(choices=AuditEvent.Action.choices, label=_("Action"))
    object_type = django_filters.ChoiceFilter(choices=RECORD_TYPES, label=_("Record type"))
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
