"""Monte Carlo bands and the tornado chart."""

from __future__ import annotations

import numpy as np
import pytest

from fagkraft.engine.projection import (
    DemandSpec,
    PopulationSpec,
    ProfessionSpec,
    Scenario,
    SupplySpec,
    UncertaintySpec,
    project,
    tornado,
)
from tests.projection_support import flat_population

SUPPLY = SupplySpec(fte=100.0, turnover_percent=8.0, recruits_per_year=8, pipeline=((2028, 3.0),))


def _scenario(uncertainty: UncertaintySpec) -> Scenario:
    return Scenario("mc", 2026, 2035, PopulationSpec(),
                    (ProfessionSpec("psychologist", DemandSpec(base_fte=120.0), SUPPLY),),
                    uncertainty=uncertainty)


def test_bands_are_ordered_and_repeatable_with_a_seed() -> None:
    scenario = _scenario(UncertaintySpec())
    first = project(scenario, population=flat_population(2026, 2035), draws=2001, seed=7)
    again = project(scenario, population=flat_population(2026, 2035), draws=2001, seed=7)
    table = first.table
    for name in ("demand", "supply", "gap"):
        assert (table[f"{name}_p10"] <= table[f"{name}_p50"] + 1e-12).all()
        assert (table[f"{name}_p50"] <= table[f"{name}_p90"] + 1e-12).all()
    assert table.equals(again.table)
    assert (table["gap_p90"] - table["gap_p10"]).iloc[-1] > 0


def test_median_supply_equals_point_supply_when_only_turnover_varies() -> None:
    """Supply falls monotonically with turnover, so with an odd number of draws the median
    supply is the supply at the draws' median turnover. Triangular(-2, 0, 2) has median 0;
    the sample median of 10,001 draws has a standard error of 1 / (2 f(0) sqrt(n)) =
    1 / sqrt(10001) = 0.01 pp (density f(0) = 0.5), and 1 pp moves supply by under 3 FTE
    by 2035, so the median supply lies within 0.1 FTE (over 3 standard errors) of the
    point projection at 8 %."""
    only_turnover = UncertaintySpec(population=False, adjustment_percent_per_year=(0.0, 0.0),
                                    recruits_percent=(0.0, 0.0), pipeline_percent=(0.0, 0.0))
    result = project(_scenario(only_turnover), population=flat_population(2026, 2035),
                     draws=10_001, seed=3)
    np.testing.assert_allclose(result.table["supply_p50"], result.table["supply_fte"],
                               atol=0.1)
    np.testing.assert_allclose(result.table["demand_p10"], 120.0)  # demand does not vary


def test_tornado_ranks_assumptions_by_swing_by_hand() -> None:
    """Gap in 2028, flat population, point gap 120 - 103 = 17.
    turnover [-1, 3] pp: 7 % -> 2027 101, 2028 101 x 0.93 + 11 = 104.93 -> gap 15.07;
                         11 % -> 2027 97, 2028 97 x 0.89 + 11 = 97.33 -> gap 22.67; swing 7.6
    recruits [-50, 0] %: 4/yr -> 2027 96, 2028 96 x 0.92 + 7 = 95.32 -> gap 24.68;
                         8/yr -> gap 17; swing 7.68
    adjustment [-0.5, 0.5]: demand 120 x 0.995^2 = 118.803, 120 x 1.005^2 = 121.203 -> 2.4
    pipeline [-30, 0] %: 2.1 complete -> gap 17.9 vs 17 -> swing 0.9
    population: flat, swing 0."""
    uncertainty = UncertaintySpec(turnover_percent=(-1.0, 3.0), recruits_percent=(-50.0, 0.0))
    chart = tornado(_scenario(uncertainty), "psychologist", 2028,
                    population=flat_population(2026, 2035))
    assert list(chart["assumption"]) == [
        "recruits_percent", "turnover_percent", "adjustment_percent_per_year",
        "pipeline_percent", "population",
    ]
    rows = chart.set_index("assumption")
    assert rows.loc["turnover_percent", "gap_low"] == pytest.approx(15.07)
    assert rows.loc["turnover_percent", "gap_high"] == pytest.approx(22.67)
    assert rows.loc["recruits_percent", "swing"] == pytest.approx(7.68)
    assert rows.loc["adjustment_percent_per_year", "swing"] == pytest.approx(2.4)
    assert rows.loc["pipeline_percent", "swing"] == pytest.approx(0.9)
    assert rows.loc["population", "swing"] == pytest.approx(0.0)
    assert chart["base_gap"].iloc[0] == pytest.approx(17.0)
    assert rows.loc["turnover_percent", "low_value"] == "7 %"
