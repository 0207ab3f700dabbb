"""Demand: adjustment per year and path, age weights, activity through WISN."""

from __future__ import annotations

import numpy as np
import pytest

from fagkraft.engine.population import N_AGES, PopulationProjection
from fagkraft.engine.projection import (
    ActivitySpec,
    AgeBandValue,
    DemandSpec,
    PopulationSpec,
    ProfessionSpec,
    Scenario,
    SupplySpec,
    project,
)
from tests.projection_support import flat_population


def _demand(demand: DemandSpec, population: PopulationProjection, end: int = 2030,
            ages: tuple[int, int] = (0, 105)) -> dict[int, float]:
    scenario = Scenario("d", 2026, end, PopulationSpec(ages=ages),
                        (ProfessionSpec("p", demand, SupplySpec(fte=0.0)),))
    table = project(scenario, population=population).table
    return dict(zip(table["year"], table["demand_fte"], strict=True))


def test_yearly_adjustment_compounds() -> None:
    """120 FTE, +2 %/yr, flat population: 2028 = 120 x 1.02^2 = 124.848."""
    values = _demand(DemandSpec(base_fte=120.0, adjustment_percent_per_year=2.0),
                     flat_population(2026, 2030))
    assert values[2028] == pytest.approx(124.848)


def test_adjustment_path_is_linear_between_points_and_flat_after() -> None:
    """Path {2030: 1.2} on 100 FTE: 2028 is half-way, 1.1 -> 110; 2032 holds 1.2 -> 120."""
    values = _demand(DemandSpec(base_fte=100.0, adjustment_path=((2030, 1.2),)),
                     flat_population(2026, 2032), end=2032)
    assert values[2028] == pytest.approx(110.0)
    assert values[2032] == pytest.approx(120.0)


def test_demand_follows_the_weighted_served_population() -> None:
    """Served ages 0-17; children 0-5 count 2.0 per person, 6-17 count 1.0.
    2026: 100 per age -> W = 6 x 100 x 2 + 12 x 100 = 2400.
    2027: ages 0-5 double to 200 each -> W = 6 x 200 x 2 + 1200 = 3600.
    Adults (not served) triple, which must not matter. Demand 2027 = 60 x 3600/2400 = 90."""
    grid = np.full((2, N_AGES), 100.0)
    grid[1, 0:6] = 200.0
    grid[1, 18:] = 300.0
    population = PopulationProjection((2026, 2027), {"MMMM": grid}, "test")
    demand = DemandSpec(base_fte=60.0, age_weights=(AgeBandValue(0, 5, 2.0, "0-5"),))
    values = _demand(demand, population, end=2027, ages=(0, 17))
    assert values[2027] == pytest.approx(90.0)


def test_activity_becomes_fte_through_wisn() -> None:
    """WISN: 12,000 consultations of 60 min with 1,500 available hours and CAF 1.25:
    12000 x 60 / 60 / 1500 x 1.25 = 10.0 FTE in the base year."""
    activity = ActivitySpec(12_000, 60.0, 1_500.0, 1.25)
    values = _demand(DemandSpec(activity=activity), flat_population(2026, 2027), end=2027)
    assert values[2026] == pytest.approx(10.0)
