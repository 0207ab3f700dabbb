"""Many rows of plain values read without Django's per-row converters.

A `values_list` query runs each value of each row through the backend's converters; the
generator chain around them costs more per row than the query itself when a page reads
tens of thousands of rows (a trust's compliance statuses). These reads take the rows as
the driver returns them and make sure only that the date columns hold dates: SQLite's
driver already parses a column declared `date`, but a column of a compound or computed
SELECT may come back as ISO text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import connections
from django.db.models import QuerySet


def plain_rows(query: QuerySet[Any], date_columns: Sequence[int] = ()) -> list[tuple[Any, ...]]:
    """The rows of a `values_list` (or union of them) query as tuples, with the columns
    at `date_columns` as dates (ISO text parsed; None kept). Only for columns whose
    driver value is the Python value (integers, text, dates): not for datetimes,
    decimals or booleans on SQLite."""
    connection = connections[query.db]
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not date_columns:
        return [tuple(row) for row in rows]
    parse = dt.date.fromisoformat
    converted = []
    for row in rows:
        values = list(row)
        for index in date_columns:
            if isinstance(values[index], str):
                values[index] = parse(values[index])
        converted.append(tuple(values))
    return converted
