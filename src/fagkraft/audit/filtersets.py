"""Filters on the audit log, shared by the audit page, its exports and the API."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from fagkraft import access
from fagkraft.audit.models import AuditEvent, AuditPerson
from fagkraft.core.filters import DayFilter

# Types the log uses for reads that are not of one model: a page of figures about people.
PSEUDO_TYPES = {
    "competence.status": _("Competence status"),
}


def record_types() -> list[tuple[str, str]]:
    """Every Fagkraft model, as the log names it (label_lower) and as people read it."""
    types = [(model._meta.label_lower, record_type_label(model._meta.label_lower))
             for model in apps.get_models() if model.__module__.startswith("fagkraft.")]
    types += [(name, str(label)) for name, label in PSEUDO_TYPES.items()]
    return sorted(types, key=lambda pair: pair[1])


def record_type_label(object_type: str) -> str:
    """'workforce.employee' -> 'Ansatt'; 'competence.status' -> 'Kompetansestatus'; an
    unknown type is shown as it is."""
    if object_type in PSEUDO_TYPES:
        return str(PSEUDO_TYPES[object_type])
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return object_type
    return str(capfirst(model._meta.verbose_name))


def _events_naming(employee_ids) -> QuerySet:
    # A subquery, not a join: an event naming several of the people is listed once.
    return AuditPerson.objects.filter(employee_id__in=employee_ids).values("event_id")




class AuditEventFilterSet(django_filters.FilterSet):
    """Build with the request: the person search looks among the people the user may see.

    The events themselves come scoped from fagkraft.access (audit_events_for).
    """

    # Who acted: user name or the name on the account.
    user = django_filters.CharFilter(method="filter_user", label=_("User"))
    actor = django_filters.NumberFilter(field_name="user_id", label=_("User id"))
    # Whom it was about: an employee id, or a name or employee number to look up.
    person = django_filters.NumberFilter(method="filter_person", label=_("Person (employee id)"))
    person_name = django_filters.CharFilter(method="filter_person_name", label=_("Person"))
    action = django_filters.ChoiceFilter(choices=AuditEvent.Action.choices, label=_("Action"))
    object_type = django_filters.ChoiceFilter(choices=record_types, label=_("Record type"))
    object_id = django_filters.CharFilter(label=_("Record id"))
    date_from = DayFilter(method="filter_from", label=_("From date"))
    date_to = DayFilter(method="filter_to", label=_("To date"))

    class Meta:
        model = AuditEvent
        fields = ["user", "actor", "person", "person_name", "action", "object_type",
                  "object_id", "date_from", "date_to"]

    def filter_user(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(username__icontains=value) | Q(user__first_name__icontains=value)
                               | Q(user__last_name__icontains=value))

    def filter_person(self, queryset: QuerySet, name: str, value: int) -> QuerySet:
        return queryset.filter(pk__in=_events_naming([int(value)]))

    def filter_person_name(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        user = getattr(self.request, "user", None)
        if user is None:
            return queryset.none()
        people = access.employees_for(user)
        for word in value.split():
            people = people.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word)
                                   | Q(employee_number=word))
        return queryset.filter(pk__in=_events_naming(people.values("pk")))

    # Dates are whole local days (Europe/Oslo); `at__date` converts the stored UTC time.
    def filter_from(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(at__date__gte=value)

    def filter_to(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(at__date__lte=value)
