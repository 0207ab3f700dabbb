"""Supply by stock and flow, checked against year-by-year hand calculations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fagkraft.engine.projection import (
    AgeBandValue,
    DemandSpec,
    PopulationSpec,
    ProfessionSpec,
    Scenario,
    StockRow,
    SupplySpec,
    project,
)
from tests.projection_support import flat_population


def _supply_table(supply: SupplySpec, end_year: int = 2030) -> dict[int, float]:
    scenario = Scenario("s", 2026, end_year, PopulationSpec(),
                        (ProfessionSpec("p", DemandSpec(base_fte=0.0), supply),))
    table = project(scenario, population=flat_population(2026, end_year)).table
    return dict(zip(table["year"], table["supply_fte"], strict=True))


def test_plain_fte_supply_matches_the_issue_example_by_hand() -> None:
    """100 FTE, 8 % turnover, 8 recruits a year (1 FTE each), 3 completing in 2028:
    2027: 100 x 0.92 + 8 = 100; 2028: 100 x 0.92 + 8 + 3 = 103;
    2029: 103 x 0.92 + 8 = 102.76; 2030: 102.76 x 0.92 + 8 = 102.5392."""
    supply = SupplySpec(fte=100.0, turnover_percent=8.0, retirement_age=67,
                        recruits_per_year=8, pipeline=((2028, 3.0),))
    assert _supply_table(supply) == pytest.approx(
        {2026: 100.0, 2027: 100.0, 2028: 103.0, 2029: 102.76, 2030: 102.5392}, abs=1e-9
    )


def test_supply_by_age_ages_turns_over_and_retires_by_hand() -> None:
    """Stock: 2 FTE aged 40, 1 FTE aged 64. Turnover 10 % up to 44, 5 % from 45;
    retirement at 66; one recruit (1.0 FTE) a year aged 30.
    2026: 3.0
    2027: 40->41: 2 x 0.9 = 1.8; 64->65: 1 x 0.95 = 0.95; recruit 1 -> 3.75
    2028: 41->42: 1.62; 65->66 retires; 30->31: 0.9; recruit 1 -> 3.52
    2029: 42->43: 1.458; 31->32: 0.81; 30->31: 0.9; recruit 1 -> 4.168"""
    supply = SupplySpec(
        stock=(StockRow(40, 2.0, 2), StockRow(64, 1.0, 1)),
        turnover_percent_by_age=(AgeBandValue(0, 44, 10.0, "-44"),
                                 AgeBandValue(45, None, 5.0, "45-")),
        retirement_age=66, recruits_per_year=1, recruit_age=30, fte_per_person=1.0,
    )
    assert _supply_table(supply, 2029) == pytest.approx(
        {2026: 3.0, 2027: 3.75, 2028: 3.52, 2029: 4.168}, abs=1e-9
    )


def test_plain_supply_has_no_retirement_and_aged_supply_does() -> None:
    """Nobody leaves but by retirement: 1 FTE aged 65, retirement at 67, no turnover.
    By age: 2027 aged 66 (1.0), 2028 aged 67 -> retired (0.0). Plain: always 1.0."""
    aged = SupplySpec(stock=(StockRow(65, 1.0),), retirement_age=67)
    plain = SupplySpec(fte=1.0, retirement_age=67)
    assert _supply_table(aged, 2028) == pytest.approx({2026: 1.0, 2027: 1.0, 2028: 0.0})
    assert _supply_table(plain, 2028) == pytest.approx({2026: 1.0, 2027: 1.0, 2028: 1.0})


def test_fte_per_person_defaults_to_the_stocks_mean_and_splits_fractional_ages() -> None:
    """Stock 1.6 FTE on 2 persons -> 0.8 FTE a recruit. Recruit age 29.5: half at 29, half
    at 30; turnover 0 below 30 and 100 % from 30: 2027 supply 0.8 (stock aged 50 all gone);
    2028: the half aged 29 -> 30 stays 0.4 x 0 turnover? No: turnover applies at the age
    before ageing: 29 -> 0 %, so 0.4 stays; 30 -> 100 % gone; plus 0.8 new -> 1.2."""
    supply = SupplySpec(
        stock=(StockRow(50, 1.6, 2),),
        turnover_percent=100.0,
        turnover_percent_by_age=(AgeBandValue(0, 29, 0.0, "-29"),),
        recruits_per_year=1, recruit_age=29.5,
    )
    assert _supply_table(supply, 2028) == pytest.approx({2026: 1.6, 2027: 0.8, 2028: 1.2})


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.tuples(st.integers(20, 50), st.floats(0.0, 5.0)), min_size=1, max_size=20),
    st.floats(0.0, 10.0),
    st.dictionaries(st.integers(2027, 2030), st.floats(0.0, 5.0), max_size=4),
)
def test_without_turnover_or_retirement_supply_only_adds_up(
    stock: list[tuple[int, float]], recruits: float, pipeline: dict[int, float]
) -> None:
    """No turnover and nobody reaching 67 by 2030 (oldest 50 + 4 years): supply in year t is
    the stock plus (t - 2026) years of recruits plus completions so far (1 FTE a person)."""
    supply = SupplySpec(
        stock=tuple(StockRow(age, fte) for age, fte in stock), retirement_age=67,
        recruits_per_year=recruits, recruit_age=30, fte_per_person=1.0,
        pipeline=tuple(sorted(pipeline.items())),
    )
    values = _supply_table(supply)
    base = sum(fte for _, fte in stock)
    for year, value in values.items():
        completed = sum(n for y, n in pipeline.items() if y <= year)
        assert value == pytest.approx(base + recruits * (year - 2026) + completed, abs=1e-9)
