"""Filters of the goal list, shared by the page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from fagkraft.core.filters import SubtreeFilter
from fagkraft.goals.models import Goal


class GoalFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="text", lookup_expr="icontains", label=_("Search"))
    within = SubtreeFilter(label=_("Within unit"))
    kind = django_filters.ChoiceFilter(choices=Goal.Kind.choices, label=_("Kind"))
    deadline_year = django_filters.NumberFilter(field_name="deadline", lookup_expr="year",
                                                label=_("Deadline year"))

    class Meta:
        model = Goal
        fields = ["q", "within", "kind", "deadline_year"]
