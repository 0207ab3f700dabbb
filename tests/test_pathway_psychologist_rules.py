"""Each rule of the psychologist specialist programme, checked by hand on small cases.

The rules (DOMAIN.md, the Norwegian Psychological Association's programme): common
programme 96 h courses, 1 year practice, 60 h supervision; mandatory 96 h, 3 years, 120 h;
optional 64 h, 1 year, 60 h; a supervision hour is 45 minutes; at least two supervisors;
one relationship of at least 40 hours; at least 40 individual hours in the mandatory and
optional parts; more than half of course time in supervised practice; a written work.

`complete()` builds a record meeting every rule exactly, worked out by hand:
- practice 2019 (common), 2020-2022 (mandatory), 2023 (optional), full time: 1 + 3 + 1
  calendar years = 5 years;
- supervision in 90-minute sessions (= 2 hours of 45 minutes): common 30 sessions = 60 h
  in groups with supervisor 1; mandatory 60 sessions = 120 h individual with supervisor 2;
  optional 30 sessions = 60 h individual with supervisor 1 - two supervisors, the longest
  relationship 120 h, individual hours in mandatory + optional 180;
- courses 96 + 96 + 64 = 256 h, all on days inside the practice periods;
- the written work approved 1 June 2024.
Each test then changes one thing and checks that exactly that rule fails.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from fagkraft.engine import pathways as p

TODAY = dt.date(2026, 1, 1)
RULES = p.PathwayRules(
    parts=(p.PartRule("common", 1, 60, 96),
           p.PartRule("mandatory", 3, 120, 96, individual_counts=True),
           p.PartRule("optional", 1, 60, 64, individual_counts=True)),
    min_supervisors=2, min_relationship_hours=40, min_individual_hours=40,
    minutes_per_hour=45, course_share_in_practice=0.5, written_work_required=True,
)
PERIODS = (
    p.PracticePeriod("common", dt.date(2019, 1, 1), dt.date(2019, 12, 31), 1.0),
    p.PracticePeriod("mandatory", dt.date(2020, 1, 1), dt.date(2022, 12, 31), 1.0),
    p.PracticePeriod("optional", dt.date(2023, 1, 1), dt.date(2023, 12, 31), 1.0),
)


def sessions(part: str, count: int, supervisor: int, individual: bool, minutes: int = 90,
             year: int = 2020) -> list[p.Session]:
    return [p.Session(supervisor, part, dt.date(year, 1, 1) + dt.timedelta(days=i), minutes,
                      individual) for i in range(count)]


def complete(**changes) -> p.Record:
    record = p.Record(
        periods=PERIODS,
        sessions=tuple(sessions("common", 30, 1, False, year=2019)
                       + sessions("mandatory", 60, 2, True, year=2020)
                       + sessions("optional", 30, 1, True, year=2023)),
        courses=(p.Course("common", dt.date(2019, 6, 1), 96),
                 p.Course("mandatory", dt.date(2021, 6, 1), 96),
                 p.Course("optional", dt.date(2023, 6, 1), 64)),
        written_work_on=dt.date(2024, 6, 1),
    )
    return dataclasses.replace(record, **changes)


def unmet(record: p.Record) -> set[tuple[str, str]]:
    return {(check.code, check.part) for check in p.check(RULES, record, TODAY).unmet}


def test_the_complete_record_meets_every_rule():
    progress = p.check(RULES, complete(), TODAY)
    assert progress.done
    assert progress.totals[p.PRACTICE].done == pytest.approx(5.0)
    assert progress.totals[p.SUPERVISION].done == pytest.approx(240.0)
    assert progress.totals[p.COURSES].done == pytest.approx(256.0)


def test_every_hour_total_met_but_one_supervisor_is_not_done():
    # The same 120 sessions, all with supervisor 1: 240 h, one relationship of 240 h.
    record = complete(sessions=tuple(
        sessions("common", 30, 1, False, year=2019) + sessions("mandatory", 60, 1, True)
        + sessions("optional", 30, 1, True, year=2023)))
    progress = p.check(RULES, record, TODAY)
    assert not progress.done
    assert unmet(record) == {(p.SUPERVISORS, "")}
    assert progress.totals[p.SUPERVISION].done == pytest.approx(240.0)


def test_no_relationship_of_forty_hours():
    # 120 two-hour sessions spread over 7 supervisors in turn: 120 = 7 x 17 + 1, so one
    # supervisor has 18 sessions (36 h) and the rest 17 (34 h): longest 36 h < 40.
    spread = []
    for part, count, year in (("common", 30, 2019), ("mandatory", 60, 2020),
                              ("optional", 30, 2023)):
        spread += [dataclasses.replace(s, supervisor_id=(len(spread) + i) % 7)
                   for i, s in enumerate(sessions(part, count, 0, True, year=year))]
    record = complete(sessions=tuple(spread))
    assert unmet(record) == {(p.RELATIONSHIP, "")}
    longest = next(c for c in p.check(RULES, record, TODAY).checks if c.code == p.RELATIONSHIP)
    assert longest.done == pytest.approx(36.0)


def test_supervision_hours_are_45_minutes():
    # 2700 minutes = 60 hours of 45 minutes: exactly the common part's 60 h.
    record = complete(sessions=tuple(
        [p.Session(1, "common", dt.date(2019, 3, 1), 2700, False)]
        + sessions("mandatory", 60, 2, True) + sessions("optional", 30, 1, True, year=2023)))
    assert unmet(record) == set()
    # One minute less is 59.98 h: the common part's supervision is not met.
    short = complete(sessions=tuple(
        [p.Session(1, "common", dt.date(2019, 3, 1), 2699, False)]
        + sessions("mandatory", 60, 2, True) + sessions("optional", 30, 1, True, year=2023)))
    assert unmet(short) == {(p.SUPERVISION, "common")}


def test_supervision_counts_per_part_not_only_in_total():
    # Common 31 sessions (62 h) and mandatory 59 (118 h): 240 h in total, mandatory short.
    record = complete(sessions=tuple(
        sessions("common", 31, 1, False, year=2019) + sessions("mandatory", 59, 2, True)
        + sessions("optional", 30, 1, True, year=2023)))
    assert unmet(record) == {(p.SUPERVISION, "mandatory")}
    assert p.check(RULES, record, TODAY).totals[p.SUPERVISION].done == pytest.approx(240.0)


def _individual(minutes: int) -> p.Record:
    # Common: 60 h individual (does not count). Mandatory: `minutes` individual with
    # supervisor 2, the rest of its 120 h (5400 min) in a group with supervisor 2 too.
    # Optional: 60 h in a group with supervisor 1.
    return complete(sessions=(
        p.Session(1, "common", dt.date(2019, 3, 1), 2700, True),
        p.Session(2, "mandatory", dt.date(2020, 3, 1), minutes, True),
        p.Session(2, "mandatory", dt.date(2020, 4, 1), 5400 - minutes, False),
        p.Session(1, "optional", dt.date(2023, 3, 1), 2700, False),
    ))


def test_individual_hours_in_mandatory_and_optional_parts():
    # 1755 minutes = 39 hours individual: one short of 40 (the common part's 60 h
    # individual does not count).
    assert unmet(_individual(1755)) == {(p.INDIVIDUAL, "")}
    # 1800 minutes = exactly 40 hours: met.
    assert unmet(_individual(1800)) == set()


def test_more_than_half_of_course_time_in_supervised_practice():
    outside = dt.date(2018, 6, 1)  # before any practice period
    # Outside: common 96 + mandatory 32 = 128 h; inside: mandatory 64 + optional 64 = 128.
    # 128 of 256 is exactly half, and the rule says more than half: not met.
    half = complete(courses=(
        p.Course("common", outside, 96), p.Course("mandatory", outside, 32),
        p.Course("mandatory", dt.date(2021, 6, 1), 64),
        p.Course("optional", dt.date(2023, 6, 1), 64)))
    assert unmet(half) == {(p.COURSES_IN_PRACTICE, "")}
    # One hour moved inside: 129 of 256 > half: met.
    more = complete(courses=(
        p.Course("common", outside, 96), p.Course("mandatory", outside, 31),
        p.Course("mandatory", dt.date(2021, 6, 1), 65),
        p.Course("optional", dt.date(2023, 6, 1), 64)))
    assert unmet(more) == set()


def test_practice_without_supervision_does_not_count():
    # The optional year without supervision: neither its practice nor courses taken
    # during it (64 of 256 h, the others stay inside: 192 > 128) count as supervised.
    periods = (*PERIODS[:2], dataclasses.replace(PERIODS[2], supervised=False))
    assert unmet(complete(periods=periods)) == {(p.PRACTICE, "optional")}


def test_practice_years_follow_the_share_of_full_time():
    # The mandatory three years at 80 %: 3 x 0.8 = 2.4 years < 3.
    periods = (PERIODS[0], dataclasses.replace(PERIODS[1], fte_share=0.8), PERIODS[2])
    record = complete(periods=periods)
    assert unmet(record) == {(p.PRACTICE, "mandatory")}
    check = next(c for c in p.check(RULES, record, TODAY).checks
                 if (c.code, c.part) == (p.PRACTICE, "mandatory"))
    assert check.done == pytest.approx(2.4)
    assert check.left == pytest.approx(0.6)


def test_course_hours_per_part():
    record = complete(courses=(p.Course("common", dt.date(2019, 6, 1), 96),
                               p.Course("mandatory", dt.date(2021, 6, 1), 95.5),
                               p.Course("optional", dt.date(2023, 6, 1), 64.5)))
    assert unmet(record) == {(p.COURSES, "mandatory")}


def test_written_work():
    assert unmet(complete(written_work_on=None)) == {(p.WRITTEN_WORK, "")}


def test_records_after_today_do_not_count():
    # The same complete record seen on 30 Dec 2023: the optional year has a day left,
    # and the written work lies in the future.
    progress = p.check(RULES, complete(), dt.date(2023, 12, 30))
    assert (p.PRACTICE, "optional") in {(c.code, c.part) for c in progress.unmet}
    assert (p.WRITTEN_WORK, "") in {(c.code, c.part) for c in progress.unmet}


def test_a_calendar_year_is_one_year_of_practice():
    # 2024 is a leap year; 1 Jan to 31 Dec is still exactly 12 months.
    period = p.PracticePeriod("x", dt.date(2024, 1, 1), dt.date(2024, 12, 31), 1.0)
    assert p.practice_years(period, TODAY) == pytest.approx(1.0)
    # 15 March to 14 September: 6 months, at 50 %: a quarter of a year.
    half = p.PracticePeriod("x", dt.date(2025, 3, 15), dt.date(2025, 9, 14), 0.5)
    assert p.practice_years(half, TODAY) == pytest.approx(0.25)
