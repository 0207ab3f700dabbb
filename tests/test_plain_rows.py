"""core.plain_rows: the rows of a values_list query without Django's per-row converters
must be exactly what the queryset gives, dates included, on both databases."""

from __future__ import annotations

import datetime as dt

from django.db.models import CharField, DateField, Value
from django.db.models.functions import Cast

from fagkraft.core.plain_rows import plain_rows
from fagkraft.workforce.models import Employee, Position


def _key(row: tuple) -> tuple:
    return tuple("" if value is None else str(value) for value in row)


def test_a_union_with_typed_nulls_reads_as_the_queryset_does(world):
    positions = Position.objects.order_by().values_list(
        "employee_id", "start_date", "end_date", "unit__path")
    people = Employee.objects.order_by().values_list(
        "pk", "birth_date", Cast(Value(None), output_field=DateField()), "last_name")
    query = positions.union(people, all=True)
    rows = plain_rows(query, date_columns=(1, 2))
    assert sorted(rows, key=_key) == sorted(list(query), key=_key)
    # The personas: four positions from 01.01.2015, open; Erik born 01.05.1980.
    assert sum(1 for row in rows if row[1] == dt.date(2015, 1, 1) and row[2] is None) == 4
    assert (world.erik.pk, dt.date(1980, 5, 1), None, "Ansatt") in rows


def test_a_computed_date_column_comes_back_as_a_date(world):
    # SQLite's driver parses only columns declared `date`; a computed one arrives as text.
    query = Employee.objects.order_by().values_list(
        Cast("birth_date", output_field=CharField()), "pk")
    texts = plain_rows(query)
    dates = plain_rows(query, date_columns=(0,))
    assert (world.kari.birth_date.isoformat(), world.kari.pk) in texts
    assert (dt.date(1960, 2, 3), world.kari.pk) in dates
