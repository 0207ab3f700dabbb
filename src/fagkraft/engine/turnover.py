"""Headcount and turnover of permanent staff.

Definitions (DOMAIN.md: turnover = leavers ÷ average headcount, permanent staff, leaving
the trust reported apart from internal moves):

- Scope: a set of unit ids (a unit and its subtree).
- Headcount on a day: distinct persons holding a permanent position in the scope that day.
- Average headcount of a period: the mean of the headcounts on the last day of each
  calendar month in the period. When the period ends inside a month (a year to date),
  that month is sampled on the period's last day instead. A full year has 12 samples.
- Leaver: a person whose permanent position in the scope ends (end date) within the
  period and who holds no position of any kind in the scope on the next day. A person
  leaving several times in one period counts once, classified by the last leaving.
- Internal move: the leaver holds a position somewhere in the trust (outside the scope,
  or back in it) on some day within `grace_days` after the end date. Otherwise the
  leaver left the trust. The position frame must hold every position of the persons
  concerned (all positions of a person belong to their trust).
- Rates are leavers ÷ average headcount, as fractions. A year to date is not annualised.

Positions are a DataFrame with columns employee_id, unit_id, kind, start, end (end NaT/None
while the position lasts); `positions_frame` builds one from records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

PERMANENT = "permanent"
INTERNAL_MOVE = "internal_move"
LEFT_TRUST = "left_trust"
COLUMNS = ["employee_id", "unit_id", "kind", "start", "end"]
# Open positions get an end far beyond any period, as a day number.
_OPEN_END = np.int64(10**6)
_EPOCH = dt.date(1970, 1, 1)


@dataclass(frozen=True)
class PositionRecord:
    employee_id: int
    unit_id: int
    kind: str
    start: dt.date
    end: dt.date | None = None


def positions_frame(records: Iterable[PositionRecord]) -> pd.DataFrame:
    rows = [(r.employee_id, r.unit_id, r.kind, r.start, r.end) for r in records]
    return pd.DataFrame(rows, columns=COLUMNS)


def _day_number(day: dt.date) -> int:
    return (day - _EPOCH).days


def _day_numbers(values: pd.Series, missing: np.int64) -> np.ndarray:
    """Dates (date objects, ISO strings or datetime64) as int64 days since 1970-01-01."""
    dates = pd.to_datetime(values, errors="coerce")
    days = dates.to_numpy(dtype="datetime64[D]").astype(np.int64)
    return np.where(dates.isna().to_numpy(), missing, days)


@dataclass(frozen=True)
class _Prepared:
    employee: np.ndarray
    in_scope: np.ndarray
    permanent: np.ndarray
    start: np.ndarray
    end: np.ndarray


def _prepare(positions: pd.DataFrame, scope: Iterable[int]) -> _Prepared:
    scope_ids = np.fromiter(set(scope), dtype=np.int64)
    return _Prepared(
        employee=positions["employee_id"].to_numpy(dtype=np.int64),
        in_scope=np.isin(positions["unit_id"].to_numpy(dtype=np.int64), scope_ids),
        permanent=(positions["kind"] == PERMANENT).to_numpy(),
        start=_day_numbers(positions["start"], np.int64(-_OPEN_END)),
        end=_day_numbers(positions["end"], _OPEN_END),
    )


def _merged_intervals(
    employee: np.ndarray, start: np.ndarray, end: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per person, overlapping intervals merged, so counting intervals counts persons."""
    if employee.size == 0:
        return start[:0], end[:0]
    order = np.lexsort((start, employee))
    emp, beg, fin = employee[order], start[order], end[order]
    first_of_person = np.r_[True, emp[1:] != emp[:-1]]
    # Running maximum of the end within each person: lift each person's ends above all
    # earlier persons' (offset by person rank), take one cumulative max, lift back down.
    offset = np.cumsum(first_of_person).astype(np.int64) * (4 * _OPEN_END)
    reach = np.maximum.accumulate(fin + offset) - offset
    new_block = first_of_person.copy()
    new_block[1:] |= beg[1:] > reach[:-1]
    block_starts = np.flatnonzero(new_block)
    merged_start = beg[block_starts]
    merged_end = np.maximum.reduceat(fin, block_starts)
    return merged_start, merged_end


