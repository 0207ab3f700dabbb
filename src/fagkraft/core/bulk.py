"""Bulk inserts without the ORM's per-value machinery, for the import's commit.

`bulk_create` compiles every value of every row through the SQL compiler (pre_save,
field_as_sql, prepare_value ...): for 100,000 employees, their positions and 200,000 audit
events that costs more than the database's own work. Here each field's value goes through
its `get_db_prep_save` only, the statements are plain multi-row INSERTs, and the new ids
come back with RETURNING (SQLite 3.35+ and PostgreSQL return them in the order of the
VALUES, which Django's bulk_create relies on as well).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from django.db import connections, models, router
from django.utils import timezone


def _batch_rows(connection: Any, columns: int) -> int:
    limit = connection.features.max_query_params or 30000
    if connection.vendor == "sqlite":  # Django assumes 999; SQLite builds allow 32,766
        connection.ensure_connection()
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return max(1, min(1000, limit // columns))


def _array_types(model: type[models.Model], columns: Sequence[str], connection: Any
                 ) -> list[str]:
    """PostgreSQL array type per column, without length limits (as Django's UNNEST)."""
    by_column = {field.column: field for field in model._meta.concrete_fields}
    return [str(by_column[name].db_type(connection)).split("(")[0] for name in columns]


def insert_rows(model: type[models.Model], columns: Sequence[str],
                rows: Sequence[Sequence[Any]], *, returning: bool = False,
                suffix: str = "") -> list[int]:
    """INSERT rows of values already prepared for the database; the new ids if asked.

    PostgreSQL gets one statement per batch with one array per column
    (`INSERT ... SELECT * FROM UNNEST(...)`, as Django's bulk_create does there): a
    multi-row VALUES with thousands of placeholders costs psycopg more to parse than
    the database to run. SQLite gets multi-row VALUES. `suffix` follows the rows (an
    ON CONFLICT clause).
    """
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    head = (f"INSERT INTO {quote(model._meta.db_table)} "
            f"({', '.join(quote(name) for name in columns)}) ")
    tail = f" {suffix}" if suffix else ""
    if returning:
        tail += f" RETURNING {quote(model._meta.pk.column)}"
    ids: list[int] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            arrays = ", ".join(f"(%s)::{kind}[]" for kind in
                               _array_types(model, columns, connection))
            sql, per_batch = f"{head}SELECT * FROM UNNEST({arrays}){tail}", 20000
        else:
            one = "(" + ", ".join(["%s"] * len(columns)) + ")"
            per_batch = _batch_rows(connection, len(columns))
        for start in range(0, len(rows), per_batch):
            batch = rows[start:start + per_batch]
            if connection.vendor == "postgresql":
                cursor.execute(sql, [list(column) for column in zip(*batch, strict=True)])
            else:
                cursor.execute(head + "VALUES " + ", ".join([one] * len(batch)) + tail,
                               [value for row in batch for value in row])
            if returning:
                ids.extend(row[0] for row in cursor.fetchall())
    return ids


def insert_returning_ids(model: type[models.Model], columns: Sequence[str],
                         rows: Sequence[Sequence[Any]]) -> list[int]:
    return insert_rows(model, columns, rows, returning=True)


def insert_objects(model: type[models.Model], objects: Sequence[models.Model]) -> None:
    """Write new model instances (no pk yet) and set their pks, like bulk_create without
    signals. Every concrete field but the pk is written; auto_now(_add) fields get one
    timestamp for the whole batch."""
    if not objects:
        return
    connection = connections[router.db_for_write(model)]
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    now = timezone.now()
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objects:
                setattr(obj, field.attname, now)
    preps = [(field.attname, field.get_db_prep_save) for field in fields]
    rows = [[prep(getattr(obj, attname), connection) for attname, prep in preps]
            for obj in objects]
    ids = insert_returning_ids(model, [field.column for field in fields], rows)
    for obj, pk in zip(objects, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias
