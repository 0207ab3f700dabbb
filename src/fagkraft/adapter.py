"""The one bridge between Django querysets and the engine.

Querysets go in, plain DataFrames come out for `fagkraft.engine`; engine results come
back as JSON-safe dicts for templates and the API. Rows are read through the database
cursor without Django's per-row model machinery: a trust has tens of thousands of
positions and the unit page must answer in well under a second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
from django.db import connections
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from fagkraft.engine import turnover as turnover_engine
from fagkraft.engine.ages import AgeProfile, age_profile, ages_on
from fagkraft.engine.turnover import Turnover
from fagkraft.workforce.models import Position


def frame_from(
    queryset: QuerySet, columns: Sequence[str], names: Sequence[str],
    dates: Sequence[str] = (),
) -> pd.DataFrame:
    """Selected columns of a queryset as a DataFrame, read straight from the cursor.

    Dates arrive as date objects (PostgreSQL) or ISO strings (SQLite); the engine
    accepts both. On SQLite the `dates` columns are read as text: the sqlite3 module
    would otherwise parse every date in Python, which costs more than the query.
    """
    as_text = connections[queryset.db].vendor == "sqlite"
    selected = [
        Cast(column, output_field=CharField()) if as_text and column in dates else column
        for column in columns
    ]
    compiler = queryset.values_list(*selected).query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pd.DataFrame.from_records(rows, columns=list(names))


def positions_for_turnover(unit_ids: Iterable[int], since: dt.date) -> pd.DataFrame:
    """Every position, still running on or after `since`, of anyone who held one in scope.

    Positions outside the scope are included so the engine can tell an internal move
    from leaving the trust.
    """
    ids = list(unit_ids)
    recent = Q(end_date__isnull=True) | Q(end_date__gte=since)
    people = Position.objects.filter(recent, unit_id__in=ids).values("employee_id")
    positions = Position.objects.filter(recent, employee_id__in=people).order_by()
    return frame_from(
        positions,
        ["employee_id", "unit_id", "kind", "start_date", "end_date"],
        turnover_engine.COLUMNS,
        dates=["start_date", "end_date"],
    )


def turnover_by_year(
    unit_ids: Sequence[int], today: dt.date, previous_years: int, grace_days: int
) -> list[Turnover]:
    since = dt.date(today.year - previous_years, 1, 1)
    frame = positions_for_turnover(unit_ids, since)
    return turnover_engine.turnover_by_year(frame, unit_ids, today, previous_years, grace_days)


CURRENT_COLUMNS = ["employee_id", "unit_id", "fte_percent", "profession_id", "birth_year",
                   "birth_date"]


def current_positions(unit_ids: Iterable[int], today: dt.date) -> pd.DataFrame:
    """One row per position running today in scope, with what the summary groups by.

    One read serves the headcount, FTE, profession, child-unit and age figures.
    """
    positions = Position.objects.filter(Position.active_on_q(today), unit_id__in=list(unit_ids))
    return frame_from(
        positions.order_by(),
        ["employee_id", "unit_id", "fte_percent", "employee__profession_id",
         "employee__birth_year", "employee__birth_date"],
        CURRENT_COLUMNS,
        dates=["employee__birth_date"],
    )


def age_profile_of(current: pd.DataFrame, today: dt.date, senior_age: int) -> AgeProfile:
    """Age profile of the distinct persons in a `current_positions` frame."""
    people = current.drop_duplicates("employee_id")
    return age_profile(ages_on(people["birth_year"], people["birth_date"], today), senior_age)


# --- Results back to plain data ------------------------------------------------------


def turnover_to_dict(result: Turnover) -> dict[str, Any]:
    return {
        "year": result.period_start.year,
        "period_start": result.period_start.isoformat(),
        "period_end": result.period_end.isoformat(),
        "average_headcount": round(result.average_headcount, 2),
        "leavers": result.leavers,
        "left_trust": result.left_trust,
        "internal_moves": result.internal_moves,
        "rate": result.rate,
        "left_trust_rate": result.left_trust_rate,
        "internal_move_rate": result.internal_move_rate,
    }


def age_profile_to_dict(profile: AgeProfile) -> dict[str, Any]:
    return {
        "bands": [{"label": band.label, "count": band.count} for band in profile.bands],
        "total": profile.total,
        "senior_age": profile.senior_age,
        "senior_count": profile.senior_count,
        "senior_share": profile.senior_share,
    }
