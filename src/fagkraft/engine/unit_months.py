"""Monthly headcount, hires and leavers per unit: the counts the unit pages keep.

The rules are those of `engine.turnover` (read its docstring); this module only counts
them month by month, for many scopes at once, so the counts can be kept in a table and
a unit page reads a few rows instead of every position of five years.

Per scope (a unit with its subtree) and calendar month:

- headcount: distinct persons with a permanent position in the scope on the month's
  last day (the sample `turnover` averages).
- hires: persons who start a permanent position in the scope in the month without
  holding one there the day before.
- left_unit / left_trust: leavers in the month (`turnover` with the month as period):
  a person counts once, by the last leaving in the month; left_unit includes internal
  moves, left_trust does not.
- ytd_left_unit / ytd_left_trust: the same for the period from 1 January to the month's
  last day, so December's row is the year's `turnover` and any month's row a year to
  date that ends on its last day.

Every count is a sum over persons of a figure that depends only on that person's own
positions (all of a person's positions lie in one trust). The counts of a set of persons
can therefore be added to or taken from kept counts: the services subtract a person's
counts before a write and add them after it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from fagkraft.engine.turnover import (
    _EPOCH,
    _OPEN_END,
    PERMANENT,
    Turnover,
    _day_numbers,
    sample_days,
)

MEASURES = ["headcount", "hires", "left_unit", "left_trust", "ytd_left_unit", "ytd_left_trust"]
OUTPUT_COLUMNS = ["scope_id", "month", *MEASURES]


def month_starts(first_month: dt.date, months: int) -> list[dt.date]:
    """The first day of `months` consecutive months from `first_month`."""
    year, month = first_month.year, first_month.month
    result = []
    for _ in range(months):
        result.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return result


def months_between(first_month: dt.date, last_month: dt.date) -> int:
    return (last_month.year - first_month.year) * 12 + last_month.month - first_month.month + 1


def _day(day: dt.date) -> int:
    return (day - _EPOCH).days


def _add_ranges(table: np.ndarray, rows: np.ndarray, first: np.ndarray, stop: np.ndarray,
                values: np.ndarray | int = 1) -> None:
    """Add `values` to table[row, first:stop] for every (row, first, stop), via differences."""
    keep = first < stop
    weights = np.broadcast_to(np.asarray(values, dtype=np.int64), rows.shape)[keep]
    np.add.at(table, (rows[keep], first[keep]), weights)
    np.add.at(table, (rows[keep], stop[keep]), -weights)


def _blocks(key: np.ndarray, start: np.ndarray, end: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per key, intervals merged when they overlap or touch (end + 1 = next start)."""
    if key.size == 0:
        return key, start, end
    order = np.lexsort((start, key))
    k, beg, fin = key[order], start[order], end[order]
    first_of_key = np.r_[True, k[1:] != k[:-1]]
    offset = np.cumsum(first_of_key).astype(np.int64) * (4 * _OPEN_END)
    reach = np.maximum.accumulate(fin + offset) - offset
    new_block = first_of_key.copy()
    new_block[1:] |= beg[1:] > reach[:-1] + 1
    starts = np.flatnonzero(new_block)
    return k[starts], beg[starts], np.maximum.reduceat(fin, starts)


