"""Closed years of register indicators kept for the day (goals.history, docs/metrics.md
"When the values are computed").

The personas' world (tests/personas.py), today fixed at 2026-06-30: psychologist hires
in the region are Erik alone, on 2015-01-01. The indicator counts new psychologist hires
from 2015: 2015 = 1, 2016..2025 = 0 (closed years), 2026 = 0 (today's value).

Here a psychologist, Nina, is hired after that with a start date back in 2020, and
another, Ola, this year. Worked by hand: today's value follows at once (2026: 1); the
closed year 2020 keeps the value computed earlier in the day (0) and reads 1 from the next
day on, when the daily task has recomputed the series (2015 = 1, 2020 = 1, 2026 = 1 on
2026-07-01, the other years 0) - the same as computing the whole series afresh.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from fagkraft.core import dates
from fagkraft.goals import history, reports, services
from fagkraft.goals.indicators import REGISTRY, Query
from fagkraft.goals.models import Goal, YearEndValue
from fagkraft.jobs import daily
from fagkraft.workforce import services as workforce
from tests.personas import World

TODAY = dt.date(2026, 6, 30)
TOMORROW = TODAY + dt.timedelta(days=1)
CLOSED = list(range(2015, 2026))


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dates, "today", lambda: TODAY)


@pytest.fixture
def hires_goal(world: World) -> Goal:
    goal = services.create_goal(world.users["adviser_arne"], unit=world.trust,
                                text="Rekruttering", deadline=dt.date(2027, 12, 31))
    services.add_indicator(None, goal, kind="hires", profession_group="psychologist",
                           baseline=0, baseline_on=dt.date(2015, 12, 31), target=2)
    return goal


def hire(world: World, number: str, start: dt.date) -> None:
    person = workforce.create_employee(
        None, trust=world.trust, employee_number=number, first_name="Test",
        last_name=f"Psykolog {number}", birth_date=dt.date(1990, 1, 1), sex="F",
        profession=world.psychologist)
    workforce.add_position(None, person, unit=world.section_a, fte_percent=100,
                           kind="permanent", start_date=start)


def values(goal: Goal, world: World, today: dt.date) -> dict[int, float | None]:
    view = reports.indicator_view(goal.indicators.get(), world.users["admin_ada"], today)
    return {point.on.year: point.value for point in view.series}


def afresh(goal: Goal, today: dt.date) -> dict[int, float | None]:
    """The whole series computed from the register now, nothing kept."""
    indicator = goal.indicators.get()
    query = Query(indicator.unit, "psychologist", 2015, today, lambda count: count)
    return {point.on.year: point.value for point in REGISTRY["hires"].compute(query)}


def test_closed_years_are_kept_for_the_day_and_today_follows_every_write(
        world: World, hires_goal: Goal) -> None:
    before = values(hires_goal, world, TODAY)
    assert before == {2015: 1.0, **{year: 0.0 for year in range(2016, 2027)}}
    kept = YearEndValue.objects.filter(kind="hires", unit=world.trust)
    assert sorted(row.on.year for row in kept) == CLOSED  # not today's value
    assert {row.computed_on for row in kept} == {TODAY}

    hire(world, "3001", dt.date(2020, 3, 1))
    hire(world, "3002", dt.date(2026, 2, 1))
    same_day = values(hires_goal, world, TODAY)
    assert same_day[2026] == 1.0  # today's value follows the write
    assert same_day[2020] == 0.0  # the closed year as computed this morning

    outcome, = daily.run_daily(["goal-year-ends"])
    assert outcome.ok and outcome.text == "0 series"  # nothing is older than today

    assert history.recompute(TOMORROW) == 1
    next_day = values(hires_goal, world, TOMORROW)
    assert next_day == {2015: 1.0, 2020: 1.0, 2026: 1.0,
                        **{year: 0.0 for year in CLOSED if year not in (2015, 2020)}}
    assert next_day == afresh(hires_goal, TOMORROW)


def test_a_closed_year_missing_on_a_later_day_is_computed_on_view(
        world: World, hires_goal: Goal) -> None:
    values(hires_goal, world, TODAY)
    hire(world, "3001", dt.date(2020, 3, 1))
    # No daily run: the next day's first view computes the closed years itself.
    assert values(hires_goal, world, TOMORROW)[2020] == 1.0
    kept = YearEndValue.objects.filter(kind="hires", unit=world.trust)
    assert {row.computed_on for row in kept} == {TOMORROW}
    assert kept.count() == len(CLOSED)  # updated in place, not added beside


def test_kept_values_are_split_by_disclosure_control(world: World, hires_goal: Goal) -> None:
    """The planner sees the trust's 2015 hire (1, under 5) hidden; the administrator sees
    it. Each is kept apart, so neither sees the other's figure."""
    indicator = hires_goal.indicators.get()
    planner = reports.indicator_view(indicator, world.users["planner_pia"], TODAY)
    admin = reports.indicator_view(indicator, world.users["admin_ada"], TODAY)
    assert (planner.series[0].value, admin.series[0].value) == (None, 1.0)
    assert set(YearEndValue.objects.filter(on__year=2015).values_list("hides", "value")) == {
        (True, None), (False, 1.0)}
    # Asked again, each reads its own kept value.
    again = reports.indicator_view(indicator, world.users["planner_pia"], TODAY)
    assert again.series[0].value is None


def test_series_unused_for_a_week_are_dropped(world: World, hires_goal: Goal) -> None:
    values(hires_goal, world, TODAY)
    assert history.recompute(TODAY + dt.timedelta(days=history.KEEP_UNUSED_DAYS)) == 1
    later = TODAY + dt.timedelta(days=2 * history.KEEP_UNUSED_DAYS + 1)
    assert history.recompute(later) == 0
    assert not YearEndValue.objects.exists()


def test_the_goal_page_says_when_the_closed_years_were_computed(
        client, world: World, hires_goal: Goal) -> None:
    client.force_login(world.users["adviser_arne"])
    page = client.get(f"/goals/{hires_goal.pk}/").content.decode()
    at = YearEndValue.objects.filter(hides=False).earliest("computed_at").computed_at
    assert f"{timezone.localtime(at):%d.%m.%Y %H:%M}" in page
