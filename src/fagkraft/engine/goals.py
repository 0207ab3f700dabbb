"""Programme goals: is an indicator on track for its target? (docs/metrics.md, "Goals").

An indicator has a baseline (a value on a date), a target to reach by the goal's
deadline and a direction (higher or lower is better). Its series is the values
measured so far, one per period. The rule:

- no data: the series holds no value;
- met: the latest value is at or beyond the target (>= for higher-is-better, <= for
  lower-is-better);
- otherwise off track once the deadline has passed (`as_of` after the deadline, or the
  latest value measured on or after it);
- otherwise the expected path is the straight line from the baseline on the baseline
  date to the target on the deadline; the indicator is on track when its latest value
  is at or beyond the path on that value's date, off track when it falls short.
  Before the baseline date the path is the baseline; a deadline on or before the
  baseline date makes the path the target.

A goal is met when every indicator with data is met, off track when any is off track,
no data when none has data, and on track otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Status(StrEnum):
    ON_TRACK = "on_track"
    OFF_TRACK = "off_track"
    MET = "met"
    NO_DATA = "no_data"


@dataclass(frozen=True)
class Point:
    """One period's value; `on` is the day it describes (e.g. the period's last day).
    None means not known or hidden by disclosure control."""

    on: dt.date
    value: float | None


@dataclass(frozen=True)
class Assessment:
    status: Status
    latest: Point | None  # the value the status rests on
    expected: float | None  # the path's value on the latest value's date


def latest_point(series: Iterable[Point]) -> Point | None:
    """The newest point that holds a value."""
    known = [point for point in series if point.value is not None]
    return max(known, key=lambda point: point.on) if known else None


def at_or_beyond(value: float, mark: float, direction: Direction) -> bool:
    return value >= mark if direction == Direction.HIGHER else value <= mark


def expected_on(day: dt.date, baseline: float, baseline_on: dt.date, target: float,
                deadline: dt.date) -> float:
    """The straight path from the baseline to the target, on `day` (clamped at both ends)."""
    if deadline <= baseline_on or day >= deadline:
        return target
    if day <= baseline_on:
        return baseline
    share = (day - baseline_on).days / (deadline - baseline_on).days
    return baseline + (target - baseline) * share


def assess(series: Sequence[Point], *, baseline: float, baseline_on: dt.date,
           target: float, direction: Direction, deadline: dt.date,
           as_of: dt.date) -> Assessment:
    latest = latest_point(series)
    if latest is None or latest.value is None:
        return Assessment(Status.NO_DATA, None, None)
    value = latest.value
    expected = expected_on(latest.on, baseline, baseline_on, target, deadline)
    if at_or_beyond(value, target, direction):
        return Assessment(Status.MET, latest, expected)
    if as_of > deadline or latest.on >= deadline:
        return Assessment(Status.OFF_TRACK, latest, expected)
    on_track = at_or_beyond(value, expected, direction)
    return Assessment(Status.ON_TRACK if on_track else Status.OFF_TRACK, latest, expected)


def goal_status(statuses: Iterable[Status]) -> Status:
    known = [status for status in statuses if status != Status.NO_DATA]
    if not known:
        return Status.NO_DATA
    if Status.OFF_TRACK in known:
        return Status.OFF_TRACK
    if all(status == Status.MET for status in known):
        return Status.MET
    return Status.ON_TRACK


def share(part: int, whole: int) -> float | None:
    """A share in per cent, None when there is nobody to share among."""
    return 100.0 * part / whole if whole else None


def year_end(year: int, today: dt.date) -> dt.date:
    """The day a yearly value describes: 31 December, or today in the current year."""
    return min(dt.date(year, 12, 31), today)


def years_between(first: int, today: dt.date) -> list[int]:
    return list(range(first, today.year + 1)) if first <= today.year else []


# --- Rules behind register indicators -------------------------------------------------


def hires_by_year(spells: Iterable[tuple[str, dt.date]]) -> dict[int, int]:
    """New hires per year: each person counts once, in the year of their first start
    (a person moving between posts, or coming back, is not hired again)."""
    first: dict[str, dt.date] = {}
    for person, start in spells:
        if person not in first or start < first[person]:
            first[person] = start
    counts: dict[int, int] = {}
    for start in first.values():
        counts[start.year] = counts.get(start.year, 0) + 1
    return counts


def education_posts_ended(
    ends: Iterable[tuple[str, dt.date]], permanent_starts: dict[str, list[dt.date]],
    grace_days: int,
) -> dict[int, tuple[int, int]]:
    """Per year: education positions that ended, and how many of them ended with a
    permanent post — the same person holds a permanent position starting no later than
    `grace_days` after the education position's last day (one already running counts)."""
    result: dict[int, tuple[int, int]] = {}
    for person, end in ends:
        limit = end + dt.timedelta(days=grace_days)
        followed = any(start <= limit for start in permanent_starts.get(person, []))
        ended, with_post = result.get(end.year, (0, 0))
        result[end.year] = (ended + 1, with_post + int(followed))
    return result
