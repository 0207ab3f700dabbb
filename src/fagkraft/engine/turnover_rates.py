"""Turnover rates by profession and age band, estimated from employment spells.

The projection's supply side needs, for each profession and age band, the share of the
staff who leave the trust in a year. This module estimates it from the register's history
with the definitions of `engine.turnover` (docs/metrics.md):

- Only permanent positions in the scope count, as in the turnover figures.
- Exposure (person-years): for each full calendar year, the permanent headcount on the
  last day of each month, split by the person's profession and their age on that day,
  divided by 12. A person who is 39 in March and 40 in October contributes to both bands.
- Leaver: `engine.turnover.leavers`, classified `left_trust`. Internal moves (the person
  holds another position in the trust within the grace days) are not losses to the trust
  and are counted apart. Age and band are taken on the last day of the position.
- Retirement: a leaver whose position ended with a reason in `retirement_reasons` is
  counted as a retirement, not as turnover, because the projection retires people at a
  retirement age of its own; counting them twice would empty the oldest band.
- rate = leavers ÷ person-years (a yearly probability for the projection's stock-flow);
  None where there is no exposure.

Profession is whatever the caller puts in the `profession` column of `people` (the
adapter maps the register to the projection's professions), one value per person: the
register keeps a person's current profession only, so a LIS who became a specialist is
counted as a specialist for the whole history.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

from fagkraft.engine import turnover
from fagkraft.engine.ages import ages_on

PEOPLE_COLUMNS = ["employee_id", "profession", "birth_year", "birth_date"]
# Lower edges of the age bands: <30, 30-39, 40-49, 50-61, 62+ (the unit page's bands).
DEFAULT_BAND_LOWERS: tuple[int, ...] = (0, 30, 40, 50, 62)
DEFAULT_RETIREMENT_REASONS: tuple[str, ...] = ("retired",)
RESULT_COLUMNS = ["profession", "band", "age_from", "age_to", "person_years", "leavers",
                  "retirements", "internal_moves", "rate"]


@dataclass(frozen=True)
class Band:
    label: str
    lower: int
    upper: int | None  # inclusive; None for the open top band


def bands_from(lowers: Sequence[int]) -> list[Band]:
    """Bands from their lower edges: (0, 30, 62) gives <30, 30–61, 62+."""
    edges = sorted(set(lowers))
    if not edges or edges[0] != 0:
        edges = [0, *edges]
    result = []
    for index, lower in enumerate(edges):
        upper = edges[index + 1] - 1 if index + 1 < len(edges) else None
        if lower == 0 and upper is not None:
            label = f"<{upper + 1}"
        elif upper is None:
            label = f"{lower}+"
        else:
            label = f"{lower}–{upper}"
        result.append(Band(label, lower, upper))
    return result


def _band_index(ages: np.ndarray, bands: Sequence[Band]) -> np.ndarray:
    lowers = np.array([band.lower for band in bands[1:]], dtype=np.int64)
    return np.searchsorted(lowers, ages, side="right")


def _month_ends(year: int) -> list[dt.date]:
    return turnover.sample_days(dt.date(year, 1, 1), dt.date(year, 12, 31))


def _exposure(
    positions: pd.DataFrame, people: pd.DataFrame, scope: set[int], years: Sequence[int],
    bands: Sequence[Band],
) -> pd.DataFrame:
    """Person-years by (profession, band index) from the month-end headcounts."""
    permanent = positions[(positions["kind"] == turnover.PERMANENT)
                          & positions["unit_id"].isin(scope)]
    starts = pd.to_datetime(permanent["start"], errors="coerce")
    ends = pd.to_datetime(permanent["end"], errors="coerce")
    employee = permanent["employee_id"].to_numpy(dtype=np.int64)
    attributes = people.set_index("employee_id")
    counts: dict[tuple[str, int], float] = {}
    for year in years:
        for day in _month_ends(year):
            stamp = pd.Timestamp(day)
            active = (starts <= stamp).to_numpy() & ((ends >= stamp) | ends.isna()).to_numpy()
            present = np.unique(employee[active])
            present = present[np.isin(present, attributes.index.to_numpy())]
            if present.size == 0:
                continue
            rows = attributes.loc[present]
            ages = ages_on(rows["birth_year"].to_numpy(), list(rows["birth_date"]), day)
            tally = pd.DataFrame({"profession": rows["profession"].astype(str).to_numpy(),
                                  "band_index": _band_index(ages, bands)})
            for group, count in tally.value_counts().items():
                profession, band = cast(tuple[str, int], group)
                key = (str(profession), int(band))
                counts[key] = counts.get(key, 0.0) + count / 12
    return pd.DataFrame(
        [(profession, band, value) for (profession, band), value in counts.items()],
        columns=["profession", "band_index", "person_years"],
    )


def _leaving_reasons(positions: pd.DataFrame, scope: set[int]) -> dict[tuple[int, dt.date], str]:
    """(employee, last day) -> reason of the permanent position in scope ending that day."""
    if "reason" not in positions.columns:
        return {}
    ending = positions[(positions["kind"] == turnover.PERMANENT)
                       & positions["unit_id"].isin(scope) & positions["end"].notna()]
    ends = pd.to_datetime(ending["end"], errors="coerce").dt.date
    return {
        (int(employee), end): str(reason or "")
        for employee, end, reason in zip(ending["employee_id"], ends, ending["reason"],
                                         strict=True)
    }


def _departures(
    positions: pd.DataFrame, people: pd.DataFrame, scope: set[int], years: Sequence[int],
    bands: Sequence[Band], grace_days: int, retirement_reasons: set[str],
) -> pd.DataFrame:
    """One row per leaving: profession, band index and kind (left/retired/internal)."""
    reasons = _leaving_reasons(positions, scope)
    attributes = people.set_index("employee_id")
    rows: list[tuple[str, int, str]] = []
    for year in years:
        gone = turnover.leavers(positions, scope, dt.date(year, 1, 1), dt.date(year, 12, 31),
                                grace_days)
        gone = gone[gone["employee_id"].isin(attributes.index)]
        if gone.empty:
            continue
        who = attributes.loc[gone["employee_id"].to_numpy()]
        for employee, left_on, how, profession, birth_year, birth_date in zip(
            gone["employee_id"], gone["left_on"], gone["how"], who["profession"],
            who["birth_year"], who["birth_date"], strict=True,
        ):
            age = ages_on([birth_year], [birth_date], left_on)
            band = int(_band_index(age, bands)[0])
            if how == turnover.INTERNAL_MOVE:
                kind = "internal_moves"
            elif reasons.get((int(employee), left_on), "") in retirement_reasons:
                kind = "retirements"
            else:
                kind = "leavers"
            rows.append((str(profession), band, kind))
    return pd.DataFrame(rows, columns=["profession", "band_index", "kind"])


def estimate(
    positions: pd.DataFrame,
    people: pd.DataFrame,
    scope: Iterable[int],
    years: Sequence[int],
    band_lowers: Sequence[int] = DEFAULT_BAND_LOWERS,
    grace_days: int = 31,
    retirement_reasons: Iterable[str] = DEFAULT_RETIREMENT_REASONS,
) -> pd.DataFrame:
    """Turnover rate per profession and age band over the given full calendar years.

    `positions` has `engine.turnover.COLUMNS` (plus an optional `reason`) and must hold
    every position of the persons concerned, also outside the scope, so internal moves
    can be told from leaving the trust. `people` has PEOPLE_COLUMNS; persons missing from
    it are ignored. Returns RESULT_COLUMNS, one row per profession and band (all bands of
    every profession in `people`, zero rows included), sorted by profession and age.
    """
    scope_ids = {int(unit) for unit in scope}
    bands = bands_from(band_lowers)
    exposure = _exposure(positions, people, scope_ids, years, bands)
    departures = _departures(positions, people, scope_ids, years, bands, grace_days,
                             set(retirement_reasons))
    professions = sorted({str(value) for value in people["profession"].unique()})
    grid = pd.DataFrame(
        [(profession, index) for profession in professions for index in range(len(bands))],
        columns=["profession", "band_index"],
    )
    result = grid.merge(exposure, on=["profession", "band_index"], how="left")
    result["person_years"] = result["person_years"].fillna(0.0).round(4)
    if departures.empty:
        counted = pd.DataFrame(columns=["profession", "band_index", "leavers", "retirements",
                                        "internal_moves"])
    else:
        counted = (departures.pivot_table(index=["profession", "band_index"], columns="kind",
                                          aggfunc="size", fill_value=0)
                   .reset_index())
    result = result.merge(counted, on=["profession", "band_index"], how="left")
    for column in ("leavers", "retirements", "internal_moves"):
        if column not in result.columns:
            result[column] = 0
        # The empty frame's columns are of object dtype: as numbers before filling.
        result[column] = pd.to_numeric(result[column]).fillna(0).astype(int)
    result["band"] = [bands[index].label for index in result["band_index"]]
    result["age_from"] = [bands[index].lower for index in result["band_index"]]
    # Object columns keep None (the open top band, no exposure) instead of NaN.
    result["age_to"] = pd.Series([bands[index].upper for index in result["band_index"]],
                                 dtype=object)
    result["rate"] = pd.Series([
        (leavers / years_at_risk) if years_at_risk > 0 else None
        for leavers, years_at_risk in zip(result["leavers"], result["person_years"],
                                          strict=True)
    ], dtype=object)
    return result.sort_values(["profession", "age_from"])[RESULT_COLUMNS].reset_index(drop=True)


def pooled(rates: pd.DataFrame) -> pd.DataFrame:
    """One rate per profession over all ages: Σ leavers ÷ Σ person-years."""
    totals = rates.groupby("profession", as_index=False)[
        ["person_years", "leavers", "retirements", "internal_moves"]].sum()
    totals["rate"] = [
        (leavers / years_at_risk) if years_at_risk > 0 else None
        for leavers, years_at_risk in zip(totals["leavers"], totals["person_years"],
                                          strict=True)
    ]
    return totals
