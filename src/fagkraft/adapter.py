"""The one bridge between Django querysets and the engine.

Querysets go in, plain DataFrames come out for `fagkraft.engine`; engine results come
back as JSON-safe dicts for templates and the API. Rows are read through the database
cursor without Django's per-row model machinery: a trust has tens of thousands of
positions and the unit page must answer in well under a second.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
from django.db import connections
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from fagkraft.engine import turnover as turnover_engine
from fagkraft.engine.ages import AgeProfile, age_profile, ages_on
from fagkraft.engine.turnover import Turnover
from fagkraft.workforce.models import Position, Unit


def frame_from(
    queryset: QuerySet, columns: Sequence[str], names: Sequence[str],
    dates: Sequence[str] = (),
) -> pd.DataFrame:
    """Selected columns of a queryset as a DataFrame, read straight from the cursor.

    The `dates` columns are read as ISO text ("2024-03-31"), which pandas parses in
    one vectorised step; as date objects they would be converted one by one, first by
    the database driver and then again by pandas, costing more than the query itself.
    """
    selected = [
        Cast(column, output_field=CharField()) if column in dates else column
        for column in columns
    ]
    compiler = queryset.values_list(*selected).query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return pd.DataFrame.from_records(rows, columns=list(names))


# Above this many units, filtering by the tree path lets the database scan positions once
# instead of probing the (unit, start, end) index per unit, which is slower on SQLite.
PATH_FILTER_MIN_UNITS = 10


def in_scope(unit_ids: Sequence[int], path: str | None, prefix: str = "") -> Q:
    if path is not None and len(unit_ids) > PATH_FILTER_MIN_UNITS:
        return Unit.subtree_q(path, f"{prefix}unit__")
    return Q(**{f"{prefix}unit_id__in": list(unit_ids)})


def positions_for_turnover(
    unit_ids: Sequence[int], since: dt.date, path: str | None = None,
    whole_trusts: bool = False,
) -> pd.DataFrame:
    """Every position, still running on or after `since`, of anyone who held one in scope.

    Positions outside the scope are included so the engine can tell an internal move
    from leaving the trust. When the scope is whole trusts (a trust or region page) there
    are none outside it (a person's positions are all in their trust), so the query
    skips the search for them.
    """
    recent = Q(end_date__isnull=True) | Q(end_date__gte=since)
    here = Position.objects.filter(recent, in_scope(unit_ids, path))
    if whole_trusts:
        positions = here.order_by()
    else:
        positions = Position.objects.filter(
            recent, employee_id__in=here.values("employee_id")
        ).order_by()
    return frame_from(
        positions,
        ["employee_id", "unit_id", "kind", "start_date", "end_date"],
        turnover_engine.COLUMNS,
        dates=["start_date", "end_date"],
    )


def turnover_by_year(
    unit_ids: Sequence[int], today: dt.date, previous_years: int, grace_days: int,
    path: str | None = None, whole_trusts: bool = False,
) -> list[Turnover]:
    since = dt.date(today.year - previous_years, 1, 1)
    frame = positions_for_turnover(unit_ids, since, path, whole_trusts)
    return turnover_engine.turnover_by_year(frame, unit_ids, today, previous_years, grace_days)


CURRENT_COLUMNS = ["employee_id", "unit_id", "fte_percent", "profession_id", "birth_year",
                   "birth_date"]


def current_positions(
    unit_ids: Sequence[int], today: dt.date, path: str | None = None
) -> pd.DataFrame:
    """One row per position running today in scope, with what the summary groups by.

    One read serves the headcount, FTE, profession, child-unit and age figures.
    """
    positions = Position.objects.filter(Position.active_on_q(today), in_scope(unit_ids, path))
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
