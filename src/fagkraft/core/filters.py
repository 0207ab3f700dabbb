"""Filters every app's FilterSets share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import django_filters
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.http import HttpRequest
from django_filters.constants import EMPTY_VALUES
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from fagkraft import access
from fagkraft.core.datefield import DateField
from fagkraft.core.unitfield import UnitChoiceField


def scoped(rows_for: Callable[[access.User], QuerySet]) -> Callable[[HttpRequest | None],
                                                                   QuerySet]:
    """A choice list for a FilterSet: `rows_for(user)` of the requesting user.

    Every ModelChoiceFilter's queryset goes through this (or is reference data), so a
    form never lists other units' or people's names, and an id outside the scope is "not
    a valid choice", the same answer as an id that does not exist. Without a request
    nothing (the anonymous user's scope is empty).
    """

    def choices(request: HttpRequest | None) -> QuerySet:
        return rows_for(request.user if request is not None else AnonymousUser())

    return choices


scoped_units = scoped(access.units_for)
scoped_employees = scoped(access.employees_for)


# The API takes the unit's id; said here, since a filter named after no model field
# ("within") leaves drf-spectacular to guess (and warn).
@extend_schema_field(OpenApiTypes.INT)
class UnitFilter(django_filters.ModelChoiceFilter):
    """A unit filter whose choices are named with their trust where trusts meet."""

    field_class = UnitChoiceField


class SubtreeFilter(UnitFilter):
    """Rows in a unit's subtree: the unit itself and every unit below it.

    `unit_path` is the lookup to the row's unit ("unit" for a position, "" for a unit
    itself); the choice list is the user's scoped units, so choosing a unit outside the
    scope is "not a valid choice", like an id that does not exist.
    """

    def __init__(self, *args: Any, unit_path: str = "unit", **kwargs: Any) -> None:
        kwargs.setdefault("queryset", scoped_units)
        super().__init__(*args, **kwargs)
        self.unit_path = unit_path

    def filter(self, queryset: QuerySet, value: Any) -> QuerySet:
        if value in EMPTY_VALUES:
            return queryset
        prefix = f"{self.unit_path}__" if self.unit_path else ""
        # The value is a Unit from the scoped choice list; asking its own class keeps
        # core free of imports of the feature apps.
        return queryset.filter(type(value).subtree_q(value.path, prefix))


class DayFilter(django_filters.DateFilter):
    """A date filter typed as dd.mm.yyyy (or yyyy-mm-dd), whatever the browser's locale."""

    field_class = DateField
