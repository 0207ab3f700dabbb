"""The vectorised demand and supply model behind engine.projection.

Every uncertain input is an array over draws (length D; D = 1 for a point projection),
so a point projection, a Monte Carlo run and a tornado chart are the same computation
with different offset arrays. The only Python loop is over years.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fagkraft.engine.projection_types import (
    MAX_AGE,
    AgeBandValue,
    DemandSpec,
    ProfessionSpec,
    SupplySpec,
    UncertaintySpec,
)

N_AGES = MAX_AGE + 1
# Offsets drawn or set per draw; names match UncertaintySpec's fields.
OFFSETS: tuple[str, ...] = (
    "population",
    "base_demand_percent",
    "adjustment_percent_per_year",
    "turnover_percent",
    "recruits_percent",
    "pipeline_percent",
)


@dataclass(frozen=True)
class Offsets:
    """One value per draw for each uncertain input (see UncertaintySpec)."""

    population: np.ndarray
    base_demand_percent: np.ndarray
    adjustment_percent_per_year: np.ndarray
    turnover_percent: np.ndarray
    recruits_percent: np.ndarray
    pipeline_percent: np.ndarray

    @property
    def size(self) -> int:
        return len(self.population)

    @classmethod
    def zeros(cls, draws: int = 1) -> Offsets:
        return cls(*(np.zeros(draws) for _ in OFFSETS))

    @classmethod
    def drawn(cls, spec: UncertaintySpec, draws: int, rng: np.random.Generator) -> Offsets:
        """Triangular(low, 0, high) draws for each input; population in [-1, 1] when on."""
        values = []
        for name in OFFSETS:
            if name == "population":
                low, high = (-1.0, 1.0) if spec.population else (0.0, 0.0)
            else:
                low, high = getattr(spec, name)
            values.append(_triangular(rng, low, high, draws))
        return cls(*values)


def _triangular(rng: np.random.Generator, low: float, high: float, size: int) -> np.ndarray:
    if low == high:
        return np.full(size, float(low))
    return rng.triangular(low, min(max(0.0, low), high), high, size)


def band_vector(bands: tuple[AgeBandValue, ...], default: float) -> np.ndarray:
    """Value for every age 0..105: the band's value where a band covers the age."""
    out = np.full(N_AGES, float(default))
    for band in bands:
        upper = MAX_AGE if band.upper is None else min(band.upper, MAX_AGE)
        out[band.lower : upper + 1] = band.value
    return out


def served_weights(demand: DemandSpec, default_ages: tuple[int, int]) -> np.ndarray:
    """Use per person by age: the age weights inside the served ages, 0 outside."""
    low, high = demand.ages or default_ages
    weights = band_vector(demand.age_weights, 1.0)
    outside = (np.arange(N_AGES) < low) | (np.arange(N_AGES) > high)
    weights[outside] = 0.0
    return weights


def path_factors(path: tuple[tuple[int, float], ...], years: np.ndarray, base_year: int) -> (
    np.ndarray
):
    """Adjustment path: 1.0 in the base year, linear between the points, flat after."""
    if not path:
        return np.ones(len(years))
    points = sorted(path)
    xs = [base_year] + [year for year, _ in points if year > base_year]
    ys = [1.0] + [factor for year, factor in points if year > base_year]
    factors: np.ndarray = np.interp(years, xs, ys)
    return factors


def demand_matrix(
    demand: DemandSpec,
    served: dict[str, np.ndarray],
    years: np.ndarray,
    base_year: int,
    offsets: Offsets,
) -> np.ndarray:
    """Demand FTE (draws, years). served[alt] is the weighted served population by year."""
    main = served["MMMM"]
    high = served.get("HHMH", main)
    low = served.get("LLML", main)
    u = offsets.population[:, None]
    # Position between the alternatives: -1 = LLML, 0 = MMMM, +1 = HHMH.
    path = main[None, :] + np.where(u >= 0, u * (high - main)[None, :], u * (main - low)[None, :])
    growth = path / path[:, :1]
    base = demand.base_value() * (1.0 + offsets.base_demand_percent / 100.0)
    yearly = 1.0 + (demand.adjustment_percent_per_year + offsets.adjustment_percent_per_year) / 100
    elapsed = (years - base_year)[None, :]
    adjustment = yearly[:, None] ** elapsed * path_factors(demand.adjustment_path, years, base_year)
    demand_fte: np.ndarray = base[:, None] * growth * adjustment
    return demand_fte


