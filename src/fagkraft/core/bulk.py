"""Bulk inserts without the ORM's per-value machinery, for the import's commit.

`bulk_create` compiles every value of every row through the SQL compiler (pre_save,
field_as_sql, prepare_value ...): for 100,000 employees, their positions and 200,000 audit
events that costs more than the database's own work. Here each field's value goes through
its `get_db_prep_save` only (and not even that where it is known to change nothing: a
`str` for a text field, an `int` for an integer or a key; repeated dates and numbers are
prepared once per batch).

- SQLite: plain multi-row INSERTs, the new ids coming back with RETURNING (SQLite 3.35+
  returns them in the order of the VALUES, which Django's bulk_create relies on as well);
  rows whose ids are not wanted go through one `executemany` of a one-row INSERT.
- PostgreSQL: COPY ... FROM STDIN (psycopg 3's `copy.write_row`, formatted in C by
  psycopg's binary package): no SQL text to build or quote per value. COPY has no
  RETURNING, so when ids are wanted they are taken from the table's sequence first, in
  one query (`SELECT nextval(...) FROM generate_series(1, n)`), and written explicitly.
  Statements with an ON CONFLICT clause (the kept monthly counts) use one
  `INSERT ... SELECT * FROM UNNEST(arrays)` per batch instead.

Everything runs on the caller's connection, inside its transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterator, Sequence
from operator import attrgetter
from typing import Any

from django.db import connections, models, router
from django.db.models import F, Lookup, QuerySet
from django.db.models.base import ModelState
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


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys from the table's sequence (PostgreSQL), in one query.

    Each value is drawn with nextval (safe beside other sessions drawing at the same
    time), but what comes back is the runs of consecutive values, first and last: one
    row when nobody else drew meanwhile, instead of `count` rows to send and convert
    (20,000 ids took about 0.2 s that way).
    """
    if count <= 0:
        return []
    connection = connections[router.db_for_write(model)]
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT min(v), max(v) FROM ("
            " SELECT v, v - row_number() OVER (ORDER BY v) AS run FROM ("
            "  SELECT nextval(pg_get_serial_sequence(%s, %s)) AS v"
            "  FROM generate_series(1, %s)) drawn) numbered "
            "GROUP BY run ORDER BY 1", [table, column, count])
        return [pk for first, last in cursor.fetchall() for pk in range(first, last + 1)]


def _copy(connection: Any, model: type[models.Model], columns: Sequence[str],
          rows: Sequence[Sequence[Any]]) -> None:
    quote = connection.ops.quote_name
    sql = (f"COPY {quote(model._meta.db_table)} "
           f"({', '.join(quote(name) for name in columns)}) FROM STDIN")
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


def insert_rows(model: type[models.Model], columns: Sequence[str],
                rows: Sequence[Sequence[Any]], *, returning: bool = False,
                suffix: str = "") -> list[int]:
    """INSERT rows of values already prepared for the database; the new ids if asked.

    PostgreSQL: COPY (ids reserved from the sequence when asked), or with a `suffix`
    (an ON CONFLICT clause) one statement per batch with one array per column
    (`INSERT ... SELECT * FROM UNNEST(...)`, as Django's bulk_create does there).
    SQLite: multi-row VALUES, RETURNING the ids when asked.
    """
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "postgresql" and not suffix:
        if not returning:
            _copy(connection, model, columns, rows)
            return []
        ids = reserve_ids(model, len(rows))
        _copy(connection, model, [model._meta.pk.column, *columns],
              [(pk, *row) for pk, row in zip(ids, rows, strict=True)])
        return ids
    quote = connection.ops.quote_name
    head = (f"INSERT INTO {quote(model._meta.db_table)} "
            f"({', '.join(quote(name) for name in columns)}) ")
    tail = f" {suffix}" if suffix else ""
    if connection.vendor == "sqlite" and not returning:
        # One short statement run for every row by sqlite3 itself (C): no SQL of
        # thousands of placeholders to build, convert and parse.
        with connection.cursor() as cursor:
            cursor.executemany(head + "VALUES (" + ", ".join(["%s"] * len(columns)) + ")"
                               + tail, rows)
        return []
    if returning:
        tail += f" RETURNING {quote(model._meta.pk.column)}"
    ids = []
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


