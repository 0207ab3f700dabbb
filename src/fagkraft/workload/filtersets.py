"""Filters of the WISN study list, shared by the page and the API."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fagkraft.workforce.filtersets import scoped_units
from fagkraft.workforce.models import Unit
from fagkraft.workload.models import WisnStudy


class StudyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    within = django_filters.ModelChoiceFilter(queryset=scoped_units, method="filter_within",
                                              label=_("Within unit"))
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = WisnStudy
        fields = ["q", "within", "year"]

    def filter_within(self, queryset: QuerySet, name: str, value: Unit) -> QuerySet:
        return queryset.filter(Unit.subtree_q(value.path, "unit__"))
