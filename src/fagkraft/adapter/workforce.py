"""Workforce: positions read for the unit page's turnover and age profile, and back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pandas as pd
from django.db.models import Q

from fagkraft.adapter.frames import frame_from, in_scope
from fagkraft.engine import turnover as turnover_engine
from fagkraft.engine.ages import AgeProfile, age_profile, ages_on
from fagkraft.engine.turnover import Turnover
from fagkraft.workforce.models import Position

CURRENT_COLUMNS = ["employee_id", "unit_id", "fte_percent", "profession_id", "birth_year",
                   "birth_date"]


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


def turnover_to_dict(result: Turnover) -> dict[str, int | float | str | None]:
    """One year's turnover as JSON-safe data for the unit page and the API."""
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
