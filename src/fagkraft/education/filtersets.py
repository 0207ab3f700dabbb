"""Filters shared by the education pages and the API."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from fagkraft.education.models import (
    Candidate,
    LearningActivity,
    LearningGoal,
    PathwayTemplate,
    SupervisionSession,
)
from fagkraft.workforce.filtersets import scoped_units
from fagkraft.workforce.models import Unit


class CandidateFilterSet(django_filters.FilterSet):
    template = django_filters.ModelChoiceFilter(
        queryset=PathwayTemplate.objects.all(), label=_("Pathway"))
    kind = django_filters.ChoiceFilter(field_name="template__kind",
                                       choices=PathwayTemplate.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=Candidate.Status.choices, label=_("Status"))
    # Scoped: the dropdown lists only units the requesting user may open.
    unit = django_filters.ModelChoiceFilter(queryset=scoped_units, method="filter_unit",
                                            label=_("Unit"))

    class Meta:
        model = Candidate
        fields = ["template", "kind", "status", "unit"]

    def filter_unit(self, queryset: QuerySet, name: str, value: Unit) -> QuerySet:
        return queryset.filter(Unit.subtree_q(value.path, "unit__"))


class LearningGoalFilterSet(django_filters.FilterSet):
    common = django_filters.BooleanFilter(field_name="template", lookup_expr="isnull",
                                          label=_("Common competence goal"))

    class Meta:
        model = LearningGoal
        fields = ["template", "common", "active"]


class LearningActivityFilterSet(django_filters.FilterSet):
    signed = django_filters.BooleanFilter(field_name="signed_at", lookup_expr="isnull",
                                          exclude=True, label=_("Signed"))

    class Meta:
        model = LearningActivity
        fields = ["candidate", "goal", "signed"]


class SupervisionSessionFilterSet(django_filters.FilterSet):
    held_from = django_filters.DateFilter(field_name="held_on", lookup_expr="gte",
                                          label=_("On or after"))
    held_to = django_filters.DateFilter(field_name="held_on", lookup_expr="lte",
                                        label=_("On or before"))

    class Meta:
        model = SupervisionSession
        fields = ["candidate", "supervisor", "individual", "held_from", "held_to"]
