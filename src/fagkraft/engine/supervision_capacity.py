"""Supervision capacity: hours of supervision needed per unit and month against the hours
qualified supervisors in the unit have set aside. Pure Python, never Django.

Need: each candidate on a pathway needs `hours_per_month` of supervision (the template's
planning figure x the candidate's share of full time) in every month from the month of
their start to the month they are expected to finish, both included, in the unit they
belong to.

Available: each supervisor's capacity record gives hours a month in a unit from a start
month (to an end month, or open). Only qualified supervisors count (the adapter passes
only those: a specialist approval in force on the first of the month).

Short = max(0, needed - available), per unit and month. A unit needs no supervisors of
its own when it has no candidates, so a surplus in one unit does not offset a shortage
in another: supervision happens where the candidate works.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Need:
    unit_id: int
    start: dt.date
    end: dt.date  # expected completion
    hours_per_month: float


@dataclass(frozen=True, slots=True)
class Supply:
    unit_id: int
    start: dt.date
    end: dt.date | None
    hours_per_month: float
    supervisor_id: int = 0
    # Periods (from, until or None) of specialist approvals in force; none: not qualified.
    qualified: tuple[tuple[dt.date, dt.date | None], ...] = ()


@dataclass(frozen=True, slots=True)
class Month:
    unit_id: int
    month: dt.date  # the first day of the month
    candidates: int
    needed: float
    available: float
    # Distinct qualified supervisors behind `available`: a planner may not see the hours
    # that one to four named people set aside.
    supervisors: int = 0

    @property
    def short(self) -> float:
        return max(0.0, self.needed - self.available)


def month_starts(first: dt.date, count: int) -> list[dt.date]:
    months = []
    year, month = first.year, first.month
    for _ in range(count):
        months.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _month_end(month: dt.date) -> dt.date:
    following = month_starts(month, 2)[1]
    return following - dt.timedelta(days=1)


def _overlaps(start: dt.date, end: dt.date | None, month: dt.date) -> bool:
    return start <= _month_end(month) and (end is None or end >= month)


def _qualified(supply: Supply, month: dt.date) -> bool:
    """An approval in force on the first day of the month."""
    return any(start <= month and (until is None or until >= month)
               for start, until in supply.qualified)


def capacity(needs: Sequence[Need], supplies: Sequence[Supply],
             months: Sequence[dt.date]) -> list[Month]:
    """Per unit (with any need or supply) and month: candidates, hours needed, available."""
    units = sorted({need.unit_id for need in needs} | {s.unit_id for s in supplies})
    needed: dict[tuple[int, dt.date], float] = defaultdict(float)
    counted: dict[tuple[int, dt.date], int] = defaultdict(int)
    available: dict[tuple[int, dt.date], float] = defaultdict(float)
    supervising: dict[tuple[int, dt.date], set[int]] = defaultdict(set)
    for month in months:
        for need in needs:
            if _overlaps(need.start, need.end, month):
                needed[(need.unit_id, month)] += need.hours_per_month
                counted[(need.unit_id, month)] += 1
        for supply in supplies:
            if _overlaps(supply.start, supply.end, month) and _qualified(supply, month):
                available[(supply.unit_id, month)] += supply.hours_per_month
                supervising[(supply.unit_id, month)].add(supply.supervisor_id)
    return [Month(unit, month, counted[(unit, month)], needed[(unit, month)],
                  available[(unit, month)], len(supervising[(unit, month)]))
            for unit in units for month in months]
