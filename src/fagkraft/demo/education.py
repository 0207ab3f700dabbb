"""Demo education data, written through the education services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable


def seed_education(*, seed: int, today: dt.date, progress: Callable[[str], None]) -> int:
    """Write the demo education data; returns the number of main records written."""
    return 0
