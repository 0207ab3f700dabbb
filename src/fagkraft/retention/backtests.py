"""Projections checked against what happened: the page's figures (docs/metrics.md).

The unit subtree's spells (adapter.retention, filtered like the retention page) go to
`engine.backtest`. Where the unit's counts pass disclosure control (the planner), the
actual headcount of a year-end is the retention table's headcount at the end of that
year (retention.tree_table: protected over the whole tree, so a department's figure minus
its sections' cannot give a hidden section back, and the same count reads the same on the
retention page). A year whose headcount is hidden there, or that the table does not hold,
shows neither it nor the projection and error beside it; the flows are hidden when any
count they come from (headcounts, leavers, hires of the estimation years) is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from fagkraft.adapter.retention import spells_for_unit
from fagkraft.audit.services import data_version
from fagkraft.engine import backtest as engine
from fagkraft.retention import tree_table
from fagkraft.retention.reports import Selection
from fagkraft.workforce.models import Unit

DEFAULT_YEARS_BACK = 5
ESTIMATION_YEARS = 3
FLOW_COUNTS = ("hc_start", "hc_end", "leavers", "hired")  # what the flows come from


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
    if protected:
        selection, _restricted = selection.restricted()  # as the retention page
    spells = [s for s in spells_for_unit(unit) if s.start <= today and selection.keeps(s)]
    last = today.year - 1
    first = min((s.start.year for s in spells), default=last)
    choices = list(range(min(first + ESTIMATION_YEARS, last - 1), last))
    protected_shows = None
    if protected:
        protected_shows, table_years = _year_counts_shown(unit, selection, today)
        # Base years whose estimation years are older than the table's show nothing to
        # a planner: not offered (all of them, should none be left).
        choices = [year for year in choices if set(
            engine.estimation_years_of(year, ESTIMATION_YEARS)) <= table_years] or choices

    def shows(name: str, year: int) -> bool:
        return protected_shows is None or protected_shows(name, year)

    def flows_shown(year: int) -> bool:
        return all(shows(name, year) for name in FLOW_COUNTS)

    base = base_year if base_year in choices else engine.first_base_year_shown(
        choices, max(choices[0], last - DEFAULT_YEARS_BACK), flows_shown, ESTIMATION_YEARS)
    result = engine.backtest(spells, base, last, ESTIMATION_YEARS)

    rows = [BacktestRow(r.year, r.projected, r.actual, r.error, r.error_percent)
            if shows("hc_end", r.year) else BacktestRow(r.year, None, None, None, None)
            for r in result.rows]
    flows_hidden = not all(flows_shown(year) for year in result.flows.years)
    if flows_hidden or rows[0].actual is None:
        rows = [BacktestRow(r.year, None, r.actual, None, None) for r in rows]
    shown_errors = [abs(r.error_percent) for r in rows[1:] if r.error_percent is not None]
    return BacktestReport(
        unit, base, choices, selection, protected,
        None if flows_hidden else result.flows.turnover_percent,
        None if flows_hidden else result.flows.recruits_per_year,
        result.flows.years, rows,
        sum(shown_errors) / len(shown_errors) if shown_errors else None)


def _year_counts_shown(unit: Unit, selection: Selection, today: dt.date
                       ) -> tuple[Callable[[str, int], bool], set[int]]:
    """Whether the retention tree table shows a per-year count of the unit (True) or
    hides it or does not hold the year (False); and the years it holds."""
    filters, version = selection.constraints, str(data_version())
    hidden = tree_table.hidden_cells(unit, filters, today, version)
    years = set(tree_table.table_years(unit, filters, today, version))

    def shown(name: str, year: int) -> bool:
        return year in years and tree_table.year_key(
            name, unit.path, filters, year) not in hidden

    return shown, years