def unit_month_counts(
    positions: pd.DataFrame,
    scopes_of: Mapping[int, Sequence[int]],
    first_month: dt.date,
    months: int,
    grace_days: int = 31,
) -> pd.DataFrame:
    """Counts per (scope, month index from `first_month`), only rows with a count.

    `positions` has the columns of `turnover.positions_frame` and must hold every
    position of the persons in it (from `first_month` on). `scopes_of` maps each unit
    id to the scopes it counts in (itself and the units above it). `first_month` is a
    1 January, so every year to date starts inside the span.
    """
    if first_month.month != 1 or first_month.day != 1:
        raise ValueError("The months start on 1 January.")
    starts_of_months = month_starts(first_month, months + 1)
    month_first = np.array([_day(day) for day in starts_of_months], dtype=np.int64)
    month_last = month_first[1:] - 1
    span_first, span_last = month_first[0], month_last[-1]

    employee = positions["employee_id"].to_numpy(dtype=np.int64)
    unit = positions["unit_id"].to_numpy(dtype=np.int64)
    permanent = (positions["kind"] == PERMANENT).to_numpy()
    start = _day_numbers(positions["start"], np.int64(-_OPEN_END))
    end = _day_numbers(positions["end"], _OPEN_END)

    # Each position once per scope it counts in.
    scope_lists = [scopes_of.get(int(u), ()) for u in unit]
    repeat = np.fromiter((len(s) for s in scope_lists), dtype=np.int64, count=len(scope_lists))
    row = np.repeat(np.arange(len(unit)), repeat)
    scope = np.fromiter((s for lst in scope_lists for s in lst), dtype=np.int64,
                        count=int(repeat.sum()))
    scope_ids, scope_index = np.unique(scope, return_inverse=True)
    width = months + 1
    tables = {name: np.zeros((len(scope_ids), width), dtype=np.int64) for name in MEASURES}

    # Headcount and hires from each person's merged permanent time in each scope.
    key = scope_index.astype(np.int64) * (1 << 32) + employee[row]
    perm = permanent[row]
    block_key, block_start, block_end = _blocks(key[perm], start[row][perm], end[row][perm])
    block_scope = block_key >> 32
    _add_ranges(tables["headcount"], block_scope,
                np.searchsorted(month_last, block_start, side="left"),
                np.searchsorted(month_last, block_end, side="right"))
    hired = (block_start >= span_first) & (block_start <= span_last)
    hire_month = np.searchsorted(month_first, block_start[hired], side="right") - 1
    np.add.at(tables["hires"], (block_scope[hired], hire_month), 1)

    exits = _exits(scope_index, employee, row, permanent, start, end, span_first, span_last,
                   grace_days)
    if not exits.empty:
        _count_leavers(tables, exits, month_first, first_month.year)

    # The range counts were added as differences (+ at the first month, - after the last).
    for name in ("headcount", "ytd_left_unit", "ytd_left_trust"):
        tables[name] = np.cumsum(tables[name], axis=1)
    frame = pd.DataFrame({
        "scope_id": np.repeat(scope_ids, months),  # unit ids
        "month": np.tile(np.arange(months), len(scope_ids)),
        **{name: table[:, :months].ravel() for name, table in tables.items()},
    })
    return frame[frame[MEASURES].any(axis=1)].reset_index(drop=True)


def _exits(scope_index: np.ndarray, employee: np.ndarray, row: np.ndarray,
           permanent: np.ndarray, start: np.ndarray, end: np.ndarray,
           first: np.int64, last: np.int64, grace_days: int) -> pd.DataFrame:
    """Every leaving of a scope in the span: scope, employee_id, left_on, stays
    (the rules of `turnover._exits`, for every scope at once)."""
    in_scope = pd.DataFrame({"scope": scope_index, "employee_id": employee[row],
                             "start": start[row], "end": end[row]})
    ending = permanent[row] & (in_scope["end"] >= first).to_numpy()
    ending &= (in_scope["end"] <= last).to_numpy()
    exits = (in_scope.loc[ending, ["scope", "employee_id", "end"]]
             .rename(columns={"end": "left_on"}).drop_duplicates())
    if exits.empty:
        return pd.DataFrame({"scope": [], "employee_id": [], "left_on": [], "stays": []})
    pairs = exits.merge(in_scope, on=["scope", "employee_id"])
    next_day = pairs["left_on"] + 1
    pairs["continues"] = (pairs["start"] <= next_day) & (pairs["end"] >= next_day)
    continued = (pairs.groupby(["scope", "employee_id", "left_on"], as_index=False)["continues"]
                 .any())
    exits = continued.loc[~continued["continues"], ["scope", "employee_id", "left_on"]]
    everything = pd.DataFrame({"employee_id": employee, "start": start, "end": end})
    # Any position in the trust overlapping the days (left_on, left_on + grace].
    days = exits[["employee_id", "left_on"]].drop_duplicates()
    near = days.merge(everything, on="employee_id")
    near["stays"] = ((near["start"] <= near["left_on"] + grace_days)
                     & (near["end"] >= near["left_on"] + 1))
    stays = near.groupby(["employee_id", "left_on"], as_index=False)["stays"].any()
    result: pd.DataFrame = exits.merge(stays, on=["employee_id", "left_on"])
    return result


