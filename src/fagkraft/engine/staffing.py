"""Headcount and FTE of current staff, in total and by group (profession, child unit).

Input: one row per current position with employee_id, fte_percent and the grouping
columns. A person with several positions counts once per group (and once in total);
their FTE is the sum of their positions.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
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


@dataclass(frozen=True)
class CurrentStaff:
    """The unit summary's current-staff figures, from one pass over today's positions.

    Each figure is what `totals`, `by_group` and the summary's pandas steps give on the
    same positions in the same order (the FTE sums accumulate in the same order, so the
    floats are the same), without building a DataFrame: on a trust's ~5,000 positions
    the frame and its grouping steps cost about as much as reading the rows.
    """

    people: int
    fte: float
    by_profession: list[tuple[int, int, float]]  # (profession id, headcount, fte), by_group order
    by_branch: dict[int, tuple[int, float]]  # child unit id -> (headcount, fte)
    eligible: frozenset[int]  # persons in a specialist-track profession
    birth_years: list[int]  # per distinct person, first position first
    birth_dates: list[object]
    permanent_people: int


def current_staff(
    rows: Sequence[Sequence[Any]], branch_of: Mapping[int, int], track: Collection[int],
    permanent: str,
) -> CurrentStaff:
    """Rows as (employee_id, unit_id, fte_percent, profession_id, birth_year, birth_date,
    kind), one per current position; `branch_of` maps a unit to the child unit it sits
    under (units under none are left out of `by_branch`); `track` holds the professions
    on a specialist track; `permanent` is the kind that counts as permanent."""
    ftes: list[float] = []
    births: dict[int, tuple[int, object]] = {}
    groups: dict[str, tuple[dict[int, set[int]], dict[int, float]]] = {
        "profession": ({}, {}), "branch": ({}, {})}
    eligible: set[int] = set()
    permanent_people: set[int] = set()
    for person, unit_id, percent, profession, birth_year, birth_date, kind in rows:
        ftes.append(float(percent))
        births.setdefault(person, (birth_year, birth_date))
        for name, key in (("profession", profession), ("branch", branch_of.get(unit_id))):
            if key is None:
                continue
            people, fte = groups[name]
            people.setdefault(key, set()).add(person)
            fte[key] = fte.get(key, 0.0) + float(percent) / 100
        if profession in track:
            eligible.add(person)
        if kind == permanent:
            permanent_people.add(person)
    total_fte = round(float(np.asarray(ftes, dtype=np.float64).sum()) / 100, 2) if ftes else 0.0
    people, fte = groups["profession"]
    by_profession = sorted(((int(key), len(people[key]), round(fte[key], 2)) for key in people),
                           key=lambda row: (-row[2], row[0]))
    branch_people, branch_fte = groups["branch"]
    return CurrentStaff(
        people=len(births), fte=total_fte, by_profession=by_profession,
        by_branch={int(key): (len(branch_people[key]), float(round(branch_fte[key], 2)))
                   for key in branch_people},
        eligible=frozenset(eligible),
        birth_years=[year for year, _born in births.values()],
        birth_dates=[born for _year, born in births.values()],
        permanent_people=len(permanent_people),
    )
