"""The smallest number of new education positions per year that closes the gap.

Supply is affine in extra completions (every step of the stock-flow model is linear), so
with n positions a year the gap in the target year is gap0 - n x effect, where effect is
the supply that one position a year adds, per draw. The median over draws is monotone
in n, so a bisection over integers finds the smallest n whose median gap is <= 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from fagkraft.engine.population import PopulationSource
from fagkraft.engine.projection_core import Offsets
from fagkraft.engine.projection_run import population_for, run_profession
from fagkraft.engine.projection_types import IntakeResult, Scenario

# A gap within this many FTE of zero counts as closed (floating-point sums).
TOLERANCE = 1e-9


def solve_intake(
    scenario: Scenario,
    profession_name: str,
    target_year: int,
    *,
    first_intake_year: int | None,
    education_years: int | None,
    max_positions: int,
    draws: int,
    seed: int,
    population: PopulationSource | None,
) -> IntakeResult:
    profession = scenario.profession(profession_name)
    if target_year not in scenario.years:
        raise ValueError(f"{target_year} is outside {scenario.base_year}-{scenario.end_year}")
    first = scenario.base_year + 1 if first_intake_year is None else first_intake_year
    duration = profession.supply.education_years if education_years is None else education_years
    years = np.asarray(scenario.years)
    projection = population_for(scenario, population)
    if draws > 0:
        offsets = Offsets.drawn(scenario.uncertainty_for(profession), draws,
                                np.random.default_rng(seed))
    else:
        offsets = Offsets.zeros()
    # One completion a year from the first cohort's completion year on.
    completions = (years >= first + duration).astype(float)
    base = run_profession(scenario, profession, projection, offsets)
    with_one = run_profession(scenario, profession, projection, offsets, completions)
    effect = with_one.supply - base.supply  # (draws, years): supply added by 1 position/yr
    column = scenario.years.index(target_year)
    gap0 = base.gap[:, column]
    per_position = effect[:, column]

    def median_gap(positions: int) -> float:
        return float(np.median(gap0 - positions * per_position))

    last_intake = target_year - duration
    cohort_years = list(range(first, last_intake + 1))
    cohorts = pd.DataFrame(
        {"intake_year": cohort_years, "completion_year": [y + duration for y in cohort_years]}
    )
    without = median_gap(0)
    positions: int | None
    if without <= TOLERANCE:
        positions = 0
    elif not cohort_years or median_gap(max_positions) > TOLERANCE:
        positions = None
    else:
        low, high = 0, max_positions  # median_gap(low) > 0 >= median_gap(high)
        while high - low > 1:
            middle = (low + high) // 2
            if median_gap(middle) <= TOLERANCE:
                high = middle
            else:
                low = middle
        positions = high
    cohorts["positions"] = positions if positions is not None else 0
    point = run_profession(scenario, profession, projection, Offsets.zeros())
    point_effect = run_profession(
        scenario, profession, projection, Offsets.zeros(), completions
    ).supply[0] - point.supply[0]
    added = (positions or 0) * point_effect
    table = pd.DataFrame(
        {
            "year": years,
            "demand_fte": point.demand[0],
            "supply_fte": point.supply[0],
            "gap_fte": point.gap[0],
            "completions": (positions or 0) * completions,
            "supply_with_intake_fte": point.supply[0] + added,
            "gap_with_intake_fte": point.gap[0] - added,
        }
    )
    return IntakeResult(
        profession=profession_name,
        target_year=target_year,
        positions_per_year=positions,
        first_intake_year=first,
        education_years=duration,
        cohorts=cohorts,
        gap_without_intake=without,
        gap_with_intake=median_gap(positions) if positions is not None else None,
        gap_with_one_fewer=median_gap(positions - 1) if positions else None,
        feasible=positions is not None,
        table=table,
    )
