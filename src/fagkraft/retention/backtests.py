"""Projections checked against what happened: the page's figures (docs/metrics.md).

The unit subtree's spells (adapter.retention, filtered like the retention page) go to
`engine.backtest`. Where the unit's counts pass disclosure control (the planner), a
year whose actual headcount is under the threshold shows neither it nor the projection
and error beside it, and the flows are hidden when any year they come from is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fagkraft.access import disclosure
from fagkraft.adapter.retention import spells_for_unit
from fagkraft.engine import backtest as engine
from fagkraft.engine.backtest import headcount_on
from fagkraft.retention.reports import Selection
from fagkraft.workforce.models import Unit

DEFAULT_YEARS_BACK = 5
ESTIMATION_YEARS = 3


@dataclass
class BacktestRow:
    year: int
    projected: float | None
    actual: int | None
    error: float | None
    error_percent: float | None


@dataclass
class BacktestReport:
    unit: Unit
    base_year: int
    years: list[int]  # base years one may choose
    selection: Selection
    protected: bool
    turnover_percent: float | None
    recruits_per_year: float | None
    estimation_years: tuple[int, ...]
    rows: list[BacktestRow]
    mape: float | None


def base_year_of(raw: str) -> int | None:
    """The base year asked for in a query string; anything but digits means the default."""
    return int(raw) if raw.isdigit() else None


def backtest_report(unit: Unit, selection: Selection, today: dt.date, base_year: int | None,
                    *, protected: bool) -> BacktestReport:
    spells = [s for s in spells_for_unit(unit) if s.start <= today and selection.keeps(s)]
    last = today.year - 1
    first = min((s.start.year for s in spells), default=last)
    choices = list(range(min(first + ESTIMATION_YEARS, last - 1), last))
    base = base_year if base_year in choices else max(choices[0], last - DEFAULT_YEARS_BACK)
    result = engine.backtest(spells, base, last, ESTIMATION_YEARS)
    threshold = disclosure.threshold() if protected else 0

    def small(count: int) -> bool:
        return protected and 0 < count < threshold

    rows = [BacktestRow(r.year, None, None, None, None) if small(r.actual) else BacktestRow(
        r.year, r.projected, r.actual, r.error, r.error_percent) for r in result.rows]
    flows_hidden = protected and any(
        small(headcount_on(spells, dt.date(year, 12, 31))) or small(
            headcount_on(spells, dt.date(year - 1, 12, 31)))
        for year in result.flows.years)
    if flows_hidden or rows[0].actual is None:
        rows = [BacktestRow(r.year, None, r.actual, None, None) for r in rows]
    shown_errors = [abs(r.error_percent) for r in rows[1:] if r.error_percent is not None]
    return BacktestReport(
        unit, base, choices, selection, protected,
        None if flows_hidden else result.flows.turnover_percent,
        None if flows_hidden else result.flows.recruits_per_year,
        result.flows.years, rows,
        sum(shown_errors) / len(shown_errors) if shown_errors else None)
