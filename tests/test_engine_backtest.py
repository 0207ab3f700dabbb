"""Projections checked against what happened (engine.backtest) on a hand-made history.

Ten people employed since 2010 (A0-A9). Then, each ending "left the trust":
  2017: A1 leaves 30.06, H1 hired 01.03;   2018: A2 leaves 30.06, H2 01.03 and H3 01.09;
  2019: A3 leaves 30.06, H4 hired 01.03;   2020: A4 leaves 31.03, A5 31.08, nobody hired;
  2021: H5 hired 01.05.
Base year 2019, turnover from 2017-2019. By hand:
  leaver rates 2017: 1 / ((10 + 10) / 2) = 0.1; 2018: 1 / ((10 + 11) / 2) = 1/10.5;
  2019: 1 / ((11 + 11) / 2) = 1/11; turnover r = mean = 9.5382 %.
  recruits = (1 + 2 + 1) / 3 = 4/3 a year.
  actual headcount 31.12: 2019 11, 2020 9, 2021 10.
  projected: 2019 11; 2020 11 · (1 − r) + 4/3 = 11.2841; 2021 11.2841 · (1 − r) + 4/3
  = 11.5412; errors +2.2841 (25.38 %) and +1.5412 (15.41 %).
"""

from __future__ import annotations

import datetime as dt

import pytest

from fagkraft.engine.backtest import backtest, estimation_years_of, first_base_year_shown
from fagkraft.engine.retention import LEFT_TRUST, Spell

D = dt.date


def _history() -> list[Spell]:
    ends = {"A1": D(2017, 6, 30), "A2": D(2018, 6, 30), "A3": D(2019, 6, 30),
            "A4": D(2020, 3, 31), "A5": D(2020, 8, 31)}
    spells = [Spell(f"A{i}", D(2010, 1, 1), ends.get(f"A{i}"),
                    LEFT_TRUST if f"A{i}" in ends else None) for i in range(10)]
    hires = {"H1": D(2017, 3, 1), "H2": D(2018, 3, 1), "H3": D(2018, 9, 1),
             "H4": D(2019, 3, 1), "H5": D(2021, 5, 1)}
    return spells + [Spell(name, start) for name, start in hires.items()]


def test_backtest_on_a_hand_made_history():
    result = backtest(_history(), base_year=2019, last_year=2021)
    rate = (1 / 10 + 1 / 10.5 + 1 / 11) / 3
    assert result.flows.turnover_percent == pytest.approx(100 * rate)
    assert result.flows.turnover_percent == pytest.approx(9.5382, abs=1e-4)
    assert result.flows.recruits_per_year == pytest.approx(4 / 3)
    assert result.flows.years == (2017, 2018, 2019)
    assert [row.actual for row in result.rows] == [11, 9, 10]
    projected_2020 = 11 * (1 - rate) + 4 / 3
    projected_2021 = projected_2020 * (1 - rate) + 4 / 3
    assert [row.projected for row in result.rows] == pytest.approx(
        [11, projected_2020, projected_2021])
    assert [round(row.projected, 4) for row in result.rows] == [11, 11.2841, 11.5412]
    assert [round(row.error, 4) for row in result.rows] == [0, 2.2841, 1.5412]
    assert [round(row.error_percent, 2) for row in result.rows] == [0, 25.38, 15.41]
    assert result.mean_absolute_percent_error == pytest.approx(
        (100 * (projected_2020 - 9) / 9 + 100 * (projected_2021 - 10) / 10) / 2)


def test_the_default_base_year_moves_past_hidden_estimation_years():
    # Choices 2018-2024, default 2020 (five years back). Estimation years of 2020 are
    # 2018-2020; with 2018's counts hidden the first base year whose three years are all
    # shown is 2021 (2019-2021). With 2018 and 2021 hidden: 2024 (2022-2024). Nothing
    # hidden: 2020 itself. Everything hidden: 2020 (the page then shows no projection).
    choices = list(range(2018, 2025))
    assert first_base_year_shown(choices, 2020, lambda year: year != 2018) == 2021
    assert first_base_year_shown(choices, 2020, lambda year: year not in {2018, 2021}) == 2024
    assert first_base_year_shown(choices, 2020, lambda year: True) == 2020
    assert first_base_year_shown(choices, 2020, lambda year: False) == 2020
    assert estimation_years_of(2021) == (2019, 2020, 2021)
