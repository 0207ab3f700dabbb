"""Supervision capacity per unit and month, worked out by hand (engine only)."""

from __future__ import annotations

import datetime as dt

from fagkraft.engine import supervision_capacity as s

JAN, FEB, MAR = dt.date(2026, 1, 1), dt.date(2026, 2, 1), dt.date(2026, 3, 1)
APPROVED = ((dt.date(2015, 1, 1), None),)


def test_month_starts_cross_the_year():
    assert s.month_starts(dt.date(2025, 11, 20), 3) == [
        dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1)]


def test_need_against_qualified_supply():
    needs = [
        # Unit 1: a full-time psychologist candidate (4 h) to mid-January, and one at 50 %
        # of 4 h = 2 h all quarter.
        s.Need(1, dt.date(2024, 1, 1), dt.date(2026, 1, 15), 4.0),
        s.Need(1, dt.date(2025, 6, 1), dt.date(2029, 6, 1), 2.0),
        # Unit 2: one candidate from February.
        s.Need(2, dt.date(2026, 2, 10), dt.date(2030, 1, 1), 4.0),
    ]
    supplies = [
        s.Supply(1, dt.date(2025, 1, 1), None, 3.0, 10, APPROVED),
        # Not qualified (no approval): does not count.
        s.Supply(1, dt.date(2025, 1, 1), None, 5.0, 11, ()),
        # Qualified only from 15 February: the approval must be in force on the 1st.
        s.Supply(2, dt.date(2025, 1, 1), None, 1.5, 12, ((dt.date(2026, 2, 15), None),)),
    ]
    months = s.capacity(needs, supplies, [JAN, FEB, MAR])
    table = {(m.unit_id, m.month): (m.candidates, m.needed, m.available, m.short)
             for m in months}
    # Unit 1, January: 4 + 2 = 6 h needed, 3 available: 3 short.
    assert table[(1, JAN)] == (2, 6.0, 3.0, 3.0)
    # From February the first candidate has finished: 2 needed, 3 available, none short.
    assert table[(1, FEB)] == (1, 2.0, 3.0, 0.0)
    # Unit 2: nothing in January; February 4 needed, none qualified yet; March 1.5.
    assert table[(2, JAN)] == (0, 0.0, 0.0, 0.0)
    assert table[(2, FEB)] == (1, 4.0, 0.0, 4.0)
    assert table[(2, MAR)] == (1, 4.0, 1.5, 2.5)


def test_surplus_in_one_unit_does_not_cover_another():
    needs = [s.Need(2, JAN, dt.date(2030, 1, 1), 4.0)]
    supplies = [s.Supply(1, JAN, None, 20.0, 10, APPROVED)]
    rows = {m.unit_id: m.short for m in s.capacity(needs, supplies, [JAN])}
    assert rows == {1: 0.0, 2: 4.0}


def test_supply_ending_before_the_month_does_not_count():
    supplies = [s.Supply(1, dt.date(2025, 1, 1), dt.date(2026, 1, 31), 3.0, 10, APPROVED)]
    needs = [s.Need(1, JAN, dt.date(2030, 1, 1), 4.0)]
    rows = {m.month: m.available for m in s.capacity(needs, supplies, [JAN, FEB])}
    assert rows == {JAN: 3.0, FEB: 0.0}


def test_supervisors_are_counted_once_and_only_when_qualified():
    # Supervisor 10 sets hours aside in unit 1 twice (two records), supervisor 11 once but
    # without an approval: unit 1 has one qualified supervisor, 3 + 2 = 5 h available.
    supplies = [
        s.Supply(1, dt.date(2025, 1, 1), None, 3.0, 10, APPROVED),
        s.Supply(1, dt.date(2025, 6, 1), None, 2.0, 10, APPROVED),
        s.Supply(1, dt.date(2025, 1, 1), None, 5.0, 11, ()),
    ]
    [month] = s.capacity([], supplies, [JAN])
    assert (month.supervisors, month.available) == (1, 5.0)
