"""engine.turnover_rates: turnover by profession and age band, worked out by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from fagkraft.engine import turnover_rates as tr

d = dt.date


def frames():
    """Scope is unit 1; unit 2 is elsewhere in the trust. One calendar year, 2020.

    A  born 30.06.1980, in unit 1 all year: 39 on the month ends Jan-May (5), 40 from
       30 June (7) -> 5/12 person-years in 30-39, 7/12 in 40-49.
    B  born 01.01.1990 (30), leaves the trust 15.03.2020: month ends Jan, Feb -> 2/12 in
       30-39, one leaver in 30-39.
    C  born 05.05.1958, retires 30.06.2020 (62): 61 on the month ends Jan-Apr (4/12 in
       50-61), 62 in May and June (2/12 in 62+); a retirement, not turnover.
    D  birth date unknown, born 1985 (35), moves to unit 2 on 01.09.2020: Jan-Aug -> 8/12
       in 30-39; an internal move, not a loss to the trust.
    E  a temporary position: not counted (turnover counts permanent staff only).
    So 30-39: 15/12 = 1.25 person-years with 1 leaver -> rate 0.8; 40-49: 7/12, rate 0;
    62+: 2/12 person-years, no leavers (the retirement is apart) -> rate 0.
    """
    positions = pd.DataFrame([
        (1, 1, "permanent", d(2015, 1, 1), None, ""),
        (2, 1, "permanent", d(2015, 1, 1), d(2020, 3, 15), "resigned"),
        (3, 1, "permanent", d(2015, 1, 1), d(2020, 6, 30), "retired"),
        (4, 1, "permanent", d(2015, 1, 1), d(2020, 8, 31), "internal_move"),
        (4, 2, "permanent", d(2020, 9, 1), None, ""),
        (5, 1, "temporary", d(2019, 1, 1), d(2020, 5, 31), "end_of_contract"),
    ], columns=[*tr.turnover.COLUMNS, "reason"])
    people = pd.DataFrame([
        (1, "psychologist", 1980, d(1980, 6, 30)), (2, "psychologist", 1990, d(1990, 1, 1)),
        (3, "psychologist", 1958, d(1958, 5, 5)), (4, "psychologist", 1985, None),
        (5, "psychologist", 1970, d(1970, 1, 1)),
    ], columns=tr.PEOPLE_COLUMNS)
    return positions, people


def test_rates_by_band_match_the_hand_count():
    positions, people = frames()
    result = tr.estimate(positions, people, [1], [2020]).set_index("band")
    assert list(result.index) == ["<30", "30–39", "40–49", "50–61", "62+"]
    assert result.loc["30–39", "person_years"] == pytest.approx(1.25, abs=1e-4)
    assert result.loc["30–39", "leavers"] == 1
    assert result.loc["30–39", "internal_moves"] == 1
    assert result.loc["30–39", "rate"] == pytest.approx(0.8, abs=1e-4)
    assert result.loc["40–49", "person_years"] == pytest.approx(7 / 12, abs=1e-4)
    assert result.loc["40–49", "rate"] == 0
    assert result.loc["50–61", "person_years"] == pytest.approx(4 / 12, abs=1e-4)
    assert result.loc["62+", "person_years"] == pytest.approx(2 / 12, abs=1e-4)
    assert result.loc["62+", "retirements"] == 1
    assert result.loc["62+", "leavers"] == 0
    # No exposure: no rate at all rather than a made-up zero.
    assert result.loc["<30", "rate"] is None
    assert result.loc["62+", "age_to"] is None


def test_pooled_rate_is_leavers_over_all_person_years():
    positions, people = frames()
    pooled = tr.pooled(tr.estimate(positions, people, [1], [2020])).iloc[0]
    # 5/12 + 2/12 + (4/12 + 2/12) + 8/12 + 7/12 = 28/12 person-years; 1 leaver.
    assert pooled["person_years"] == pytest.approx(28 / 12, abs=1e-3)
    assert pooled["rate"] == pytest.approx(12 / 28, abs=1e-3)


def test_without_reasons_a_retirement_counts_as_leaving():
    positions, people = frames()
    result = tr.estimate(positions.drop(columns="reason"), people, [1], [2020])
    assert result.set_index("band").loc["62+", "leavers"] == 1


def test_the_whole_trust_as_scope_has_no_internal_moves():
    """With both units in scope, D's move is not even a leaving (D stays in the scope)."""
    positions, people = frames()
    result = tr.estimate(positions, people, [1, 2], [2020]).set_index("band")
    assert result.loc["30–39", "internal_moves"] == 0
    # D now counts all 12 month ends: 5/12 + 2/12 + 12/12 = 19/12.
    assert result.loc["30–39", "person_years"] == pytest.approx(19 / 12, abs=1e-4)


def test_bands_from_edges():
    assert [band.label for band in tr.bands_from([30, 62])] == ["<30", "30–61", "62+"]