def _count_leavers(tables: dict[str, np.ndarray], exits: pd.DataFrame,
                   month_first: np.ndarray, first_year: int) -> None:
    exits = exits.assign(
        month=np.searchsorted(month_first, exits["left_on"].to_numpy(), side="right") - 1)
    # One leaving per person and month: the last one in the month.
    last = (exits.sort_values("left_on")
            .drop_duplicates(["scope", "employee_id", "month"], keep="last")
            .sort_values(["scope", "employee_id", "month"]))
    scope = last["scope"].to_numpy(dtype=np.int64)
    month = last["month"].to_numpy(dtype=np.int64)
    left_trust = ~last["stays"].to_numpy(dtype=bool)
    np.add.at(tables["left_unit"], (scope, month), 1)
    np.add.at(tables["left_trust"], (scope, month), left_trust.astype(np.int64))
    # Year to date: from a person's first leaving in a year to December they count in
    # ytd_left_unit; each month's last leaving classifies them until their next one.
    months = tables["headcount"].shape[1] - 1
    year = month // 12
    year_stop = np.minimum((year + 1) * 12, months)
    emp = last["employee_id"].to_numpy(dtype=np.int64)
    same_next = np.r_[(scope[1:] == scope[:-1]) & (emp[1:] == emp[:-1])
                      & (year[1:] == year[:-1]), False]
    first_in_year = np.r_[True, ~same_next[:-1]]
    stop = np.where(same_next, np.r_[month[1:], 0], year_stop)
    _add_ranges(tables["ytd_left_unit"], scope[first_in_year], month[first_in_year],
                year_stop[first_in_year])
    _add_ranges(tables["ytd_left_trust"], scope[left_trust], month[left_trust],
                stop[left_trust])


@dataclass(frozen=True)
class MonthCounts:
    headcount: int = 0
    hires: int = 0
    left_unit: int = 0
    left_trust: int = 0
    ytd_left_unit: int = 0
    ytd_left_trust: int = 0


def turnover_by_year_from_months(
    counts: Mapping[dt.date, MonthCounts], today: dt.date, previous_years: int,
    headcount_today: int,
) -> list[Turnover]:
    """`turnover.turnover_by_year` from kept monthly counts (first day of month -> counts).

    `headcount_today` is the permanent headcount on `today`, the current month's sample
    when today is not its last day. The year to date is the current month's
    year-to-date count: the caller makes sure no leaving falls after today in it.
    """
    results = []
    for year in range(today.year - previous_years, today.year + 1):
        end = today if year == today.year else dt.date(year, 12, 31)
        days = sample_days(dt.date(year, 1, 1), end)
        samples = []
        for day in days:
            month = counts.get(dt.date(day.year, day.month, 1), MonthCounts())
            month_end = dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)
            at_month_end = day == month_end - dt.timedelta(days=1)
            samples.append((day, month.headcount if at_month_end else headcount_today))
        last = counts.get(dt.date(end.year, end.month, 1), MonthCounts())
        results.append(Turnover(
            period_start=dt.date(year, 1, 1), period_end=end, samples=tuple(samples),
            left_trust=last.ytd_left_trust,
            internal_moves=last.ytd_left_unit - last.ytd_left_trust,
        ))
    return results
