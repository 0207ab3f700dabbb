"""Kept monthly counts in the engine: the same turnover as `engine.turnover`.

Hand-worked case: the one of tests/test_engine_turnover.py (read its docstring), with
units A (1) and B (2) under trust T (3). Year 2024, scope A:
  month-end headcounts 7 7 7 6 6 5 4 4 5 5 4 4 (worked out there);
  leavers: person 2 on 31 March (left the trust), person 3 on 30 June (moved to B),
  person 6 on 31 October (left the trust: B only 45 days later);
  hires: person 4 on 15 September (person 1's second post overlaps the first, person 9's
  temporary post is no permanent one), so one hire, in September.
Scope T in 2024: persons 3 and 6 stay in T until ... person 6 ends in A on 31 October and
starts in B on 15 December: two months outside T, so person 6 leaves T (left the trust)
on 31 October and is hired again in December; person 3 moves inside T: no leaving.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from fagkraft.engine.turnover import PositionRecord, positions_frame, turnover_by_year
from fagkraft.engine.unit_months import (
    MonthCounts,
    month_starts,
    turnover_by_year_from_months,
    unit_month_counts,
)
from tests.turnover_case import HAND_CASE

D = dt.date
A, B, T = 1, 2, 3
SCOPES = {A: [A, T], B: [B, T]}
FIRST = D(2023, 1, 1)
MONTHS = 36


def _positions() -> pd.DataFrame:
    return positions_frame(HAND_CASE)


def _kept(frame: pd.DataFrame, scope: int) -> dict[dt.date, MonthCounts]:
    firsts = month_starts(FIRST, MONTHS)
    rows = frame[frame["scope_id"] == scope]
    return {firsts[int(r.month)]: MonthCounts(int(r.headcount), int(r.hires), int(r.left_unit),
                                              int(r.left_trust), int(r.ytd_left_unit),
                                              int(r.ytd_left_trust))
            for r in rows.itertuples()}


def test_hand_worked_months_of_unit_a() -> None:
    kept = _kept(unit_month_counts(_positions(), SCOPES, FIRST, MONTHS), A)
    year = [kept.get(D(2024, m, 1), MonthCounts()) for m in range(1, 13)]
    assert [m.headcount for m in year] == [7, 7, 7, 6, 6, 5, 4, 4, 5, 5, 4, 4]
    assert [m.hires for m in year] == [0] * 8 + [1, 0, 0, 0]
    assert [m.left_unit for m in year] == [0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0]
    assert [m.left_trust for m in year] == [0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0, 0]
    assert [m.ytd_left_unit for m in year] == [0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3]
    assert [m.ytd_left_trust for m in year] == [0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2]


def test_hand_worked_months_of_the_trust() -> None:
    kept = _kept(unit_month_counts(_positions(), SCOPES, FIRST, MONTHS), T)
    assert kept[D(2024, 10, 1)].left_trust == 1  # person 6
    assert kept[D(2024, 12, 1)].hires == 1       # person 6 again
    assert kept[D(2024, 12, 1)].ytd_left_unit == 2  # persons 2 and 6; 3 moved inside T
    # 31 December 2024 in T: persons 1, 3, 4, 6, 7, 8.
    assert kept[D(2024, 12, 1)].headcount == 6


def test_years_from_months_equal_the_engine() -> None:
    today = D(2025, 3, 31)
    frame = unit_month_counts(_positions(), SCOPES, FIRST, MONTHS)
    # Hand-worked: on 31 March 2025 unit A holds persons 1, 4, 7, 8.
    from_months = turnover_by_year_from_months(_kept(frame, A), today, 2, headcount_today=4)
    assert from_months == turnover_by_year(_positions(), {A}, today, 2)


days = st.integers(min_value=0, max_value=3 * 365)


@st.composite
def _histories(draw: st.DrawFn) -> pd.DataFrame:
    records = []
    for person in range(draw(st.integers(1, 8))):
        for _ in range(draw(st.integers(1, 4))):
            start = FIRST + dt.timedelta(days=draw(days) - 200)
            length = draw(st.one_of(st.none(), st.integers(0, 400)))
            end = None if length is None else start + dt.timedelta(days=length)
            records.append(PositionRecord(person, draw(st.sampled_from([A, B])),
                                          draw(st.sampled_from(["permanent", "temporary"])),
                                          start, end))
    return positions_frame(records)


@settings(max_examples=150, deadline=None)
@given(positions=_histories(), today_offset=st.integers(365, 3 * 365 - 1))
def test_random_histories_give_the_engine_turnover(positions: pd.DataFrame,
                                                   today_offset: int) -> None:
    """Any history: the years computed from the months equal `turnover_by_year` in every
    scope, whenever no leaving falls after today within today's month."""
    today = FIRST + dt.timedelta(days=today_offset)
    frame = unit_month_counts(positions, SCOPES, FIRST, MONTHS, grace_days=31)
    month_end = D(today.year + today.month // 12, today.month % 12 + 1, 1)
    later = any(kind == "permanent" and end is not None and today < end < month_end
                for kind, end in zip(positions["kind"], positions["end"], strict=True))
    for scope, members in ((A, {A}), (B, {B}), (T, {A, B})):
        engine = turnover_by_year(positions, members, today, today.year - FIRST.year)
        if later:
            continue
        today_count = engine[-1].samples[-1][1]
        from_months = turnover_by_year_from_months(_kept(frame, scope), today,
                                                   today.year - FIRST.year, today_count)
        assert from_months == engine
