"""The small demo on a fixed day, as the kept-table tests build it once per module."""

from __future__ import annotations

import datetime as dt
from unittest import mock

from fagkraft.core import dates
from fagkraft.demo.seed import seed_demo

TODAY = dt.date(2026, 6, 30)


def seed_small_demo():
    with mock.patch.object(dates, "today", return_value=TODAY):
        return seed_demo(employees=300, seed=2026, today=TODAY)
