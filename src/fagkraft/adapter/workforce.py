"""Workforce: positions read for the unit page's turnover and age profile, and back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import pandas as pd
from django.db.models import Q, QuerySet

from fagkraft.adapter.frames import frame_from, in_scope, rows_from
from fagkraft.engine import turnover as turnover_engine
from fagkraft.engine.ages import AgeProfile, age_profile, ages_on
from fagkraft.engine.turnover import PERMANENT, Turnover
from fagkraft.engine.unit_months import MEASURES, MonthCounts, turnover_by_year_from_months
from fagkraft.workforce.models import Position, UnitMonth, UnitMonthSpan

CURRENT_COLUMNS = ["employee_id", "unit_id", "fte_percent", "profession_id", "birth_year",
                   "birth_date", "kind"]


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
    kept: tuple[int, pd.DataFrame | int] | None = None,
) -> list[Turnover]:
    """Turnover of the last years, from the kept monthly counts where they answer it.

    `kept` is (the unit, its current positions or the number of persons among them with
    a permanent position): the unit's `UnitMonth` rows then give the month-end
    headcounts and the leavers, and today's headcount comes from the current positions.
    Outside the kept months, or when a leaving is dated after today in the current month
    (the kept year to date would count it), positions are read.
    """
    if kept is not None:
        result = _turnover_from_kept(kept[0], kept[1], unit_ids, today, previous_years,
                                     grace_days, path)
        if result is not None:
            return result
    return turnover_from_positions(unit_ids, today, previous_years, grace_days, path,
                                   whole_trusts)


def _turnover_from_kept(
    unit_id: int, current: pd.DataFrame | int, unit_ids: Sequence[int], today: dt.date,
    previous_years: int, grace_days: int, path: str | None,
) -> list[Turnover] | None:
    span = UnitMonthSpan.objects.order_by("pk").first()
    first = dt.date(today.year - previous_years, 1, 1)
    this_month = dt.date(today.year, today.month, 1)
    if (span is None or span.grace_days != grace_days or span.first_month > first
            or span.last_month < this_month):
        return None
    month_end = dt.date(today.year + today.month // 12, today.month % 12 + 1, 1)
    later_this_month = Position.objects.filter(
        in_scope(unit_ids, path), kind=PERMANENT, end_date__gt=today,
        end_date__lt=month_end)
    if later_this_month.exists():
        return None
    rows = {
        month: MonthCounts(*values)
        for month, *values in UnitMonth.objects.filter(unit_id=unit_id, month__gte=first,
                                                        month__lte=this_month)
        .values_list("month", *MEASURES)
    }
    if isinstance(current, pd.DataFrame):
        current = int(current.loc[current["kind"] == PERMANENT, "employee_id"].nunique())
    return turnover_by_year_from_months(rows, today, previous_years, current)


def turnover_from_positions(
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
    return frame_from(_current(unit_ids, today, path), _CURRENT_FIELDS, CURRENT_COLUMNS,
                      dates=["employee__birth_date"])


def current_rows(
    unit_ids: Sequence[int], today: dt.date, path: str | None = None
) -> list[tuple[Any, ...]]:
    """The rows of `current_positions` (columns `CURRENT_COLUMNS`, birth dates as ISO
    text) as tuples, in the same order, for `engine.staffing.current_staff`."""
    return rows_from(_current(unit_ids, today, path), _CURRENT_FIELDS,
                     dates=["employee__birth_date"])


_CURRENT_FIELDS = ["employee_id", "unit_id", "fte_percent", "employee__profession_id",
                   "employee__birth_year", "employee__birth_date", "kind"]


def _current(unit_ids: Sequence[int], today: dt.date, path: str | None) -> QuerySet[Position]:
    return Position.objects.filter(Position.active_on_q(today),
                                   in_scope(unit_ids, path)).order_by()


def age_profile_of(current: pd.DataFrame, today: dt.date, senior_age: int) -> AgeProfile:
    """Age profile of the distinct persons in a `current_positions` frame."""
    people = current.drop_duplicates("employee_id")
    return age_profile(ages_on(people["birth_year"], people["birth_date"], today), senior_age)


def turnover_to_dict(result: Turnover) -> dict[str, int | float | str | None]:
    """One year's turnover as JSON-safe data for the unit page and the API.

    "left_unit" (the unit's leavers, internal moves included) and "left_trust" are the
    two meanings of turnover the pages show side by side; "leavers" and "rate" are the
    older names of the first, kept for API clients.
    """
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
        "left_unit": result.leavers,
        "left_unit_rate": result.rate,
    }
