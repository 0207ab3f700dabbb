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
    """Columns: key, headcount, fte; largest FTE first. Rows with no key are left out."""
    if positions.empty:
        return pd.DataFrame({"key": [], "headcount": [], "fte": []})
    grouped = positions.dropna(subset=[column]).assign(
        fte=positions["fte_percent"].astype(float) / 100
    ).groupby(column)
    result = pd.DataFrame({
        "headcount": grouped["employee_id"].nunique(),
        "fte": grouped["fte"].sum().round(2),
    }).reset_index().rename(columns={column: "key"})
    return result.sort_values(["fte", "key"], ascending=[False, True]).reset_index(drop=True)
