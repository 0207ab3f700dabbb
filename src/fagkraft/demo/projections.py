"""Demo projections data, written through the projections services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable


def seed_projections(*, seed: int, today: dt.date, progress: Callable[[str], None]) -> int:
    """Write the demo projections data; returns the number of main records written."""
    return 0
