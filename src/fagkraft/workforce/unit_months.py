"""Keeping `UnitMonth` equal to the engine's counts (`engine.unit_months`).

Each count is a sum over persons of a figure that depends only on the person's own
positions, so a write changes the kept counts by (the persons' counts after it) minus
(their counts before it). The services wrap every write to positions in `tracking`,
which reads the persons' positions before and after the write and adds the difference
to the kept rows, in the write's transaction. `rebuild` computes every row afresh.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import pandas as pd
from django.conf import settings
from django.db import connections, router, transaction

from fagkraft.adapter.frames import chunks, frame_from
from fagkraft.core.bulk import insert_rows
from fagkraft.engine import turnover as turnover_engine
from fagkraft.engine import unit_months as engine
from fagkraft.workforce.models import Position, Unit, UnitMonth, UnitMonthSpan

POSITION_COLUMNS = ["employee_id", "unit_id", "kind", "start_date", "end_date"]


def current_span() -> UnitMonthSpan | None:
    return UnitMonthSpan.objects.order_by("pk").first()


def default_span(today: dt.date) -> tuple[dt.date, dt.date]:
    """From 1 January of the first turnover year to December of next year."""
    years = settings.FAGKRAFT["TURNOVER_YEARS"]
    return dt.date(today.year - years, 1, 1), dt.date(today.year + 1, 12, 1)


def scopes_of(unit_ids: Iterable[int] | None = None) -> dict[int, list[int]]:
    """Unit id -> itself and every unit above it (the scopes a position there counts in)."""
    units = Unit.objects.all()
    if unit_ids is not None:
        paths = list(Unit.objects.filter(pk__in=set(unit_ids)).values_list("pk", "path"))
        codes = {code for _pk, path in paths for code in path.strip("/").split("/")}
        id_of = dict(Unit.objects.filter(code__in=codes).values_list("code", "pk"))
    else:
        paths = list(units.values_list("pk", "path"))
        id_of = dict(units.values_list("code", "pk"))
    return {pk: [id_of[code] for code in path.strip("/").split("/")] for pk, path in paths}


def _frame(positions: Iterable[tuple[int, int, str, dt.date, dt.date | None]]) -> pd.DataFrame:
    return pd.DataFrame(list(positions), columns=turnover_engine.COLUMNS)


def positions_of(employee_ids: Sequence[int]) -> pd.DataFrame:
    """Every position of the persons, as the engine reads them."""
    frames = [
        frame_from(Position.objects.filter(employee_id__in=part).order_by(), POSITION_COLUMNS,
                   turnover_engine.COLUMNS, dates=["start_date", "end_date"])
        for part in chunks(list(employee_ids))
    ]
    frames = [frame for frame in frames if not frame.empty]
    return pd.concat(frames, ignore_index=True) if frames else _frame([])


def counts(positions: pd.DataFrame, span: UnitMonthSpan,
           scopes: dict[int, list[int]] | None = None) -> pd.DataFrame:
    if positions.empty:
        return pd.DataFrame(columns=engine.OUTPUT_COLUMNS)
    if scopes is None:
        scopes = scopes_of(positions["unit_id"].unique().tolist())
    months = engine.months_between(span.first_month, span.last_month)
    return engine.unit_month_counts(positions, scopes, span.first_month, months,
                                    span.grace_days)


def _add(delta: pd.DataFrame, span: UnitMonthSpan) -> None:
    """Add the counts to the kept rows (rows are created as needed), in one executemany."""
    if delta.empty:
        return
    firsts = engine.month_starts(span.first_month, int(delta["month"].max()) + 1)
    connection = connections[router.db_for_write(UnitMonth)]
    quote = connection.ops.quote_name
    table = quote(UnitMonth._meta.db_table)
    updates = ", ".join(f"{quote(name)} = {table}.{quote(name)} + excluded.{quote(name)}"
                        for name in engine.MEASURES)
    rows = [
        [int(scope), firsts[int(month)], *(int(value) for value in values)]
        for scope, month, *values in delta[engine.OUTPUT_COLUMNS].itertuples(index=False)
    ]
    if connection.vendor == "sqlite":
        rows = [[scope, month.isoformat(), *values] for scope, month, *values in rows]
    insert_rows(UnitMonth, ["unit_id", "month", *engine.MEASURES], rows,
                suffix=f"ON CONFLICT (unit_id, month) DO UPDATE SET {updates}")


def difference(after: pd.DataFrame, before: pd.DataFrame) -> pd.DataFrame:
    if before.empty:
        return after
    keys = ["scope_id", "month"]
    both = after.set_index(keys).sub(before.set_index(keys), fill_value=0).reset_index()
    both[engine.MEASURES] = both[engine.MEASURES].astype("int64")
    return both[both[engine.MEASURES].any(axis=1)]


@contextmanager
def tracking(employee_ids: Iterable[int]) -> Iterator[None]:
    """Around a write to the positions of these persons: keeps UnitMonth up to date."""
    span = current_span()
    ids = sorted({pk for pk in employee_ids if pk is not None})
    if span is None or not ids:
        yield
        return
    before = counts(positions_of(ids), span)
    yield
    _add(difference(counts(positions_of(ids), span), before), span)


def frame_of(positions: Iterable[Position]) -> pd.DataFrame:
    """Position objects in memory as the engine's frame (no query)."""
    return _frame((p.employee_id, p.unit_id, p.kind, p.start_date, p.end_date)
                  for p in positions)


def add_new_people(positions: pd.DataFrame) -> None:
    """After writing positions of persons who had none (the import's new employees)."""
    span = current_span()
    if span is not None:
        _add(counts(positions, span), span)


@transaction.atomic
def rebuild(today: dt.date, first_month: dt.date | None = None,
            last_month: dt.date | None = None) -> int:
    """Every kept row computed afresh from the positions; returns the number of rows."""
    default_first, default_last = default_span(today)
    first, last = first_month or default_first, last_month or default_last
    UnitMonthSpan.objects.all().delete()
    span = UnitMonthSpan.objects.create(
        first_month=first, last_month=last,
        grace_days=settings.FAGKRAFT["INTERNAL_MOVE_GRACE_DAYS"])
    UnitMonth.objects.all().delete()
    # Positions that end before the span cannot count in it, nor decide a leaving in it.
    positions = frame_from(
        Position.objects.exclude(end_date__lt=first).order_by(), POSITION_COLUMNS,
        turnover_engine.COLUMNS, dates=["start_date", "end_date"])
    result = counts(positions, span, scopes_of())
    firsts = engine.month_starts(first, engine.months_between(first, last))
    UnitMonth.objects.bulk_create(
        [UnitMonth(unit_id=int(scope), month=firsts[int(month)],
                   **dict(zip(engine.MEASURES, map(int, values), strict=True)))
         for scope, month, *values in result[engine.OUTPUT_COLUMNS].itertuples(index=False)],
        batch_size=2000)
    return len(result)


def kept_rows(unit_id: int) -> dict[dt.date, engine.MonthCounts]:
    return {
        month: engine.MonthCounts(*values)
        for month, *values in UnitMonth.objects.filter(unit_id=unit_id)
        .values_list("month", *engine.MEASURES)
    }
