"""When an expiring certificate's holder is reminded (`fagkraft send-reminders`).

With thresholds of 90 and 30 days, a certificate expiring on 1 March is announced on
1 December (90 days before) and on 30 January (30 days before). A run that was missed
catches up with the nearest threshold only: on 10 February (19 days left) the 30-day
reminder goes out and the 90-day one, now stale, never does. Each threshold is sent once;
the caller remembers which were sent. An expired certificate gets no reminder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable


def threshold_due(expires_on: dt.date, today: dt.date, thresholds: Iterable[int],
                  sent: Collection[int] = ()) -> int | None:
    """The threshold (days) whose reminder is due today, or None."""
    left = (expires_on - today).days
    if left < 0:
        return None
    reached = [days for days in thresholds if left <= days]
    if not reached:
        return None
    nearest = min(reached)
    return None if nearest in sent else nearest
