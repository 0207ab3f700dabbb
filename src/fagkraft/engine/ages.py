"""Ages and age profiles.

An age is computed like `Employee.age_on`: from the birth date when known, otherwise the
age reached during the calendar year (current year minus birth year).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

PARSE_IN_PANDAS_FROM = 500

# Lower edges of the bands above the first one; the last edge is the senior age.
DEFAULT_BAND_EDGES: tuple[int, ...] = (30, 40, 50)


def ages_on(
    birth_years: npt.ArrayLike, birth_dates: Iterable[object], day: dt.date
) -> np.ndarray:
    """Age on `day` for each person; `birth_dates` holds dates, ISO date text
    ("1980-05-01", as the adapters read it) or None/NaT where unknown.

    Up to `PARSE_IN_PANDAS_FROM` persons, plain arithmetic per person: pandas' fixed cost
    of parsing dates was most of a section's summary. Above it, pandas parses them at once.
    """
    dates = birth_dates if isinstance(birth_dates, list) else list(birth_dates)
    if len(dates) >= PARSE_IN_PANDAS_FROM:
        return _ages_on_parsed(birth_years, dates, day)
    years = np.asarray(birth_years, dtype=np.int64).tolist()
    ages = []
    for year, born in zip(years, dates, strict=True):
        known = _birthday(born)
        if known is None:
            ages.append(day.year - year)
        else:
            ages.append(day.year - known[0] - int((known[1], known[2]) > (day.month, day.day)))
    return np.asarray(ages, dtype=np.int64)


def _ages_on_parsed(birth_years: npt.ArrayLike, birth_dates: list[object], day: dt.date
                    ) -> np.ndarray:
    years = np.asarray(birth_years, dtype=np.int64)
    dates = pd.to_datetime(pd.Series(birth_dates, dtype=object), errors="coerce")
    known = dates.notna().to_numpy()
    # Month*100+day orders birthdays within a year; unknown dates count as already passed.
    birthday_key = (dates.dt.month.fillna(0) * 100 + dates.dt.day.fillna(0)).to_numpy()
    before_birthday = known & (birthday_key > day.month * 100 + day.day)
    base_year = np.where(known, dates.dt.year.fillna(0).to_numpy(dtype=np.int64), years)
    return day.year - base_year - before_birthday.astype(np.int64)


def _birthday(value: object) -> tuple[int, int, int] | None:
    """(year, month, day) of a birth date, or None when unknown or not a date."""
    if isinstance(value, str):
        parts = value[:10].split("-")
        if len(parts) != 3 or not all(part.isdigit() for part in parts):
            return None
        year, month, day = (int(part) for part in parts)
        return (year, month, day) if 1 <= month <= 12 and 1 <= day <= 31 else None
    if value is pd.NaT or not isinstance(value, dt.date):
        return None
    return value.year, value.month, value.day


@dataclass(frozen=True)
class AgeBand:
    label: str
    lower: int  # inclusive
    upper: int | None  # inclusive; None for the open top band
    count: int


@dataclass(frozen=True)
class AgeProfile:
    bands: tuple[AgeBand, ...]
    total: int
    senior_age: int
    senior_count: int

    @property
    def senior_share(self) -> float | None:
        return self.senior_count / self.total if self.total else None


def band_edges(senior_age: int, edges: Sequence[int] = DEFAULT_BAND_EDGES) -> list[int]:
    """Band lower edges ending with the senior age, so its band is exactly 'senior_age+'."""
    return sorted({edge for edge in edges if edge < senior_age} | {senior_age})


def age_profile(
    ages: Sequence[int] | np.ndarray,
    senior_age: int = 62,
    edges: Sequence[int] = DEFAULT_BAND_EDGES,
) -> AgeProfile:
    """Counts per age band (<30, 30-39, 40-49, 50-61, 62+ by default) and the senior count."""
    values = np.asarray(ages, dtype=np.int64)
    lowers = band_edges(senior_age, edges)
    bands: list[AgeBand] = []
    # Band i runs from lowers[i-1] (0 for the first) to lowers[i] - 1; the last is open.
    bounds = list(zip([0, *lowers], [*(edge - 1 for edge in lowers), None], strict=True))
    for lower, upper in bounds:
        in_band = values >= lower if upper is None else (values >= lower) & (values <= upper)
        if upper is None:
            label = f"{lower}+"
        elif lower == 0:
            label = f"<{upper + 1}"
        else:
            label = f"{lower}–{upper}"
        bands.append(AgeBand(label, lower, upper, int(in_band.sum())))
    return AgeProfile(
        bands=tuple(bands),
        total=int(values.size),
        senior_age=senior_age,
        senior_count=int((values >= senior_age).sum()),
    )
