"""Filters shared by the list pages, the API and the exports (one definition each)."""

from __future__ import annotations

import datetime as dt

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from fagkraft.core import dates
from fagkraft.core.filters import SubtreeFilter, UnitFilter, scoped_employees, scoped_units
from fagkraft.workforce.models import (
    Employee,
    Position,
    PositionKind,
    Profession,
    SpecialistApproval,
    Unit,
    Vacancy,
)


class AllYesNo(forms.Select):
    """Yes/no filter whose empty choice reads "All" (django-filter's says "Unknown")."""

    def __init__(self, attrs=None):
        super().__init__(attrs, choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))])

    def value_from_datadict(self, data, files, name):
        value = data.get(name)
        return {"true": True, "false": False, "True": True, "False": False}.get(value)

    def format_value(self, value: object) -> list[str]:
        # A bound form hands back the parsed True/False: select the option it came from,
        # so the dropdown shows the filter in force (str(True) matches no option).
        return [{"true": "true", "false": "false"}.get(str(value).lower(), "")]




class UnitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    level = django_filters.ChoiceFilter(choices=Unit.Level.choices, label=_("Level"))
    service_area = django_filters.ChoiceFilter(
        choices=Unit.ServiceArea.choices, label=_("Service area")
    )
    care_level = django_filters.ChoiceFilter(choices=Unit.CareLevel.choices, label=_("Care level"))
    parent = django_filters.ModelChoiceFilter(queryset=scoped_units, label=_("Parent unit"))
    within = SubtreeFilter(unit_path="", label=_("Within unit"))

    class Meta:
        model = Unit
        fields = ["q", "level", "service_area", "care_level", "parent", "within"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))


class ProfessionFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"))
    group = django_filters.ChoiceFilter(choices=Profession.Group.choices, label=_("Group"))

    class Meta:
        model = Profession
        fields = ["q", "group", "hpr_category", "styrk_code"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))


class EmployeeFilterSet(django_filters.FilterSet):
    """Filters on people. `unit` means: holds a current position in that unit's subtree."""

    q = django_filters.CharFilter(method="search", label=_("Search"))
    unit = UnitFilter(queryset=scoped_units, method="filter_unit", label=_("Unit"))
    profession = django_filters.ModelChoiceFilter(
        queryset=Profession.objects.all(), label=_("Profession")
    )
    position_kind = django_filters.ChoiceFilter(
        choices=PositionKind.choices, method="filter_position_kind", label=_("Position type")
    )
    specialist = django_filters.BooleanFilter(
        method="filter_specialist", label=_("Specialist"), widget=AllYesNo
    )
    current = django_filters.BooleanFilter(
        method="filter_current", label=_("Employed now"), widget=AllYesNo
    )

    class Meta:
        model = Employee
        fields = ["q", "unit", "profession", "position_kind", "specialist", "current", "sex"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Q(first_name__icontains=value)
            | Q(last_name__icontains=value)
            | Q(employee_number__iexact=value)
        )

    def _current_positions(self) -> QuerySet:
        positions = Position.objects.filter(Position.active_on_q(dates.today()))
        unit = self.form.cleaned_data.get("unit") if hasattr(self.form, "cleaned_data") else None
        if unit is not None:
            positions = positions.filter(Unit.subtree_q(unit.path, "unit__"))
        return positions

    def filter_unit(self, queryset: QuerySet, name: str, value: Unit) -> QuerySet:
        if value.level in (Unit.Level.TRUST, Unit.Level.REGION):
            # Every position of a trust's employee lies in that trust (the services check
            # it), so "employed now in this trust" needs no join through the unit tree.
            current = Position.objects.filter(
                Position.active_on_q(dates.today()), employee_id=OuterRef("pk"))
            in_scope = (Q(trust_id=value.pk) if value.level == Unit.Level.TRUST
                        else Q(trust__region_id=value.pk))
            return queryset.filter(in_scope, Exists(current))
        return queryset.filter(pk__in=self._current_positions().values("employee_id"))

    def filter_position_kind(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        positions = self._current_positions().filter(kind=value)
        return queryset.filter(pk__in=positions.values("employee_id"))

    def filter_current(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        current = Position.objects.filter(Position.active_on_q(dates.today())).values("employee_id")
        return queryset.filter(pk__in=current) if value else queryset.exclude(pk__in=current)

    def filter_specialist(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        active = SpecialistApproval.objects.filter(
            SpecialistApproval.active_on_q(dates.today()), employee=OuterRef("pk")
        )
        return queryset.filter(Exists(active)) if value else queryset.exclude(Exists(active))


class PositionFilterSet(django_filters.FilterSet):
    employee = django_filters.ModelChoiceFilter(
        queryset=scoped_employees, label=_("Employee")
    )
    unit = SubtreeFilter(label=_("Unit"))
    kind = django_filters.ChoiceFilter(choices=PositionKind.choices, label=_("Position type"))
    active_on = django_filters.DateFilter(method="filter_active_on", label=_("Active on"))
    ended_from = django_filters.DateFilter(field_name="end_date", lookup_expr="gte",
                                           label=_("Ended on or after"))
    ended_to = django_filters.DateFilter(field_name="end_date", lookup_expr="lte",
                                         label=_("Ended on or before"))

    class Meta:
        model = Position
        fields = ["employee", "unit", "kind", "active_on", "leaving_reason"]

    def filter_active_on(self, queryset: QuerySet, name: str, value: dt.date) -> QuerySet:
        return queryset.filter(Position.active_on_q(value))


class SpecialistApprovalFilterSet(django_filters.FilterSet):
    employee = django_filters.ModelChoiceFilter(queryset=scoped_employees, label=_("Employee"))

    class Meta:
        model = SpecialistApproval
        fields = ["employee", "specialty"]


class VacancyFilterSet(django_filters.FilterSet):
    unit = SubtreeFilter(label=_("Unit"))
    profession = django_filters.ModelChoiceFilter(
        queryset=Profession.objects.all(), label=_("Profession")
    )
    is_open = django_filters.BooleanFilter(
        method="filter_open", label=_("Open now"), widget=AllYesNo
    )

    class Meta:
        model = Vacancy
        fields = ["unit", "profession", "kind", "is_open"]

    def filter_open(self, queryset: QuerySet, name: str, value: bool) -> QuerySet:
        open_q = Q(filled_on__isnull=True, closed_on__isnull=True)
        return queryset.filter(open_q) if value else queryset.exclude(open_q)
