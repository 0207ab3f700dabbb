"""Closed years of register indicators, kept for the day (docs/metrics.md, "Goals").

A register series is one value per 31 December from the baseline year on, and today's.
Today's value follows every write (goals.reports caches it under the data version); the
values of past year-ends are the costly part (a region's compliance on a past day
evaluates every requirement of every person employed then, seconds per year) and move
only when a correction is dated back in a closed year. So they are kept in
`YearEndValue` for the day they were computed on: the first view of a day computes the
years it misses, and the daily task (`fagkraft run-daily`, on the job queue at
FAGKRAFT_JOBS_DAILY_HOUR) recomputes those in use before anyone looks. A correction
dated in a closed year reaches that year's value the next day; the goal page says when
the closed years were computed.

Values are kept as the user group sees them: with the disclosure control applied
(`hides`) at its threshold, the same split as the series cache.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Min
from django.utils import timezone

from fagkraft import access
from fagkraft.engine.goals import Point
from fagkraft.goals.indicators import REGISTRY, Query
from fagkraft.goals.models import YearEndValue
from fagkraft.workforce.models import Unit

KEEP_UNUSED_DAYS = 7  # a series nobody has looked at for a week is no longer recomputed
UNIQUE = ["kind", "unit", "profession_group", "hides", "threshold", "on"]


def kept_kind(kind: str) -> bool:
    """Kinds with closed years: register series, not manual or today-only ones."""
    definition = REGISTRY[kind]
    return not definition.manual and not definition.snapshot


def closed_years(kind: str, unit: Unit, group: str, first: int, today: dt.date,
                 hides: bool, threshold: int) -> list[Point]:
    """The series' values on 31 December of each year from `first` to last year, as
    kept for `today`; the years not kept yet are computed and kept."""
    years = list(range(first, today.year))
    if not years:
        return []
    kept = {row.on.year: Point(row.on, row.value) for row in YearEndValue.objects.filter(
        kind=kind, unit=unit, profession_group=group, hides=hides, threshold=threshold,
        on__in=[dt.date(year, 12, 31) for year in years], computed_on=today)}
    missing = tuple(year for year in years if year not in kept)
    if missing:
        for point in _compute(kind, unit, group, first, today, hides, threshold, missing):
            kept[point.on.year] = point
    return [kept[year] for year in years if year in kept]


def _compute(kind: str, unit: Unit, group: str, first: int, today: dt.date, hides: bool,
             threshold: int, years: tuple[int, ...]) -> list[Point]:
    query = Query(unit, group, first, today, access.hide_rule(hides, threshold), only=years)
    points = REGISTRY[kind].compute(query)  # type: ignore[misc]
    now = timezone.now()
    # Two workers may compute the same year at once: the later write wins, both equal.
    YearEndValue.objects.bulk_create(
        [YearEndValue(kind=kind, unit=unit, profession_group=group, hides=hides,
                      threshold=threshold, on=point.on, value=point.value,
                      computed_on=today, computed_at=now) for point in points],
        update_conflicts=True, unique_fields=UNIQUE,
        update_fields=["value", "computed_on", "computed_at"])
    return points


def computed_at(kind: str, unit: Unit, group: str, today: dt.date, hides: bool,
                threshold: int) -> dt.datetime | None:
    """When the closed years of this series now shown were computed (the oldest)."""
    return YearEndValue.objects.filter(
        kind=kind, unit=unit, profession_group=group, hides=hides, threshold=threshold,
        computed_on=today).aggregate(oldest=Min("computed_at"))["oldest"]


def recompute(today: dt.date) -> int:
    """The daily task: recompute every series in use (computed within the last week)
    for `today`, drop the rest; the number of series recomputed."""
    # Not one transaction: a region's series take minutes, and each series is written
    # whole by itself (an interrupted run leaves the rest for the first view to compute).
    YearEndValue.objects.filter(
        computed_on__lt=today - dt.timedelta(days=KEEP_UNUSED_DAYS)).delete()
    stale: dict[tuple[str, int, str, bool, int], set[int]] = defaultdict(set)
    for kind, unit_id, group, hides, threshold, on in YearEndValue.objects.filter(
            computed_on__lt=today).values_list(*UNIQUE):
        if kind in REGISTRY and kept_kind(kind) and on.year < today.year:
            stale[(kind, unit_id, group, hides, threshold)].add(on.year)
    units = Unit.objects.in_bulk({key[1] for key in stale})
    for (kind, unit_id, group, hides, threshold), years in stale.items():
        _compute(kind, units[unit_id], group, min(years), today, hides, threshold,
                 tuple(sorted(years)))
    YearEndValue.objects.filter(computed_on__lt=today).delete()  # years no longer asked
    return len(stale)
