"""When a kept status must be recomputed: `status_changes_on` (engine).

Hand-worked cases below (N = 30 days), then a property: the status never changes
before the day it names.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from fagkraft.engine.compliance import status_changes_on, status_of

D = dt.date
T = D(2026, 6, 1)


def test_never_completed_turns_due_soon_then_missing():
    # Deadline 31 Jul: due soon from 1 Jul (31 Jul - 30 days), missing from 1 Aug.
    assert status_changes_on(D(2026, 7, 31), None, None, T) == D(2026, 7, 1)
    assert status_changes_on(D(2026, 7, 31), None, None, D(2026, 7, 1)) == D(2026, 8, 1)
    # Missing already: nothing changes any more with the date.
    assert status_changes_on(D(2026, 5, 1), None, None, T) is None


def test_completion_that_never_expires_never_changes():
    assert status_changes_on(D(2026, 7, 31), D(2026, 1, 1), None, T) is None


def test_expiring_completion():
    # Done 1 Sep 2024, valid 24 months: expires 1 Sep 2026, due then (deadline earlier).
    # Due soon from 2 Aug (1 Sep - 30), overdue from 2 Sep.
    assert status_changes_on(D(2025, 1, 1), D(2024, 9, 1), 24, T) == D(2026, 8, 2)
    assert status_changes_on(D(2025, 1, 1), D(2024, 9, 1), 24, D(2026, 8, 2)) == D(2026, 9, 2)
    # A fresh hire's old course ran out on 1 Mar, the deadline is 31 Dec: not yet due,
    # due soon from 1 Dec.
    assert status_changes_on(D(2026, 12, 31), D(2024, 3, 1), 24, T) == D(2026, 12, 1)


DAYS = st.integers(min_value=-800, max_value=800).map(lambda n: T + dt.timedelta(days=n))


@settings(max_examples=300, deadline=None)
@given(deadline=DAYS, completed=st.none() | DAYS.filter(lambda day: day <= T),
       validity=st.none() | st.sampled_from([1, 12, 24, 36]),
       soon=st.sampled_from([0, 14, 30]))
def test_status_holds_until_the_day_named(deadline, completed, validity, soon):
    first = status_of(deadline, completed, validity, T, soon)
    change = status_changes_on(deadline, completed, validity, T, soon)
    horizon = T + dt.timedelta(days=2000)
    day = T
    while day < (change or horizon):
        assert status_of(deadline, completed, validity, day, soon) == (
            first[0], first[1], first[2])
        day += dt.timedelta(days=1)
    if change is not None:
        assert change > T
