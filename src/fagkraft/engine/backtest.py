"""Projections checked against what happened (issue 13 point 4; docs/metrics.md,
"Projections checked against what happened").

From a past base year, project supply with the projection engine's stock-flow model
(`projection_core.supply_matrix`, a plain supply without ages) using only what was known
then, and set each year's projection beside what the register shows for that year.

- Supply = headcount (persons employed) on 31 December.
- Turnover (percent a year) = the mean leaver rate (engine.retention.period_indices,
  leaving the trust) of the `estimation_years` calendar years up to and including the
  base year; recruits per year = the mean number of persons hired in those years (a
  person counts in the year of their first spell's start).
- Projection: stock_base = actual headcount of the base year;
  stock_t = stock_t−1 · (1 − turnover) + recruits.
- Error = projected − actual (persons) and as a percentage of actual.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from fagkraft.engine.projection_core import Offsets, supply_matrix
from fagkraft.engine.projection_types import SupplySpec
from fagkraft.engine.retention import Spell, period_indices


@dataclass(frozen=True)
class Flows:
    turnover_percent: float
    recruits_per_year: float
    years: tuple[int, ...]  # the years they were estimated from


@dataclass(frozen=True)
class BacktestRow:
    year: int
    projected: float
    actual: int
    error: float  # projected − actual
    error_percent: float | None  # of actual; None when actual is 0


@dataclass(frozen=True)
class Backtest:
    base_year: int
    flows: Flows
    rows: tuple[BacktestRow, ...]

    @property
    def mean_absolute_percent_error(self) -> float | None:
        """Mean of |error %| over the years after the base year."""
        errors = [abs(r.error_percent) for r in self.rows[1:] if r.error_percent is not None]
        return sum(errors) / len(errors) if errors else None


def headcount_on(spells: Sequence[Spell], day: dt.date) -> int:
    return len({s.employee for s in spells if s.start <= day and (s.end is None or s.end > day)})


def estimation_years_of(base_year: int, estimation_years: int = 3) -> tuple[int, ...]:
    """The calendar years the flows of a base year are estimated from."""
    return tuple(range(base_year - estimation_years + 1, base_year + 1))


def first_base_year_shown(choices: Sequence[int], default: int,
                          year_shown: Callable[[int], bool],
                          estimation_years: int = 3) -> int:
    """The default base year where some counts are hidden (disclosure control): the first
    choice from `default` on whose estimation years are all shown, so the page opens
    on a projection rather than on one hidden because an early year is thin (a register
    loaded from an HR extract holds few leavers of its first year). `default` itself
    when no later choice is shown either."""
    return next((year for year in choices if year >= default and all(
        year_shown(estimated) for estimated in estimation_years_of(year, estimation_years))),
        default)


def estimate_flows(spells: Sequence[Spell], base_year: int, estimation_years: int = 3) -> Flows:
    years = estimation_years_of(base_year, estimation_years)
    rates = [period_indices(spells, dt.date(year, 12, 31)).leaver_rate for year in years]
    known = [rate for rate in rates if rate is not None]
    first_start: dict[str, dt.date] = {}
    for spell in spells:
        if spell.employee not in first_start or spell.start < first_start[spell.employee]:
            first_start[spell.employee] = spell.start
    hires = [sum(1 for day in first_start.values() if day.year == year) for year in years]
    return Flows(100.0 * sum(known) / len(known) if known else 0.0,
                 sum(hires) / len(hires), years)


def backtest(spells: Iterable[Spell], base_year: int, last_year: int,
             estimation_years: int = 3) -> Backtest:
    """Projected against actual headcount for base_year .. last_year."""
    spells = list(spells)
    flows = estimate_flows(spells, base_year, estimation_years)
    actual = [headcount_on(spells, dt.date(year, 12, 31))
              for year in range(base_year, last_year + 1)]
    supply = SupplySpec(fte=float(actual[0]), turnover_percent=flows.turnover_percent,
                        recruits_per_year=flows.recruits_per_year, fte_per_person=1.0)
    years = np.arange(base_year, last_year + 1)
    projected = supply_matrix(supply, years, Offsets.zeros())[0]
    rows = tuple(
        BacktestRow(int(year), float(value), count, float(value) - count,
                    100.0 * (float(value) - count) / count if count else None)
        for year, value, count in zip(years, projected, actual, strict=True))
    return Backtest(base_year, flows, rows)
