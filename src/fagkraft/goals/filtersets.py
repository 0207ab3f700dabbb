"""Filters of the goal list, shared by the page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from fagkraft.core.filters import SubtreeFilter
from fagkraft.goals.indicators import choices
from fagkraft.goals.models import Goal, Indicator, ManualValue


class GoalFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(field_name="text", lookup_expr="icontains", label=_("Search"))
    within = SubtreeFilter(label=_("Within unit"))
    kind = django_filters.ChoiceFilter(choices=Goal.Kind.choices, label=_("Kind"))
    deadline_year = django_filters.NumberFilter(field_name="deadline", lookup_expr="year",
                                                label=_("Deadline year"))

    class Meta:
        model = Goal
        fields = ["q", "within", "kind", "deadline_year"]


class IndicatorFilterSet(django_filters.FilterSet):
    # Ids, not choice lists: a list of every goal would reach beyond the user's scope.
    goal = django_filters.NumberFilter(label=_("Goal"))
    kind = django_filters.ChoiceFilter(choices=choices, label=_("Indicator"))

    class Meta:
        model = Indicator
        fields = ["goal", "kind"]


class ManualValueFilterSet(django_filters.FilterSet):
    indicator = django_filters.NumberFilter(label=_("Indicator"))

    class Meta:
        model = ManualValue
        fields = ["indicator"]
