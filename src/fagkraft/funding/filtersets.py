"""Filters of the application lists, shared by the call page and the API."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fagkraft import access
from fagkraft.funding.models import Application, Call


def _calls(request: Any) -> QuerySet[Call]:
    return access.calls_for(request.user) if request is not None else Call.objects.none()


class ApplicationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Search"))
    state = django_filters.ChoiceFilter(choices=Application.State.choices, label=_("State"))
    call = django_filters.ModelChoiceFilter(queryset=_calls, label=_("Call"))

    class Meta:
        model = Application
        fields = ["q", "state", "call"]
