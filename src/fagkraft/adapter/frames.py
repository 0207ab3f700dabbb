"""What every adapter module shares: querysets read into DataFrames, and the scope filter.

Rows are read through the database cursor without Django's per-row model machinery: a
trust has tens of thousands of positions and the unit page must answer in well under a
second.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import pandas as pd
from django.db import connections
from django.db.models import CharField, Model, Q, QuerySet
from django.db.models.functions import Cast

from fagkraft.workforce.models import Unit

# Above this many units, filtering by the tree path lets the database scan positions once
# instead of probing the (unit, start, end) index per unit, which is slower on SQLite.
PATH_FILTER_MIN_UNITS = 10


def frame_from(
    queryset: QuerySet[Model], columns: Sequence[str], names: Sequence[str],
    dates: Sequence[str] = (),
) -> pd.DataFrame:
    """Selected columns of a queryset as a DataFrame, read straight from the cursor.

    The `dates` columns are read as ISO text ("2024-03-31"), which pandas parses in
    one vectorised step; as date objects they would be converted one by one, first by
    the database driver and then again by pandas, costing more than the query itself.
    """
    return pd.DataFrame.from_records(rows_from(queryset, columns, dates), columns=list(names))


def rows_from(
    queryset: QuerySet[Model], columns: Sequence[str], dates: Sequence[str] = ()
) -> list[tuple[Any, ...]]:
    """Selected columns of a queryset as the cursor's tuples (`dates` as ISO text), for
    callers that tally the rows in one pass and need no DataFrame."""
    selected = [
        Cast(column, output_field=CharField()) if column in dates else column
        for column in columns
    ]
    compiler = queryset.values_list(*selected).query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def in_scope(unit_ids: Sequence[int], path: str | None, prefix: str = "") -> Q:
    """Rows (by `prefix`unit) in the units: by tree path for a large subtree, else by id."""
    if path is not None and len(unit_ids) > PATH_FILTER_MIN_UNITS:
        return Unit.subtree_q(path, f"{prefix}unit__")
    return Q(**{f"{prefix}unit_id__in": list(unit_ids)})


def chunks(ids: Sequence[int], size: int = 500) -> Iterator[list[int]]:
    """The ids in sorted slices of `size`: keeps `IN (...)` lists within SQLite's limits."""
    ordered = sorted(ids)
    for start in range(0, len(ordered), size):
        yield ordered[start:start + size]