def entrant_vector(supply: SupplySpec) -> np.ndarray:
    """Where one person's FTE lands by age: a fractional recruit age is split linearly."""
    out = np.zeros(N_AGES)
    age = min(max(supply.recruit_age, 0.0), float(MAX_AGE))
    lower = int(np.floor(age))
    share_upper = age - lower
    out[lower] += (1.0 - share_upper) * supply.person_fte()
    if share_upper > 0:
        out[min(lower + 1, MAX_AGE)] += share_upper * supply.person_fte()
    return out


def yearly_persons(pairs: tuple[tuple[int, float], ...], years: np.ndarray) -> np.ndarray:
    lookup = dict(pairs)
    return np.array([float(lookup.get(int(year), 0.0)) for year in years])


def supply_matrix(
    supply: SupplySpec,
    years: np.ndarray,
    offsets: Offsets,
    extra_completions: np.ndarray | None = None,
) -> np.ndarray:
    """Supply FTE (draws, years) by the stock-flow model of engine.projection's docstring.

    extra_completions: persons completing per year on top of the pipeline (the intake
    solver's new positions), scaled by the pipeline offset like the pipeline.
    """
    draws = offsets.size
    n_years = len(years)
    completions = yearly_persons(supply.pipeline, years)
    if extra_completions is not None:
        completions = completions + extra_completions
    recruits = supply.recruits_per_year * (1.0 + offsets.recruits_percent / 100.0)
    completing = (1.0 + offsets.pipeline_percent / 100.0)[:, None] * completions[None, :]
    persons_in = recruits[:, None] + completing  # (draws, years)
    out = np.empty((draws, n_years))
    if not supply.has_ages:
        rate = np.clip((supply.turnover_percent + offsets.turnover_percent) / 100.0, 0.0, 1.0)
        stock = np.full(draws, supply.base_value())
        out[:, 0] = stock
        fte = supply.person_fte()
        for t in range(1, n_years):
            stock = stock * (1.0 - rate) + persons_in[:, t] * fte
            out[:, t] = stock
        return out
    base = np.zeros(N_AGES)
    ages = np.array([min(max(row.age, 0), MAX_AGE) for row in supply.stock])
    np.add.at(base, ages, [row.fte for row in supply.stock])
    entrants = entrant_vector(supply)
    # Only the ages anyone can have are simulated: from the youngest to the retirement age
    # (or the oldest in the stock; they retire in the first step). Layout (ages, draws):
    # each age's row is contiguous, so ageing is one block copy.
    youngest = int(min(ages.min(), np.flatnonzero(entrants).min()))
    oldest = int(min(max(ages.max(), supply.retirement_age), MAX_AGE))
    window = slice(youngest, oldest + 1)
    rates = band_vector(supply.turnover_percent_by_age, supply.turnover_percent)[window]
    keep = 1.0 - np.clip((rates[:, None] + offsets.turnover_percent[None, :]) / 100.0, 0.0, 1.0)
    first_retired = supply.retirement_age - youngest
    entry_rows = [(int(row), float(entrants[youngest + row]))
                  for row in np.flatnonzero(entrants[window])]
    stock = np.repeat(base[window][:, None], draws, axis=1)
    out[:, 0] = stock.sum(axis=0)
    for t in range(1, n_years):
        stock *= keep
        top = stock[-1].copy() if oldest == MAX_AGE else None
        stock[1:] = stock[:-1]
        stock[0] = 0.0
        if top is not None:
            stock[-1] += top
        stock[first_retired:] = 0.0
        for row, fte in entry_rows:
            stock[row] += persons_in[:, t] * fte
        out[:, t] = stock.sum(axis=0)
    return out


def uncertainty_rows(spec: UncertaintySpec, profession: ProfessionSpec) -> list[tuple[str, float,
                                                                                     float]]:
    """(assumption, low offset, high offset) for every input the spec lets vary."""
    rows = []
    for name in OFFSETS:
        if name == "population":
            if spec.population:
                rows.append((name, -1.0, 1.0))
            continue
        low, high = getattr(spec, name)
        if low != high:
            rows.append((name, float(low), float(high)))
    return rows