def _counts_on(starts: np.ndarray, ends: np.ndarray, days: Sequence[int]) -> list[int]:
    """Number of intervals covering each day: started on/before it minus ended before it."""
    sorted_starts = np.sort(starts)
    sorted_ends = np.sort(ends)
    query = np.asarray(days, dtype=np.int64)
    started = np.searchsorted(sorted_starts, query, side="right")
    ended = np.searchsorted(sorted_ends, query, side="left")
    return [int(value) for value in started - ended]


def _permanent_intervals(prepared: _Prepared) -> tuple[np.ndarray, np.ndarray]:
    mask = prepared.in_scope & prepared.permanent
    return _merged_intervals(prepared.employee[mask], prepared.start[mask], prepared.end[mask])


def headcounts_on(
    positions: pd.DataFrame, scope: Iterable[int], days: Sequence[dt.date]
) -> list[int]:
    """Permanent headcount (distinct persons) in the scope on each of `days`."""
    starts, ends = _permanent_intervals(_prepare(positions, scope))
    return _counts_on(starts, ends, [_day_number(day) for day in days])


def headcount_on(positions: pd.DataFrame, scope: Iterable[int], day: dt.date) -> int:
    return headcounts_on(positions, scope, [day])[0]


def sample_days(period_start: dt.date, period_end: dt.date) -> list[dt.date]:
    """Last day of each month in the period; the final month is cut at the period's end."""
    days: list[dt.date] = []
    year, month = period_start.year, period_start.month
    while True:
        next_first = dt.date(year + month // 12, month % 12 + 1, 1)
        month_end = next_first - dt.timedelta(days=1)
        if month_end >= period_end:
            days.append(period_end)
            return days
        days.append(month_end)
        year, month = next_first.year, next_first.month


@dataclass(frozen=True)
class Turnover:
    period_start: dt.date
    period_end: dt.date
    samples: tuple[tuple[dt.date, int], ...]  # (day, headcount) used for the average
    left_trust: int
    internal_moves: int

    @property
    def leavers(self) -> int:
        return self.left_trust + self.internal_moves

    @property
    def average_headcount(self) -> float:
        return sum(count for _, count in self.samples) / len(self.samples)

    def _rate(self, count: int) -> float | None:
        average = self.average_headcount
        return count / average if average else None

    @property
    def rate(self) -> float | None:
        return self._rate(self.leavers)

    @property
    def left_trust_rate(self) -> float | None:
        return self._rate(self.left_trust)

    @property
    def internal_move_rate(self) -> float | None:
        return self._rate(self.internal_moves)


def leavers(
    positions: pd.DataFrame,
    scope: Iterable[int],
    period_start: dt.date,
    period_end: dt.date,
    grace_days: int = 31,
) -> pd.DataFrame:
    """One row per leaver: employee_id, left_on (last day) and how (internal_move/left_trust)."""
    return _leavers(_prepare(positions, scope), period_start, period_end, grace_days)


def _leavers(
    prepared: _Prepared, period_start: dt.date, period_end: dt.date, grace_days: int
) -> pd.DataFrame:
    exits = _exits(prepared, period_start, period_end, grace_days)
    left = _per_person(exits, period_start, period_end)
    if left.empty:
        return pd.DataFrame({"employee_id": [], "left_on": [], "how": []})
    how = np.where(left["stays"], INTERNAL_MOVE, LEFT_TRUST)
    days = left["left_on"].to_numpy(dtype=np.int64).astype("datetime64[D]")
    return pd.DataFrame(
        {"employee_id": left["employee_id"].to_numpy(), "left_on": pd.Series(days).dt.date,
         "how": how}
    ).reset_index(drop=True)


def _exits(
    prepared: _Prepared, first_day: dt.date, last_day: dt.date, grace_days: int
) -> pd.DataFrame:
    """Every leaving between the two days: employee_id, left_on (day number), stays."""
    first, last = _day_number(first_day), _day_number(last_day)
    ending = prepared.in_scope & prepared.permanent & (prepared.end >= first)
    ending &= prepared.end <= last
    exits = pd.DataFrame(
        {"employee_id": prepared.employee[ending], "left_on": prepared.end[ending]}
    ).drop_duplicates()
    if exits.empty:
        return pd.DataFrame({"employee_id": [], "left_on": [], "stays": []})
    everything = pd.DataFrame(
        {"employee_id": prepared.employee, "in_scope": prepared.in_scope,
         "start": prepared.start, "end": prepared.end}
    )
    pairs = exits.merge(everything, on="employee_id")
    next_day = pairs["left_on"] + 1
    running_next_day = (pairs["start"] <= next_day) & (pairs["end"] >= next_day)
    continues_in_scope = pairs["in_scope"] & running_next_day
    # Any position in the trust overlapping the days (left_on, left_on + grace].
    stays_in_trust = (pairs["start"] <= pairs["left_on"] + grace_days) & (pairs["end"] >= next_day)
    flags = (
        pairs.assign(continues=continues_in_scope, stays=stays_in_trust)
        .groupby(["employee_id", "left_on"], as_index=False)[["continues", "stays"]]
        .any()
    )
    return flags.loc[~flags["continues"], ["employee_id", "left_on", "stays"]]


def _per_person(exits: pd.DataFrame, period_start: dt.date, period_end: dt.date) -> pd.DataFrame:
    """The exits in the period, one per person: the last one counts."""
    first, last = _day_number(period_start), _day_number(period_end)
    in_period = exits[(exits["left_on"] >= first) & (exits["left_on"] <= last)]
    return in_period.sort_values("left_on").drop_duplicates("employee_id", keep="last")


def turnover(
    positions: pd.DataFrame,
    scope: Iterable[int],
    period_start: dt.date,
    period_end: dt.date,
    grace_days: int = 31,
) -> Turnover:
    prepared = _prepare(positions, scope)
    exits = _exits(prepared, period_start, period_end, grace_days)
    return _turnover(_permanent_intervals(prepared), exits, period_start, period_end)


def _turnover(
    intervals: tuple[np.ndarray, np.ndarray],
    exits: pd.DataFrame,
    period_start: dt.date,
    period_end: dt.date,
) -> Turnover:
    days = sample_days(period_start, period_end)
    counts = _counts_on(*intervals, [_day_number(day) for day in days])
    gone = _per_person(exits, period_start, period_end)
    internal = int(gone["stays"].astype(bool).sum())
    return Turnover(
        period_start=period_start,
        period_end=period_end,
        samples=tuple(zip(days, counts, strict=True)),
        left_trust=len(gone) - internal,
        internal_moves=internal,
    )


def turnover_by_year(
    positions: pd.DataFrame,
    scope: Iterable[int],
    today: dt.date,
    previous_years: int,
    grace_days: int = 31,
) -> list[Turnover]:
    """The previous `previous_years` calendar years in full, then this year to `today`."""
    prepared = _prepare(positions, scope)
    first_year = today.year - previous_years
    # Intervals and exits once for the whole span; each year then only slices them.
    intervals = _permanent_intervals(prepared)
    exits = _exits(prepared, dt.date(first_year, 1, 1), today, grace_days)
    results = []
    for year in range(first_year, today.year + 1):
        end = today if year == today.year else dt.date(year, 12, 31)
        results.append(_turnover(intervals, exits, dt.date(year, 1, 1), end))
    return results