class _AnyOf(Lookup):
    """`field = ANY(%s)` with the values as one array parameter (PostgreSQL)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_db_prep_lookup(self, value: Any, connection: Any) -> tuple[str, list[Any]]:
        return "%s", [list(value)]

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


IN_CHUNK = 500  # keeps IN (...) lists well under every database's parameter limit


def filter_in(queryset: QuerySet[Any], field: str, values: Collection[Any]
              ) -> Iterator[Any]:
    """The rows of `queryset` whose `field` is one of `values` (an import's thousands of
    employee numbers or ids).

    PostgreSQL: one query, the values sent as one array (`field = ANY(%s)`). Chunks of
    IN (...) lists cost a statement each, and each of 500 parameters is quoted into the
    SQL text on the client: 40 statements for 20,000 new employee numbers took 0.2 s
    with fresh statistics, against 50 ms for the one array. SQLite: IN lists of
    `IN_CHUNK` values, under its parameter limit.
    """
    ordered = sorted(values)
    if not ordered:
        return
    if connections[queryset.db].vendor == "postgresql":
        yield from queryset.filter(_AnyOf(F(field), ordered))
        return
    for start in range(0, len(ordered), IN_CHUNK):
        yield from queryset.filter(**{f"{field}__in": ordered[start:start + IN_CHUNK]})


def insert_returning_ids(model: type[models.Model], columns: Sequence[str],
                         rows: Sequence[Sequence[Any]]) -> list[int]:
    return insert_rows(model, columns, rows, returning=True)


_PLAIN: tuple[tuple[type[models.Field], type], ...] = (
    # Field kinds whose get_db_prep_save returns a value of this type unchanged.
    (models.CharField, str), (models.TextField, str),
    (models.IntegerField, int), (models.AutoField, int), (models.BooleanField, bool),
)


def _plain_type(field: models.Field) -> type | None:
    target = field
    while isinstance(target, models.ForeignKey):  # a key is written as the field it refers to
        target = target.target_field
    return next((kind for base, kind in _PLAIN if isinstance(target, base)), None)


def prepared_column(field: models.Field, values: Sequence[Any], connection: Any
                    ) -> Sequence[Any]:
    """`field.get_db_prep_save(value, connection)` of every value of one column.

    A column whose values are all of the type the field writes unchanged (or None, where
    None stays None) is returned as it is; otherwise each distinct value is prepared once
    (dates, numbers and words repeat) and looked up, and unhashable values (JSON) one by
    one. Equal values of different types (1 and True, Decimal('1.0') and Decimal('1.00'))
    are prepared once: they write the same.
    """
    prep = field.get_db_prep_save
    kinds = set(map(type, values))
    plain = _plain_type(field)
    none_kept = type(None) not in kinds or prep(None, connection) is None
    if none_kept and not kinds - {plain, type(None)}:
        return values
    try:
        distinct = set(values)
    except TypeError:
        return [prep(value, connection) for value in values]
    prepared = {value: prep(value, connection) for value in distinct}
    return list(map(prepared.__getitem__, values))


def prepared_rows(model: type[models.Model], fields: Sequence[str],
                  rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """Rows of Python values for these fields (attnames) as the database takes them."""
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    columns = [prepared_column(meta.get_field(name), column, connection)
               for name, column in zip(fields, zip(*rows, strict=True), strict=True)]
    return list(zip(*columns, strict=True))


def insert_values(model: type[models.Model], fields: Sequence[str],
                  rows: Sequence[Sequence[Any]]) -> None:
    """INSERT rows of Python values for these fields (attnames), as bulk_create would
    write them (without signals); no ids are returned."""
    meta = model._meta
    insert_rows(model, [meta.get_field(name).column for name in fields],
                prepared_rows(model, fields, rows))


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
    getters = [attrgetter(field.attname) for field in fields]
    columns = [prepared_column(field, list(map(getter, objects)), connection)
               for field, getter in zip(fields, getters, strict=True)]
    ids = insert_returning_ids(model, [field.column for field in fields],
                               list(zip(*columns, strict=True)))
    for obj, pk in zip(objects, ids, strict=True):
        obj.pk = pk
        obj._state.adding = False
        obj._state.db = connection.alias


def instance_maker(model: type[models.Model]) -> Callable[..., Any]:
    """A fast constructor of new instances of `model` for bulk writes: fields by attname
    (`employee_id=...`), related objects by name (`employee=obj`, cached as the ORM's
    descriptor caches them, so its pk can be copied once it has one). Every other field
    gets its default. No signals are sent (Model.__init__ sends pre_init and post_init;
    nothing in Fagkraft listens for them, and no model here has a field that does), and
    nothing is checked: the caller has validated the values. `Model(...)` costs more than
    the database's write of the row when a file makes tens of thousands of them."""
    fields = model._meta.concrete_fields
    constant: dict[str, Any] = {}
    per_object: list[models.Field] = []
    for field in fields:
        if field.has_default() and callable(field.default):
            per_object.append(field)
        else:
            constant[field.attname] = field.get_default()
    relations = {field.name: field for field in fields if field.is_relation}

    keys = {name: (field.attname, field.target_field.attname)
            for name, field in relations.items()}
    new = model.__new__

    def make(**values: Any) -> Any:
        state = ModelState()
        for name, (attname, target) in keys.items():
            if name in values:
                related = values.pop(name)
                state.fields_cache[name] = related
                values[attname] = None if related is None else getattr(related, target)
        obj = new(model)
        obj.__dict__ = {**constant, **values, "_state": state}
        for field in per_object:
            if field.attname not in values:
                obj.__dict__[field.attname] = field.get_default()
        return obj

    return make
