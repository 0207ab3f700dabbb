"""Headcount and FTE of current staff, in total and by group (profession, child unit).

Input: one row per current position with employee_id, fte_percent and the grouping
columns. A person with several positions counts once per group (and once in total);
their FTE is the sum of their positions.
"""

from __future__ import annotations

import pandas as pd


def totals(positions: pd.DataFrame) -> tuple[int, float]:
    """(distinct persons, full-time equivalents)."""
    if positions.empty:
        return 0, 0.0
    fte = float(positions["fte_percent"].astype(float).sum()) / 100
    return int(positions["employee_id"].nunique()), round(fte, 2)


def by_group(positions: pd.DataFrame, column: str) -> pd.DataFrame:
    """Columns: key, headcount, fte; largest FTE first. Rows with no key are left out.

    Summed in plain Python over the column lists: a unit page calls this on a few dozen
    to a few thousand rows, where pandas' fixed cost per grouping step outweighed the work.
    """
    if positions.empty:
        return pd.DataFrame({"key": [], "headcount": [], "fte": []})
    people: dict[object, set[object]] = {}
    fte: dict[object, float] = {}
    for key, person, percent in zip(positions[column].tolist(),
                                    positions["employee_id"].tolist(),
                                    positions["fte_percent"].tolist(), strict=True):
        if key is None or key != key:  # None or NaN: no group
            continue
        people.setdefault(key, set()).add(person)
        fte[key] = fte.get(key, 0.0) + float(percent) / 100
    rows = sorted(((key, len(people[key]), round(fte[key], 2)) for key in people),
                  key=lambda row: (-row[2], row[0]))
    return pd.DataFrame(rows, columns=["key", "headcount", "fte"])
