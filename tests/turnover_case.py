"""The hand-worked turnover case (units A and B; its figures are worked out in the docstring
of tests/test_engine_turnover.py), shared by the tests that must agree with it."""

from __future__ import annotations

import datetime as dt

from fagkraft.engine.turnover import PositionRecord

D = dt.date
A, B = 1, 2

HAND_CASE = [
    PositionRecord(1, A, "permanent", D(2020, 1, 1)),
    PositionRecord(1, A, "permanent", D(2024, 1, 1)),
    PositionRecord(2, A, "permanent", D(2020, 1, 1), D(2024, 3, 31)),
    PositionRecord(3, A, "permanent", D(2020, 1, 1), D(2024, 6, 30)),
    PositionRecord(3, B, "permanent", D(2024, 7, 1)),
    PositionRecord(4, A, "permanent", D(2024, 9, 15)),
    PositionRecord(5, A, "temporary", D(2023, 1, 1)),
    PositionRecord(6, A, "permanent", D(2023, 1, 1), D(2024, 10, 31)),
    PositionRecord(6, B, "permanent", D(2024, 12, 15)),
    PositionRecord(7, A, "permanent", D(2019, 1, 1)),
    PositionRecord(8, A, "permanent", D(2019, 1, 1)),
    PositionRecord(9, A, "permanent", D(2019, 1, 1), D(2024, 5, 31)),
    PositionRecord(9, A, "temporary", D(2024, 6, 1)),
]
