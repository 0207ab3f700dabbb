"""Expected completion date from the pace so far, and the behind-schedule flag.

The psychologist programme's totals: 5 years practice, 240 h supervision, 256 h courses.
Day counts worked out by hand: from 1 Jan 2024, 1 Jan 2025 is +366 days (2024 is a leap
year), 1 Jan 2029 is +1827 (366 + 365 + 365 + 365 + 366), 1 Jan 2034 is +3653.
"""

from __future__ import annotations

import datetime as dt

from fagkraft.engine import pathways as p

RULES = p.PathwayRules(
    parts=(p.PartRule("common", 1, 60, 96),
           p.PartRule("mandatory", 3, 120, 96, individual_counts=True),
           p.PartRule("optional", 1, 60, 64, individual_counts=True)),
    min_supervisors=2, min_relationship_hours=40, min_individual_hours=40,
    minutes_per_hour=45, course_share_in_practice=0.5, written_work_required=True,
)
START = dt.date(2024, 1, 1)
PLANNED_END = dt.date(2029, 1, 1)
TODAY = dt.date(2025, 1, 1)


def first_year(fte: float = 1.0) -> p.Record:
    """The common part in 2024: a year of practice, 60 h supervision (2700 min), 96 h."""
    return p.Record(
        periods=(p.PracticePeriod("common", START, dt.date(2024, 12, 31), fte),),
        sessions=(p.Session(1, "common", dt.date(2024, 6, 1), 2700, True),),
        courses=(p.Course("common", dt.date(2024, 9, 1), 96),),
    )


def forecast(record: p.Record, today: dt.date = TODAY, **kwargs) -> p.Forecast:
    progress = p.check(RULES, record, today)
    return p.expected_completion(progress, START, PLANNED_END, today, **kwargs)


def test_pace_is_set_by_the_slowest_total():
    # Shares: practice 1/5 = 0.2, supervision 60/240 = 0.25, courses 96/256 = 0.375.
    # Slowest 0.2: 366 days elapsed / 0.2 = 1830 days -> 1 Jan 2024 + 1830 = 4 Jan 2029.
    result = forecast(first_year())
    assert result.basis == p.PACE
    assert result.expected_on == dt.date(2029, 1, 4)
    assert result.days_late == 3
    assert not result.behind  # 3 days late is within the 90 days' grace


def test_part_time_candidate_is_behind():
    # Half time: 0.5 years practice, share 0.1 -> 3660 days -> 1 Jan 2034 (+3653) + 7
    # = 8 Jan 2034, 1833 days after the planned end.
    result = forecast(first_year(fte=0.5))
    assert result.expected_on == dt.date(2034, 1, 8)
    assert result.days_late == 1833
    assert result.behind


def test_grace_days_decide_behind():
    # 3 days late: behind with no grace at all.
    assert forecast(first_year(), grace_days=0).behind
    assert not forecast(first_year(), grace_days=3).behind


def test_too_early_or_nothing_done_uses_the_plan():
    # 61 days after the start (1 Mar 2024) is under the 90 days needed to see a pace.
    early = forecast(first_year(), today=dt.date(2024, 3, 2))
    assert (early.basis, early.expected_on, early.behind) == (p.PLAN, PLANNED_END, False)
    # A year in and nothing done: no pace (share 0), the planned end stands.
    idle = forecast(p.Record())
    assert (idle.basis, idle.expected_on) == (p.PLAN, PLANNED_END)


def test_planned_end_passed_without_pace_means_today():
    # Past the planned end and nothing to pace on: expected no earlier than today.
    late = forecast(p.Record(), today=dt.date(2029, 6, 1))
    assert late.expected_on == dt.date(2029, 6, 1)
    assert late.days_late == 151  # Jan 31 + Feb 28 + Mar 31 + Apr 30 + May 31
    assert late.behind


def test_totals_met_but_a_rule_left_means_today():
    # Everything counted in totals is done by 2026, but only one supervisor and no
    # written work: the candidate could finish as soon as those are in place.
    record = p.Record(
        periods=(p.PracticePeriod("common", START, dt.date(2024, 12, 31), 1.0),
                 p.PracticePeriod("mandatory", dt.date(2025, 1, 1), dt.date(2027, 12, 31), 1),
                 p.PracticePeriod("optional", dt.date(2028, 1, 1), dt.date(2028, 12, 31), 1)),
        sessions=(p.Session(1, "common", dt.date(2024, 2, 1), 2700, True),
                  p.Session(1, "mandatory", dt.date(2025, 2, 1), 5400, True),
                  p.Session(1, "optional", dt.date(2028, 2, 1), 2700, True)),
        courses=(p.Course("common", dt.date(2024, 3, 1), 96),
                 p.Course("mandatory", dt.date(2025, 3, 1), 96),
                 p.Course("optional", dt.date(2028, 3, 1), 64)),
    )
    today = dt.date(2029, 2, 1)
    result = forecast(record, today=today)
    assert (result.basis, result.expected_on) == (p.PACE, today)
    progress = p.check(RULES, record, today)
    assert {c.code for c in progress.unmet} == {p.SUPERVISORS, p.WRITTEN_WORK}


def test_a_finished_candidate_is_never_behind():
    result = forecast(p.Record(), completed_on=dt.date(2030, 5, 1))
    assert (result.basis, result.expected_on, result.behind) == (
        p.DONE, dt.date(2030, 5, 1), False)


def test_learning_goals_pace_lis():
    # LIS3: 12 goals, no hour rules. 3 approved after 366 days: 366 / 0.25 = 1464 days
    # -> 1 Jan 2024 + 1461 (1 Jan 2028) + 3 = 4 Jan 2028.
    lis = p.PathwayRules(parts=(p.PartRule("lis3"),), goals_required=12)
    progress = p.check(lis, p.Record(goals_approved=3), TODAY)
    assert [(c.code, c.required, c.done) for c in progress.unmet] == [(p.GOALS, 12, 3)]
    result = p.expected_completion(progress, START, PLANNED_END, TODAY)
    assert result.expected_on == dt.date(2028, 1, 4)
    assert not result.behind


def test_late_within_the_grace_is_neither_behind_nor_on_track():
    # Issue 12. Expected 4 Jan 2029, 3 days after the planned end: within 90 days' grace.
    result = forecast(first_year())
    assert result.within_grace and not result.behind
    # Exactly 3 days' grace still covers 3 days late; with none, it is behind instead.
    assert forecast(first_year(), grace_days=3).within_grace
    late = forecast(first_year(), grace_days=0)
    assert late.behind and not late.within_grace
    # Before 90 days the plan's end stands (0 days late): on track, no grace used.
    early = forecast(first_year(), today=dt.date(2024, 2, 1))
    assert early.days_late == 0 and not early.within_grace and not early.behind
