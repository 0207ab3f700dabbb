"""Filters shared by the competence list pages, the API and the exports."""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from fagkraft import access
from fagkraft.competence import kept
from fagkraft.competence.models import (
    Competence,
    Completion,
    Plan,
    PlanActivity,
    RequirementRule,
    TeacherEntry,
    TeachingPackage,
)
from fagkraft.core import dates
from fagkraft.core.filters import scoped, scoped_employees, scoped_units
from fagkraft.workforce.models import Position, Unit


def _search(queryset: QuerySet, value: str) -> QuerySet:
    return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))


def employees_in_unit(unit: Unit, prefix: str = "employee_id") -> Q:
    """People with a position held today in the unit's subtree: the kept members when
    they hold for today (the services keep them with every position), else from the
    positions."""
    today = dates.today()
    if kept.members_hold_for(today):
        return Q(**{f"{prefix}__in": kept.members_in(unit)})
    current = Position.objects.filter(
        Position.active_on_q(today), Unit.subtree_q(unit.path, "unit__")
    ).values("employee_id")
    return Q(**{f"{prefix}__in": current})


class CompetenceFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    kind = django_filters.ChoiceFilter(choices=Competence.Kind.choices, label=_("Kind"))
    active = django_filters.BooleanFilter(label=_("Active"))
    expires = django_filters.BooleanFilter(method="filter_expires", label=_("Expires"))

    class Meta:
        model = Competence
        fields = ["q", "kind", "active", "expires"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _search(queryset, value)

    def filter_expires(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        return queryset.filter(validity_months__isnull=not value)


class RequirementRuleFilterSet(django_filters.FilterSet):
    competence = django_filters.ModelChoiceFilter(
        queryset=Competence.objects.all(), label=_("Competence")
    )
    applies_in = django_filters.ModelChoiceFilter(
        queryset=scoped_units, method="filter_applies_in",
        label=_("May apply in unit"),
    )

    class Meta:
        model = RequirementRule
        fields = ["competence", "profession", "profession_group", "service_area",
                  "care_level", "position_kind", "active", "applies_in"]

    def filter_applies_in(self, queryset: QuerySet, name: str, value: Unit) -> QuerySet:
        """Rules whose unit criterion is empty, the unit itself, an ancestor or inside it."""
        ancestors = [code for code in value.path.strip("/").split("/") if code]
        return queryset.filter(
            Q(unit__isnull=True) | Q(unit__code__in=ancestors)
            | Unit.subtree_q(value.path, "unit__")
        )


class CompletionFilterSet(django_filters.FilterSet):
    employee = django_filters.ModelChoiceFilter(queryset=scoped_employees, label=_("Employee"))
    competence = django_filters.ModelChoiceFilter(
        queryset=Competence.objects.all(), label=_("Competence")
    )
    # Not a SubtreeFilter: "in the unit" means holding a position there today.
    unit = django_filters.ModelChoiceFilter(
        queryset=scoped_units, method="filter_unit", label=_("Unit")
    )
    completed_from = django_filters.DateFilter(
        field_name="completed_on", lookup_expr="gte", label=_("Completed on or after")
    )
    completed_to = django_filters.DateFilter(
        field_name="completed_on", lookup_expr="lte", label=_("Completed on or before")
    )

    class Meta:
        model = Completion
        fields = ["employee", "competence", "status", "source", "unit",
                  "completed_from", "completed_to"]

    def filter_unit(self, queryset: QuerySet, name: str, value: Unit) -> QuerySet:
        return queryset.filter(employees_in_unit(value))


class PlanFilterSet(django_filters.FilterSet):
    employee = django_filters.ModelChoiceFilter(queryset=scoped_employees, label=_("Employee"))
    unit = django_filters.ModelChoiceFilter(
        queryset=scoped_units, method="filter_unit", label=_("Unit")
    )

    class Meta:
        model = Plan
        fields = ["employee", "kind", "year", "unit"]

    def filter_unit(self, queryset: QuerySet, name: str, value: Unit) -> QuerySet:
        return queryset.filter(employees_in_unit(value))


class PlanActivityFilterSet(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(queryset=scoped(access.plans_for), label=_("Plan"))
    target_from = django_filters.DateFilter(
        field_name="target_date", lookup_expr="gte", label=_("Target date on or after")
    )
    target_to = django_filters.DateFilter(
        field_name="target_date", lookup_expr="lte", label=_("Target date on or before")
    )

    class Meta:
        model = PlanActivity
        fields = ["plan", "competence", "status", "target_from", "target_to"]


class TeacherEntryFilterSet(django_filters.FilterSet):
    employee = django_filters.ModelChoiceFilter(queryset=scoped_employees, label=_("Employee"))

    class Meta:
        model = TeacherEntry
        fields = ["competence", "role", "active", "employee"]


class TeachingPackageFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    owner_unit = django_filters.ModelChoiceFilter(queryset=scoped_units, label=_("Owner unit"))
    competence = django_filters.ModelChoiceFilter(
        queryset=Competence.objects.all(), field_name="competences", label=_("Competence")
    )

    class Meta:
        model = TeachingPackage
        fields = ["q", "shared", "owner_unit", "competence", "active"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return _search(queryset, value)
