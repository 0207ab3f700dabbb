"""Goal status rule (engine.goals) on numbers worked out by hand.

Case "turnover down": baseline 12.0 % on 2020-01-01, target 8.0 % by 2024-01-01
(1461 days), lower is better. The path on 2022-01-01 (731 days in) is
12 - 4 * 731/1461 = 12 - 2.00137 = 9.99863; on 2021-01-01 (366 days) 12 - 4 * 366/1461
= 10.99795.
"""

from __future__ import annotations

import datetime as dt

import pytest

from fagkraft.engine.goals import (
    Direction,
    Point,
    Status,
    assess,
    expected_on,
    goal_status,
    latest_point,
    share,
    year_end,
    years_between,
)

D = dt.date
LOWER = {"baseline": 12.0, "baseline_on": D(2020, 1, 1), "target": 8.0,
         "direction": Direction.LOWER, "deadline": D(2024, 1, 1)}


def test_path_worked_by_hand() -> None:
    assert expected_on(D(2022, 1, 1), 12.0, D(2020, 1, 1), 8.0, D(2024, 1, 1)) == \
        pytest.approx(12 - 4 * 731 / 1461)
    assert expected_on(D(2019, 6, 1), 12.0, D(2020, 1, 1), 8.0, D(2024, 1, 1)) == 12.0
    assert expected_on(D(2025, 1, 1), 12.0, D(2020, 1, 1), 8.0, D(2024, 1, 1)) == 8.0
    # A deadline on the baseline date: the path is the target.
    assert expected_on(D(2020, 1, 1), 12.0, D(2020, 1, 1), 8.0, D(2020, 1, 1)) == 8.0


def test_on_track_when_at_or_below_the_path() -> None:
    # 9.9 <= 9.99863 on 2022-01-01 -> on track.
    series = [Point(D(2021, 1, 1), 11.5), Point(D(2022, 1, 1), 9.9)]
    result = assess(series, as_of=D(2022, 3, 1), **LOWER)
    assert result.status == Status.ON_TRACK
    assert result.expected == pytest.approx(9.99863, abs=1e-5)
    assert result.latest == Point(D(2022, 1, 1), 9.9)


def test_off_track_when_short_of_the_path() -> None:
    # 10.2 > 9.99863 on 2022-01-01 -> off track (lower is better).
    series = [Point(D(2021, 1, 1), 10.5), Point(D(2022, 1, 1), 10.2)]
    assert assess(series, as_of=D(2022, 3, 1), **LOWER).status == Status.OFF_TRACK
    # The earlier 10.5 was on the path of 2021-01-01 (10.99795): only the latest counts.
    assert assess(series[:1], as_of=D(2021, 3, 1), **LOWER).status == Status.ON_TRACK


def test_met_at_the_target_even_before_the_deadline() -> None:
    assert assess([Point(D(2021, 1, 1), 8.0)], as_of=D(2021, 2, 1), **LOWER).status == \
        Status.MET


def test_off_track_once_the_deadline_has_passed() -> None:
    # 8.5 is below the path on 2023-12-01 (8.0877) ... no: 8.5 > 8.0877, and after the
    # deadline anything short of the target is off track.
    series = [Point(D(2023, 1, 1), 8.2)]
    assert assess(series, as_of=D(2023, 6, 1), **LOWER).status == Status.ON_TRACK
    assert assess(series, as_of=D(2024, 1, 2), **LOWER).status == Status.OFF_TRACK


def test_higher_is_better() -> None:
    # Share with a permanent post: 40 % on 2019-01-01 to 80 % by 2021-01-01 (731 days);
    # path on 2020-01-01 (365 days) = 40 + 40 * 365/731 = 59.973.
    rule = {"baseline": 40.0, "baseline_on": D(2019, 1, 1), "target": 80.0,
            "direction": Direction.HIGHER, "deadline": D(2021, 1, 1)}
    assert assess([Point(D(2020, 1, 1), 60.0)], as_of=D(2020, 1, 2), **rule).status == \
        Status.ON_TRACK
    assert assess([Point(D(2020, 1, 1), 59.9)], as_of=D(2020, 1, 2), **rule).status == \
        Status.OFF_TRACK
    assert assess([Point(D(2020, 1, 1), 81.0)], as_of=D(2020, 1, 2), **rule).status == \
        Status.MET


def test_no_data_and_hidden_values() -> None:
    assert assess([], as_of=D(2022, 1, 1), **LOWER).status == Status.NO_DATA
    hidden = [Point(D(2021, 1, 1), 9.0), Point(D(2022, 1, 1), None)]
    # A hidden newest value: the status rests on the newest known one (9.0 on 2021-01-01,
    # below that day's path of 10.99795).
    assert latest_point(hidden) == Point(D(2021, 1, 1), 9.0)
    assert assess(hidden, as_of=D(2022, 1, 1), **LOWER).status == Status.ON_TRACK


def test_goal_status_combines_indicators() -> None:
    S = Status
    assert goal_status([]) == S.NO_DATA
    assert goal_status([S.NO_DATA]) == S.NO_DATA
    assert goal_status([S.MET, S.NO_DATA]) == S.MET
    assert goal_status([S.MET, S.ON_TRACK]) == S.ON_TRACK
    assert goal_status([S.MET, S.ON_TRACK, S.OFF_TRACK]) == S.OFF_TRACK


def test_small_helpers() -> None:
    assert share(3, 4) == 75.0
    assert share(0, 0) is None
    assert year_end(2020, D(2026, 3, 1)) == D(2020, 12, 31)
    assert year_end(2026, D(2026, 3, 1)) == D(2026, 3, 1)
    assert years_between(2024, D(2026, 3, 1)) == [2024, 2025, 2026]
    assert years_between(2027, D(2026, 3, 1)) == []


def test_hires_count_a_person_once_in_the_year_of_their_first_start() -> None:
    # a: 2019 and again 2021 (comes back) -> hired 2019; b: 2021; c: two posts 2021 -> once.
    spells = [("a", D(2019, 3, 1)), ("a", D(2021, 1, 1)), ("b", D(2021, 5, 1)),
              ("c", D(2021, 8, 1)), ("c", D(2021, 9, 1))]
    from fagkraft.engine.goals import hires_by_year
    assert hires_by_year(spells) == {2019: 1, 2021: 2}


def test_education_posts_ended_with_a_permanent_post() -> None:
    # 2020: a ends 30.06, permanent from 15.07 (15 days, within 31) -> with post;
    #       b ends 31.08, permanent from 15.10 (45 days) -> without;
    # 2021: c ends 31.03, permanent post already running since 2019 -> with post.
    from fagkraft.engine.goals import education_posts_ended
    ends = [("a", D(2020, 6, 30)), ("b", D(2020, 8, 31)), ("c", D(2021, 3, 31))]
    starts = {"a": [D(2020, 7, 15)], "b": [D(2020, 10, 15)], "c": [D(2019, 1, 1)]}
    assert education_posts_ended(ends, starts, 31) == {2020: (2, 1), 2021: (1, 1)}
