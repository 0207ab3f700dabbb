"""The education reports' forecasts are computed once per data version and day
(`education.reports._kept_for_the_data`): the capacity report and the pipeline of a
region take every active candidate's forecast, about 1.5 s at 150,000 employees
(benchmarks/national_pages.py), and the planner's to-do list asks for the capacity on
every start page. Any write moves the data version, and the next view computes again.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

from fagkraft.adapter import education as adapter
from fagkraft.education import reports, services
from tests.education_support import lis_candidate

TODAY = dt.date(2026, 6, 30)


def _shown(count):
    return count


def test_capacity_and_pipeline_are_computed_again_only_after_a_write(world) -> None:
    lis_candidate(world)  # Kari on LIS3 BUP in BUP Nord, Erik her supervisor
    real_capacity, real_pipeline = adapter.supervision_capacity, adapter.pipeline_completions
    with mock.patch.object(adapter, "supervision_capacity", side_effect=real_capacity) as cap, \
            mock.patch.object(adapter, "pipeline_completions",
                              side_effect=real_pipeline) as pipe:
        first = reports.capacity(world.trust, TODAY, _shown, months=2)
        again = reports.capacity(world.trust, TODAY, _shown, months=2)
        reports.pipeline(world.trust, TODAY)
        reports.pipeline(world.trust, TODAY)
        assert (cap.call_count, pipe.call_count) == (1, 1)
        assert [row.cells for row in first[1]] == [row.cells for row in again[1]]
        # Another day, or another unit, is another figure.
        reports.capacity(world.trust, TODAY + dt.timedelta(days=1), _shown, months=2)
        reports.capacity(world.department, TODAY, _shown, months=2)
        assert cap.call_count == 3
        services.set_capacity(None, employee=world.erik, unit=world.section_a,
                              hours_per_month=Decimal("4"), start_date=dt.date(2024, 1, 1))
        reports.capacity(world.trust, TODAY, _shown, months=2)
        reports.pipeline(world.trust, TODAY)
        assert (cap.call_count, pipe.call_count) == (4, 2)


def test_the_candidates_forecasts_are_computed_again_only_after_a_write(world) -> None:
    kari = lis_candidate(world)
    real = adapter.pathway_statuses
    with mock.patch.object(adapter, "pathway_statuses", side_effect=real) as statuses:
        first = reports.candidate_views([kari], TODAY)
        again = reports.candidate_views([kari], TODAY)
        assert statuses.call_count == 1
        assert again[0].forecast == first[0].forecast
        reports.candidate_views([kari], TODAY + dt.timedelta(days=1))  # another day
        assert statuses.call_count == 2
        goal = services.goals_of(kari.template).first()
        activity = services.add_activity(None, kari, goal=goal, title="Veiledet samtale",
                                         done_on=dt.date(2024, 3, 1))
        services.sign_activity(None, activity, supervisor=world.erik)
        services.approve_goal(None, kari, goal)
        after = reports.candidate_views([kari], TODAY)
        assert statuses.call_count == 3
        assert after[0].status.progress != first[0].status.progress  # one goal approved


def test_one_forecast_of_the_subtree_serves_every_months_capacity_and_the_goals(world) -> None:
    """The planner's to-do asks for two months of capacity, the education goals for one
    month and for the candidates behind schedule: all over the same active candidates,
    so their forecasts are worked out once (a region's take about 1.8 s at 150,000
    employees)."""
    from fagkraft.goals.indicators import Query, behind_schedule  # noqa: PLC0415

    lis_candidate(world)
    real = adapter.pathway_statuses
    with mock.patch.object(adapter, "pathway_statuses", side_effect=real) as statuses:
        reports.capacity(world.trust, TODAY, _shown, months=2)
        reports.capacity(world.trust, TODAY, _shown, months=1)
        behind, = behind_schedule(Query(world.trust, "", TODAY.year, TODAY, _shown))
        # (The capacity report asks for the forecasts it was not given: none.)
        worked_out = [call.args[0] for call in statuses.call_args_list if call.args[0]]
        assert [[candidate.employee_id for candidate in candidates]
                for candidates in worked_out] == [[world.kari.pk]]
    assert behind.value == 0.0  # Kari's LIS3 started on time (tests/education_support.py)
