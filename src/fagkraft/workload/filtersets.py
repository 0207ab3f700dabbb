"""Filters of the WISN study list, shared by the page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from fagkraft.core.filters import SubtreeFilter
from fagkraft.workload.models import WisnStudy


class StudyFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="name", lookup_expr="icontains", label=_("Search"))
    within = SubtreeFilter(label=_("Within unit"))
    year = django_filters.NumberFilter(label=_("Year"))

    class Meta:
        model = WisnStudy
        fields = ["q", "within", "year"]
