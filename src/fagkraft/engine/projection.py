"""Projections of supply and demand per profession and year (issue 6): the public API.

Everything a caller needs is here: the frozen dataclasses of a parsed scenario (defined in
`projection_types`, re-exported here), and `project`, `tornado` and `intake_to_close`.
The scenario *file* (JSON) is parsed and validated on the Django side by
`fagkraft.projections.scenario_file`, which produces these dataclasses; a notebook can
build them directly. Method and file format: docs/projections.md.

Conventions (all of them documented in docs/projections.md):

- Years run from `base_year` to `end_year` inclusive. Values are on 1 January of a year
  (SSB's population figures are on 1 January too).
- Demand(t) = base FTE x W(t) / W(base) x (1 + p/100)^(t - base) x path(t), where W(t) is
  the projected population in the served ages weighted by use per person, p the yearly
  adjustment percentage and path(t) the adjustment path (linear between its points).
- Supply with age detail, year t-1 -> t: leavers (turnover rate by age) go, the rest age
  one year, everybody at or above the retirement age retires, then recruits and pipeline
  completions of year t join at the recruits' age. A supply given as plain FTE has no
  ages and so no retirements: S(t) = S(t-1) x (1 - turnover) + recruits + completions.
- Gap = demand - supply (positive = shortage).
- With draws > 0 the uncertain inputs (UncertaintySpec) are drawn from triangular
  distributions around the point values, vectorised over draws; the table then also
  holds the 10th/50th/90th percentiles of demand, supply and gap.
"""

from __future__ import annotations

import pandas as pd

from fagkraft.engine.population import PopulationSource
from fagkraft.engine.projection_intake import solve_intake
from fagkraft.engine.projection_run import run_projection, run_tornado
from fagkraft.engine.projection_types import (
    ALTERNATIVES,
    MAX_AGE,
    ActivitySpec,
    AgeBandValue,
    AreaSpec,
    DemandSpec,
    IntakeResult,
    PopulationNote,
    PopulationSpec,
    ProfessionSpec,
    Progress,
    ProjectionResult,
    Scenario,
    StockRow,
    SupplySpec,
    UncertaintySpec,
)

__all__ = [
    "ALTERNATIVES",
    "MAX_AGE",
    "ActivitySpec",
    "AgeBandValue",
    "AreaSpec",
    "DemandSpec",
    "IntakeResult",
    "PopulationNote",
    "PopulationSpec",
    "ProfessionSpec",
    "Progress",
    "ProjectionResult",
    "Scenario",
    "StockRow",
    "SupplySpec",
    "UncertaintySpec",
    "intake_to_close",
    "project",
    "tornado",
]


def project(
    scenario: Scenario,
    population: PopulationSource | None = None,
    draws: int = 0,
    seed: int = 0,
    progress: Progress | None = None,
) -> ProjectionResult:
    """Project demand, supply and gap for every profession and year.

    population: None (the shipped SSB data, or the scenario's population.file), an
    engine.population.PopulationData (other tables), or an
    engine.population.PopulationProjection (ready single-age figures for the area).
    draws: Monte Carlo draws (0 = point projection only); seed makes draws repeatable.
    progress(done, total) is called once per profession.
    """
    return run_projection(scenario, population, draws, seed, progress)


def tornado(
    scenario: Scenario, profession: str, year: int, population: PopulationSource | None = None
) -> pd.DataFrame:
    """Which assumption moves the gap of `profession` in `year` most.

    One row per uncertain assumption with columns assumption, low_value, high_value (the
    input values as text), gap_low, gap_high (gap with only that input at its low/high
    end) and swing = |gap_high - gap_low|, largest swing first. base_gap is the point gap.
    """
    return run_tornado(scenario, profession, year, population)


def intake_to_close(
    scenario: Scenario,
    profession: str,
    target_year: int,
    *,
    first_intake_year: int | None = None,
    education_years: int | None = None,
    max_positions: int = 1000,
    draws: int = 0,
    seed: int = 0,
    population: PopulationSource | None = None,
) -> IntakeResult:
    """The smallest number of new education positions per year that closes the gap.

    Cohorts start every year from first_intake_year (default base_year + 1) and complete
    education_years later (default the profession's supply.education_years); a cohort
    completing after target_year does not count. Completers join the supply like
    pipeline completions (at the recruits' age, fte_per_person each). With draws > 0 the
    median gap over the draws must reach zero.
    """
    return solve_intake(
        scenario,
        profession,
        target_year,
        first_intake_year=first_intake_year,
        education_years=education_years,
        max_positions=max_positions,
        draws=draws,
        seed=seed,
        population=population,
    )
