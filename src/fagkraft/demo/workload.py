"""Demo workload data, written through the workload services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable


def seed_workload(*, seed: int, today: dt.date, progress: Callable[[str], None]) -> int:
    """Write the demo workload data; returns the number of main records written."""
    return 0
