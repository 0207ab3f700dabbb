"""Filters of the application lists, shared by the call page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from fagkraft.funding.models import Application


class ApplicationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label=_("Search"))
    state = django_filters.ChoiceFilter(choices=Application.State.choices, label=_("State"))

    class Meta:
        model = Application
        fields = ["q", "state", "call"]
