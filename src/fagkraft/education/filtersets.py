"""Filters shared by the education pages and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from fagkraft import access
from fagkraft.core.filters import SubtreeFilter, scoped
from fagkraft.education.models import (
    Candidate,
    LearningActivity,
    LearningGoal,
    PathwayTemplate,
    SupervisionSession,
)


class CandidateFilterSet(django_filters.FilterSet):
    template = django_filters.ModelChoiceFilter(
        queryset=PathwayTemplate.objects.all(), label=_("Pathway"))
    kind = django_filters.ChoiceFilter(field_name="template__kind",
                                       choices=PathwayTemplate.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=Candidate.Status.choices, label=_("Status"))
    # Scoped: the dropdown lists only units the requesting user may open.
    unit = SubtreeFilter(label=_("Unit"))

    class Meta:
        model = Candidate
        fields = ["template", "kind", "status", "unit"]


class LearningGoalFilterSet(django_filters.FilterSet):
    common = django_filters.BooleanFilter(field_name="template", lookup_expr="isnull",
                                          label=_("Common competence goal"))

    class Meta:
        model = LearningGoal
        fields = ["template", "common", "active"]


class LearningActivityFilterSet(django_filters.FilterSet):
    candidate = django_filters.ModelChoiceFilter(queryset=scoped(access.candidates_for),
                                                 label=_("Candidate"))
    signed = django_filters.BooleanFilter(field_name="signed_at", lookup_expr="isnull",
                                          exclude=True, label=_("Signed"))

    class Meta:
        model = LearningActivity
        fields = ["candidate", "goal", "signed"]


class SupervisionSessionFilterSet(django_filters.FilterSet):
    candidate = django_filters.ModelChoiceFilter(queryset=scoped(access.candidates_for),
                                                 label=_("Candidate"))
    supervisor = django_filters.ModelChoiceFilter(queryset=scoped(access.supervisors_for),
                                                  label=_("Supervisor"))
    held_from = django_filters.DateFilter(field_name="held_on", lookup_expr="gte",
                                          label=_("On or after"))
    held_to = django_filters.DateFilter(field_name="held_on", lookup_expr="lte",
                                        label=_("On or before"))

    class Meta:
        model = SupervisionSession
        fields = ["candidate", "supervisor", "individual", "held_from", "held_to"]
