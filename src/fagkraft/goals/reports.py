"""A goal's figures: each indicator's series, its status, and the goal's status.

Series are computed from the register (goals.indicators) or read from the manual values,
passed through the disclosure control of the user looking (access.indicator_hide), and
assessed by the engine (engine.goals.assess). A register series reads many rows, so it
is cached under the data version (the newest audited write) like the unit summary: it
changes only when data does. The values of closed years are kept for the day instead
(goals.history): they move only with corrections dated back, and cost the most.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache

from fagkraft import access
from fagkraft.audit.services import data_version
from fagkraft.engine import goals as engine
from fagkraft.engine.goals import Point
from fagkraft.goals import history
from fagkraft.goals.indicators import REGISTRY, Query, label_of
from fagkraft.goals.models import Goal, Indicator
from fagkraft.workforce.models import Unit

SERIES_CACHE_SECONDS = 6 * 3600


@dataclass(frozen=True)
class IndicatorView:
    indicator: Indicator
    label: str
    measure: str
    series: list[Point]
    assessment: engine.Assessment
    hidden: bool  # figures pass disclosure control for this user

    @property
    def status(self) -> engine.Status:
        return self.assessment.status


@dataclass(frozen=True)
class GoalView:
    goal: Goal
    indicators: list[IndicatorView]

    @property
    def status(self) -> engine.Status:
        return engine.goal_status(view.status for view in self.indicators)


def series(indicator: Indicator, unit: Unit, user: access.User, today: dt.date,
           version: int | None = None) -> list[Point]:
    """The indicator's series over `unit` as `user` may see it (`version`: the data
    version, when the caller has it already)."""
    definition = REGISTRY[indicator.kind]
    if definition.compute is None:
        return [Point(value.period_end, value.value)
                for value in indicator.values.order_by("period_end")]
    hides = access.hides_figures(user, unit)
    threshold = access.suppression_threshold()
    first = min(indicator.baseline_on.year, today.year)
    group = indicator.profession_group
    closed: list[Point] = []
    only = None
    if history.kept_kind(indicator.kind):
        closed = history.closed_years(indicator.kind, unit, group, first, today, hides,
                                      threshold)
        only = (today.year,)
    key = (f"goal-series:{indicator.kind}:{unit.pk}:{group}:{first}:{int(hides)}:"
           f"{threshold}:{today.isoformat()}:"
           f"{data_version() if version is None else version}")
    points = cache.get(key)
    if points is None:
        query = Query(unit, group, first, today, access.indicator_hide(user, unit), only)
        points = definition.compute(query)
        cache.set(key, points, timeout=SERIES_CACHE_SECONDS)
    return closed + points


def closed_years_computed_at(indicator: Indicator, user: access.User,
                             today: dt.date) -> dt.datetime | None:
    """When the closed years shown of a register series were computed (goals.history);
    None for kinds without closed years."""
    if not history.kept_kind(indicator.kind):
        return None
    unit = indicator.unit
    return history.computed_at(indicator.kind, unit, indicator.profession_group, today,
                               access.hides_figures(user, unit),
                               access.suppression_threshold())


def assess(indicator: Indicator, points: list[Point], today: dt.date) -> engine.Assessment:
    return engine.assess(points, baseline=indicator.baseline,
                         baseline_on=indicator.baseline_on, target=indicator.target,
                         direction=engine.Direction(indicator.direction),
                         deadline=indicator.goal.deadline, as_of=today)


def indicator_view(indicator: Indicator, user: access.User, today: dt.date,
                   unit: Unit | None = None, version: int | None = None) -> IndicatorView:
    unit = unit or indicator.unit
    points = series(indicator, unit, user, today, version)
    definition = REGISTRY[indicator.kind]
    return IndicatorView(indicator, label_of(indicator), str(definition.measure), points,
                         assess(indicator, points, today),
                         access.hides_figures(user, unit) and not definition.manual)


def goal_view(goal: Goal, user: access.User, today: dt.date) -> GoalView:
    indicators = goal.indicators.select_related("unit", "goal__unit").order_by("pk")
    version = data_version()
    return GoalView(goal, [indicator_view(indicator, user, today, version=version)
                           for indicator in indicators])


def chart_data(view: IndicatorView) -> dict[str, object]:
    """What the page's script draws: the series, the baseline and target as lines from
    the baseline date to the deadline, and the straight path between them."""
    indicator = view.indicator
    start, deadline = indicator.baseline_on.isoformat(), indicator.goal.deadline.isoformat()
    return {
        "id": indicator.pk,
        "title": view.label,
        "x": [point.on.isoformat() for point in view.series],
        "y": [point.value for point in view.series],
        "baseline": {"x": [start, deadline], "y": [indicator.baseline, indicator.baseline]},
        "target": {"x": [start, deadline], "y": [indicator.target, indicator.target]},
        "path": {"x": [start, deadline], "y": [indicator.baseline, indicator.target]},
        "measure": view.measure,
    }


@dataclass(frozen=True)
class Comparison:
    """One indicator of a region's goal, measured in each trust of the region."""

    indicator: Indicator
    label: str
    rows: list[tuple[Unit, IndicatorView]]


def region_comparison(goal: Goal, user: access.User, today: dt.date) -> list[Comparison]:
    trusts = list(access.units_for(user).filter(parent=goal.unit,
                                                level=Unit.Level.TRUST).order_by("name"))
    result = []
    version = data_version()
    for indicator in goal.indicators.select_related("unit", "goal").order_by("pk"):
        if REGISTRY[indicator.kind].manual:
            continue
        rows = [(trust, indicator_view(indicator, user, today, unit=trust, version=version))
                for trust in trusts]
        if REGISTRY[indicator.kind].additive:
            rows = _complement(rows, indicator, today)
        result.append(Comparison(indicator, label_of(indicator), rows))
    return result


def _complement(rows: list[tuple[Unit, IndicatorView]], indicator: Indicator,
                today: dt.date) -> list[tuple[Unit, IndicatorView]]:
    """Secondary suppression for counts that add up to the region's (shown on the goal
    page): where one trust's count of a period is hidden, the smallest other count of
    that period is hidden too, so the region's total minus the rest gives nothing away."""
    if not rows:
        return rows
    values = [[point.value for point in view.series] for _unit, view in rows]
    for period in range(min(len(series) for series in values)):
        column = [series[period] for series in values]
        if column.count(None) == 1:
            shown = [(value, index) for index, value in enumerate(column) if value is not None]
            if shown:
                values[min(shown)[1]][period] = None
    result = []
    for (unit, view), points in zip(rows, values, strict=True):
        series = [Point(point.on, value) for point, value in zip(view.series, points,
                                                                 strict=False)]
        result.append((unit, IndicatorView(view.indicator, view.label, view.measure, series,
                                           assess(indicator, series, today), view.hidden)))
    return result
