"""The intake solver: its answer closes the gap and one position fewer does not."""

from __future__ import annotations

import math

import pytest

from fagkraft.engine.projection import (
    DemandSpec,
    PopulationSpec,
    ProfessionSpec,
    Scenario,
    SupplySpec,
    intake_to_close,
)
from tests.projection_support import flat_population

SCENARIO = Scenario(
    "intake", 2026, 2040, PopulationSpec(),
    (ProfessionSpec("psychologist", DemandSpec(base_fte=120.0),
                    SupplySpec(fte=100.0, turnover_percent=8.0, recruits_per_year=8,
                               pipeline=((2028, 3.0),), education_years=5)),),
)


def test_intake_closes_the_gap_and_one_fewer_does_not_by_hand() -> None:
    """Flat population: demand stays 120. Supply stays 100 (8 % of 100 = 8 recruits) plus
    the 2028 pipeline decayed to 2035: 3 x 0.92^7 = 1.673540 -> gap0 = 18.326460.
    One position a year from 2027 completes in 2032, 2033, 2034, 2035; each completer
    still there in 2035 counts 0.92^(2035 - year): 0.778688 + 0.8464 + 0.92 + 1 = 3.545088.
    Positions = ceil(18.326460 / 3.545088) = ceil(5.1696) = 6:
    gap with 6 = 18.326460 - 21.270528 = -2.944068; with 5 = 18.326460 - 17.72544 = 0.60102.
    """
    result = intake_to_close(SCENARIO, "psychologist", 2035,
                             population=flat_population(2026, 2040))
    gap0 = 20.0 - 3 * 0.92**7
    per_position = sum(0.92**k for k in range(4))
    assert result.gap_without_intake == pytest.approx(gap0)
    assert result.positions_per_year == math.ceil(gap0 / per_position) == 6
    assert result.gap_with_intake == pytest.approx(gap0 - 6 * per_position)
    assert result.gap_with_intake <= 0 < result.gap_with_one_fewer
    assert result.gap_with_one_fewer == pytest.approx(gap0 - 5 * per_position)
    assert list(result.cohorts["intake_year"]) == [2027, 2028, 2029, 2030]
    assert list(result.cohorts["completion_year"]) == [2032, 2033, 2034, 2035]
    table = result.table.set_index("year")
    assert table.loc[2035, "gap_with_intake_fte"] == pytest.approx(result.gap_with_intake)
    assert table.loc[2031, "completions"] == 0 and table.loc[2032, "completions"] == 6


def test_median_gap_closes_with_draws() -> None:
    result = intake_to_close(SCENARIO, "psychologist", 2035, draws=2001, seed=1,
                             population=flat_population(2026, 2040))
    assert result.feasible
    assert result.gap_with_intake <= 0 < result.gap_with_one_fewer


def test_no_cohort_can_complete_in_time() -> None:
    result = intake_to_close(SCENARIO, "psychologist", 2030,
                             population=flat_population(2026, 2040))
    assert not result.feasible and result.positions_per_year is None
    assert result.cohorts.empty


def test_no_gap_needs_no_positions() -> None:
    surplus = Scenario("surplus", 2026, 2040, PopulationSpec(),
                       (ProfessionSpec("p", DemandSpec(base_fte=50.0),
                                       SupplySpec(fte=100.0)),))
    none_needed = intake_to_close(surplus, "p", 2035, population=flat_population(2026, 2040))
    assert none_needed.positions_per_year == 0 and none_needed.gap_with_one_fewer is None
