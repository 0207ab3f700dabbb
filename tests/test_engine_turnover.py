"""Turnover, headcount and age profile in the engine, on a case worked out by hand.

Scope: unit A (id 1). Unit B (id 2) is elsewhere in the same trust. Year 2024.

  person 1  permanent in A since 2020, plus a second permanent post in A from 2024-01-01
            (counted once: headcount is distinct persons)
  person 2  permanent in A, ends 2024-03-31, nothing after      -> left the trust
  person 3  permanent in A, ends 2024-06-30, permanent in B from 2024-07-01
                                                                  -> internal move
  person 4  permanent in A from 2024-09-15                        (joiner)
  person 5  temporary in A all year                               (not permanent staff)
  person 6  permanent in A, ends 2024-10-31, starts in B 2024-12-15: 45 days later,
            beyond the 31-day grace                               -> left the trust
  persons 7, 8 permanent in A since 2019
  person 9  permanent in A, ends 2024-05-31, temporary in A from 2024-06-01
                                                                  -> not a leaver

Month-end headcounts (persons with a permanent post in A that day):
  Jan 1,2,3,6,7,8,9 = 7   Feb 7   Mar 7 (2 still there on 31 March)
  Apr 1,3,6,7,8,9 = 6     May 6   Jun 1,3,6,7,8 = 5 (3 there on 30 June)
  Jul 1,6,7,8 = 4         Aug 4   Sep 1,4,6,7,8 = 5   Oct 5 (6 there on 31 Oct)
  Nov 1,4,7,8 = 4         Dec 4
  Sum 64, average 64/12 = 16/3.
Leavers: 2 (left), 3 (internal), 6 (left) -> left the trust 2, internal moves 1, total 3.
Rates: total 3 / (16/3) = 9/16; left the trust 2 / (16/3) = 3/8; internal 1 / (16/3) = 3/16.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fagkraft.engine.ages import age_profile, ages_on
from fagkraft.engine.turnover import (
    INTERNAL_MOVE,
    LEFT_TRUST,
    PositionRecord,
    headcount_on,
    leavers,
    positions_frame,
    sample_days,
    turnover,
    turnover_by_year,
)
from tests.turnover_case import HAND_CASE

D = dt.date
A, B = 1, 2
YEAR_START, YEAR_END = D(2024, 1, 1), D(2024, 12, 31)


@pytest.fixture
def positions():
    return positions_frame(HAND_CASE)


def test_month_end_headcounts(positions) -> None:
    result = turnover(positions, {A}, YEAR_START, YEAR_END)
    assert [count for _, count in result.samples] == [7, 7, 7, 6, 6, 5, 4, 4, 5, 5, 4, 4]
    assert [day for day, _ in result.samples][:3] == [D(2024, 1, 31), D(2024, 2, 29),
                                                     D(2024, 3, 31)]
    assert Fraction(result.average_headcount).limit_denominator(100) == Fraction(16, 3)


def test_headcount_counts_persons_not_positions(positions) -> None:
    # 2 January 2024: persons 1 (two posts), 2, 3, 6, 7, 8, 9 -> 7, not 8.
    assert headcount_on(positions, {A}, D(2024, 1, 2)) == 7
    # Unit B on 1 January 2025: persons 3 and 6.
    assert headcount_on(positions, {B}, D(2025, 1, 1)) == 2


def test_leavers_are_classified(positions) -> None:
    found = leavers(positions, {A}, YEAR_START, YEAR_END, grace_days=31)
    assert dict(zip(found["employee_id"], found["how"], strict=True)) == {
        2: LEFT_TRUST, 3: INTERNAL_MOVE, 6: LEFT_TRUST,
    }


def test_turnover_rates_match_the_hand_calculation(positions) -> None:
    result = turnover(positions, {A}, YEAR_START, YEAR_END, grace_days=31)
    assert (result.left_trust, result.internal_moves, result.leavers) == (2, 1, 3)
    assert result.rate == pytest.approx(9 / 16)
    assert result.left_trust_rate == pytest.approx(3 / 8)
    assert result.internal_move_rate == pytest.approx(3 / 16)


def test_longer_grace_turns_the_late_restart_into_a_move(positions) -> None:
    # Person 6 starts in B 45 days after leaving A: with 60 days' grace that is a move.
    result = turnover(positions, {A}, YEAR_START, YEAR_END, grace_days=60)
    assert (result.left_trust, result.internal_moves) == (1, 2)


def test_a_move_inside_the_scope_is_no_leaving(positions) -> None:
    # Scope A+B: person 3 moved within it and is no leaver. Person 6 has no position in
    # the scope the day after 31 October (B starts 45 days later), so 6 still leaves.
    found = leavers(positions, {A, B}, YEAR_START, YEAR_END)
    assert sorted(found["employee_id"]) == [2, 6]


def test_year_to_date_samples_end_on_today() -> None:
    assert sample_days(D(2025, 1, 1), D(2025, 3, 10)) == [
        D(2025, 1, 31), D(2025, 2, 28), D(2025, 3, 10)]


def test_turnover_by_year_lists_previous_years_then_this_year(positions) -> None:
    years = turnover_by_year(positions, {A}, D(2025, 3, 10), previous_years=2)
    assert [(y.period_start, y.period_end) for y in years] == [
        (D(2023, 1, 1), D(2023, 12, 31)), (D(2024, 1, 1), D(2024, 12, 31)),
        (D(2025, 1, 1), D(2025, 3, 10))]
    # 2023: persons 1, 2, 3, 6, 7, 8, 9 all year, nobody leaves.
    assert years[0].average_headcount == 7 and years[0].leavers == 0
    assert years[1].leavers == 3


def test_empty_scope_has_no_rate() -> None:
    result = turnover(positions_frame([]), {A}, YEAR_START, YEAR_END)
    assert result.average_headcount == 0 and result.rate is None and result.leavers == 0


def test_ages_use_birth_date_or_birth_year() -> None:
    # On 22.11.2026: born 01.05.1980 -> 46; only year 1960 known -> 66;
    # born 31.12.1990 -> birthday not yet reached -> 35.
    ages = ages_on([1980, 1960, 1990], [D(1980, 5, 1), None, D(1990, 12, 31)], D(2026, 11, 22))
    assert list(ages) == [46, 66, 35]


def test_age_profile_bands_and_senior_share() -> None:
    # 9 ages: <30: 25 | 30-39: 30, 39 | 40-49: 40, 49 | 50-61: 50, 61 | 62+: 62, 70.
    profile = age_profile([25, 30, 39, 40, 49, 50, 61, 62, 70], senior_age=62)
    assert [(band.label, band.count) for band in profile.bands] == [
        ("<30", 1), ("30–39", 2), ("40–49", 2), ("50–61", 2), ("62+", 2)]
    assert profile.senior_count == 2
    assert profile.senior_share == pytest.approx(2 / 9)
    # A senior age of 60 moves the top band's edge.
    assert age_profile([61], senior_age=60).bands[-1].label == "60+"


# --- Property: the fast headcount equals a plain count of distinct persons ----------

_day = st.integers(min_value=0, max_value=60).map(lambda n: D(2024, 1, 1) + dt.timedelta(days=n))
_record = st.builds(
    lambda emp, unit, kind, start, length, open_: PositionRecord(
        emp, unit, kind, start, None if open_ else start + dt.timedelta(days=length)),
    st.integers(1, 6), st.sampled_from([A, B]), st.sampled_from(["permanent", "temporary"]),
    _day, st.integers(0, 30), st.booleans(),
)


@settings(max_examples=150, deadline=None)
@given(records=st.lists(_record, max_size=25), day=_day)
def test_headcount_equals_brute_force(records, day) -> None:
    expected = len({
        r.employee_id for r in records
        if r.unit_id == A and r.kind == "permanent" and r.start <= day
        and (r.end is None or r.end >= day)
    })
    assert headcount_on(positions_frame(records), {A}, day) == expected
