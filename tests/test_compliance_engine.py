"""fagkraft.engine.compliance worked out by hand: status table, due-soon edge, renewal rule.

Throughout, today T = 1 June 2026 and N = 30 days, so "due soon" means falling due
between 1 June and 1 July 2026 inclusive.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fagkraft.engine import compliance as c
from fagkraft.engine.compliance import (
    DUE_SOON,
    MET,
    MISSING,
    NOT_YET_DUE,
    OVERDUE,
)

D = dt.date
T = D(2026, 6, 1)


def test_add_months_clamps_to_month_end():
    assert c.add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)  # leap year
    assert c.add_months(D(2023, 1, 31), 1) == D(2023, 2, 28)
    assert c.add_months(D(2025, 11, 15), 3) == D(2026, 2, 15)  # over the year end
    assert c.add_months(D(2026, 6, 1), -60) == D(2021, 6, 1)


# (row of the docstring table, deadline, completed on, validity months,
#  expected status, expected due_on, expected expires_on)
TABLE = [
    # Row 1: completed 10 Feb 2026, never expires -> met, nothing falls due.
    (1, D(2026, 3, 1), D(2026, 2, 10), None, MET, None, None),
    # Row 2: 15 Sep 2025 + 12 months = 15 Sep 2026; due = max(1 Jan 2026, 15 Sep 2026),
    # 106 days away > 30 -> met.
    (2, D(2026, 1, 1), D(2025, 9, 15), 12, MET, D(2026, 9, 15), D(2026, 9, 15)),
    # Row 3: 20 Jun 2025 + 12 months = 20 Jun 2026, 19 days away -> due soon.
    (3, D(2026, 1, 1), D(2025, 6, 20), 12, DUE_SOON, D(2026, 6, 20), D(2026, 6, 20)),
    # Row 4, never completed: deadline 25 Jun 2026 is 24 days away -> due soon.
    (4, D(2026, 6, 25), None, 12, DUE_SOON, D(2026, 6, 25), None),
    # Row 4, expired: 10 Jan 2024 + 24 months = 10 Jan 2026 (past), but the person moved
    # in recently and has until 15 Jun 2026 (14 days) -> due soon.
    (4, D(2026, 6, 15), D(2024, 1, 10), 24, DUE_SOON, D(2026, 6, 15), D(2026, 1, 10)),
    # Row 5, never completed: deadline 30 Aug 2026 is 90 days away -> not yet due.
    (5, D(2026, 8, 30), None, None, NOT_YET_DUE, D(2026, 8, 30), None),
    # Row 5, expired: 1 Jan 2024 + 12 = 1 Jan 2025 (past), deadline 30 Aug 2026 -> not yet due.
    (5, D(2026, 8, 30), D(2024, 1, 1), 12, NOT_YET_DUE, D(2026, 8, 30), D(2025, 1, 1)),
    # Row 6: 15 Mar 2024 + 24 = 15 Mar 2026; due = max(1 Jan 2023, 15 Mar 2026) is past
    # -> overdue.
    (6, D(2023, 1, 1), D(2024, 3, 15), 24, OVERDUE, D(2026, 3, 15), D(2026, 3, 15)),
    # Row 7: never completed, deadline 31 May 2026 was yesterday -> missing.
    (7, D(2026, 5, 31), None, None, MISSING, D(2026, 5, 31), None),
]


@pytest.mark.parametrize(("row", "deadline", "completed", "months", "status", "due", "expires"),
                         TABLE)
def test_status_table(row, deadline, completed, months, status, due, expires):
    assert c.status_of(deadline, completed, months, T, 30) == (status, due, expires)


def test_every_status_occurs_in_the_table():
    assert {entry[4] for entry in TABLE} == set(c.STATUSES)


@pytest.mark.parametrize(("due", "completed", "expected"), [
    # Falling due on 1 July 2026 = T + 30 days: still inside the window.
    (D(2026, 7, 1), None, DUE_SOON),
    # One day later (T + 31) is outside it.
    (D(2026, 7, 2), None, NOT_YET_DUE),
    # Deadline today: 0 days left, due soon; yesterday: missing.
    (D(2026, 6, 1), None, DUE_SOON),
    (D(2026, 5, 31), None, MISSING),
])
def test_due_soon_boundary_for_deadlines(due, completed, expected):
    assert c.status_of(due, completed, None, T, 30)[0] == expected


def test_due_soon_boundary_for_expiry():
    deadline = D(2020, 1, 1)
    # 1 Jul 2025 + 12 months = 1 Jul 2026 = T + 30 -> due soon.
    assert c.status_of(deadline, D(2025, 7, 1), 12, T, 30)[0] == DUE_SOON
    # 2 Jul 2025 + 12 months = 2 Jul 2026 = T + 31 -> met.
    assert c.status_of(deadline, D(2025, 7, 2), 12, T, 30)[0] == MET
    # Expires today (1 Jun 2025 + 12): valid through today -> due soon, not overdue.
    assert c.status_of(deadline, D(2025, 6, 1), 12, T, 30)[0] == DUE_SOON
    # Expired yesterday (31 May 2025 + 12 = 31 May 2026) -> overdue.
    assert c.status_of(deadline, D(2025, 5, 31), 12, T, 30)[0] == OVERDUE


def test_due_soon_days_is_a_parameter():
    # Deadline 21 Jun 2026 is 20 days away: due soon with N = 30, not yet due with N = 14.
    assert c.status_of(D(2026, 6, 21), None, None, T, 30)[0] == DUE_SOON
    assert c.status_of(D(2026, 6, 21), None, None, T, 14)[0] == NOT_YET_DUE


def test_evaluate_uses_the_latest_completion_and_ignores_future_dates():
    requirement = c.Requirement(employee_id=1, competence_id=7, deadline=D(2020, 3, 1),
                                rule_id=1, anchor=D(2019, 12, 2))
    completions = [
        c.CompletionRecord(1, 7, D(2024, 1, 1)),   # + 12 = 1 Jan 2025: expired
        c.CompletionRecord(1, 7, D(2025, 10, 1)),  # + 12 = 1 Oct 2026: valid, the latest
        c.CompletionRecord(1, 7, D(2026, 9, 1)),   # after today: not evidence yet
        c.CompletionRecord(2, 7, D(2026, 1, 1)),   # someone else
        c.CompletionRecord(1, 8, D(2026, 1, 1)),   # another competence
    ]
    [status] = c.evaluate([requirement], completions, {7: 12}, T, 30)
    assert (status.status, status.completed_on, status.expires_on, status.due_on) == (
        MET, D(2025, 10, 1), D(2026, 10, 1), D(2026, 10, 1))


def test_run_start_follows_unbroken_positions():
    # Hired 1 Jan 2015, moved 1 May 2020 (previous ended 30 Apr): one run from 2015.
    chain = [(D(2015, 1, 1), D(2020, 4, 30)), (D(2020, 5, 1), None)]
    assert c.run_start(chain, T) == D(2015, 1, 1)
    # Left 31 Dec 2018 and came back 1 Mar 2019: the clock restarts on 1 Mar 2019.
    gap = [(D(2015, 1, 1), D(2018, 12, 31)), (D(2019, 3, 1), None)]
    assert c.run_start(gap, T) == D(2019, 3, 1)
    # Two overlapping part-time positions: the earlier start counts.
    overlap = [(D(2021, 1, 1), D(2026, 12, 31)), (D(2018, 6, 1), D(2021, 3, 1))]
    assert c.run_start(overlap, T) == D(2018, 6, 1)


def position(employee: int, path: str, start: dt.date, end: dt.date | None = None,
             care_level: str = "outpatient", group: str = "nurse") -> c.PositionRecord:
    return c.PositionRecord(employee, 1, group, path, "phbu", care_level, "permanent",
                            start, end)


def test_derive_requirements_takes_earliest_deadline_per_competence():
    positions = [position(1, "/R/H/S/", D(2026, 4, 1))]
    rules = [c.Rule(1, 7, deadline_days=90), c.Rule(2, 7, deadline_days=30,
                                                    profession_group="nurse")]
    [requirement] = c.derive_requirements(positions, rules, T)
    # 1 Apr 2026 + 30 days = 1 May 2026 beats 1 Apr + 90 = 30 Jun.
    assert (requirement.deadline, requirement.rule_id) == (D(2026, 5, 1), 2)


def test_deadline_in_calendar_months_from_hiring():
    # Hired 1 Nov 2026, "within 3 months": 1 Feb 2027 (90 days would give 30 Jan 2027).
    rule = c.Rule(1, 7, deadline_days=90, deadline_months=3)
    assert rule.deadline_from(D(2026, 11, 1)) == D(2027, 2, 1)
    assert c.Rule(1, 7, deadline_days=90).deadline_from(D(2026, 11, 1)) == D(2027, 1, 30)


def test_deadline_in_months_clamps_to_the_end_of_a_shorter_month():
    # 31 Jan + 1 month: February has no 31st, so its last day: 28 Feb 2027, 29 Feb 2028.
    rule = c.Rule(1, 7, deadline_days=30, deadline_months=1)
    assert rule.deadline_from(D(2027, 1, 31)) == D(2027, 2, 28)
    assert rule.deadline_from(D(2028, 1, 31)) == D(2028, 2, 29)
    # 30 Nov 2026 + 3 months = 28 Feb 2027 (not 2 March).
    assert c.Rule(1, 7, 90, deadline_months=3).deadline_from(D(2026, 11, 30)) == D(2027, 2, 28)


def test_derive_requirements_uses_the_months_rule():
    # Hired 1 Apr 2026: 2 months -> 1 Jun 2026, earlier than 90 days (30 Jun 2026).
    positions = [position(1, "/R/H/S/", D(2026, 4, 1))]
    rules = [c.Rule(1, 7, deadline_days=90), c.Rule(2, 7, 90, deadline_months=2)]
    [requirement] = c.derive_requirements(positions, rules, T)
    assert (requirement.deadline, requirement.rule_id) == (D(2026, 6, 1), 2)


def test_people_alike_get_their_own_requirements_and_the_others_theirs():
    # Persons 1 and 2 hold alike positions (same unit and start: the shared answer),
    # person 3 starts a month later, person 4 works in a unit no rule covers, person 5
    # holds two positions (worked out apart). Rule 1: 90 days in /R/H/S/; rule 2: 30 days.
    rules = [c.Rule(1, 7, deadline_days=90, unit_path="/R/H/S/"), c.Rule(2, 8, 30)]
    positions = [position(1, "/R/H/S/", D(2026, 4, 1)), position(2, "/R/H/S/", D(2026, 4, 1)),
                 position(3, "/R/H/S/", D(2026, 5, 1)), position(4, "/R/X/", D(2026, 4, 1)),
                 position(5, "/R/X/", D(2025, 1, 1), D(2026, 3, 31)),
                 position(5, "/R/H/S/", D(2026, 4, 1))]
    found = {(r.employee_id, r.competence_id): (r.deadline, r.anchor)
             for r in c.derive_requirements(positions, rules, T)}
    april, may = D(2026, 4, 1), D(2026, 5, 1)
    assert found == {
        # 1 Apr + 90 days = 30 Jun; + 30 days = 1 May.
        (1, 7): (D(2026, 6, 30), april), (1, 8): (D(2026, 5, 1), april),
        (2, 7): (D(2026, 6, 30), april), (2, 8): (D(2026, 5, 1), april),
        # 1 May + 90 days = 30 Jul; + 30 days = 31 May.
        (3, 7): (D(2026, 7, 30), may), (3, 8): (D(2026, 5, 31), may),
        (4, 8): (D(2026, 5, 1), april),
        # Rule 2 matches both of person 5's positions, unbroken since 1 Jan 2025:
        # + 30 days = 31 Jan 2025. Rule 1 only the one in /R/H/S/, from 1 Apr.
        (5, 7): (D(2026, 6, 30), april), (5, 8): (D(2025, 1, 31), D(2025, 1, 1)),
    }


RULES = st.lists(st.builds(
    lambda rule_id, competence, days, months, path, group: c.Rule(
        rule_id, competence, days, months, unit_path=path, profession_group=group),
    st.integers(1, 9), st.integers(1, 3), st.integers(0, 400),
    st.none() | st.integers(1, 24), st.sampled_from(["", "/R/", "/R/H/", "/R/X/"]),
    st.sampled_from(["", "nurse", "doctor"])), max_size=8)
PEOPLE = st.lists(st.tuples(
    st.sampled_from(["/R/H/S/", "/R/X/", "/Q/"]), st.sampled_from(["nurse", "doctor"]),
    st.dates(D(2024, 1, 1), D(2026, 8, 1)), st.none() | st.dates(D(2026, 5, 1), D(2027, 1, 1))),
    max_size=12)


@settings(max_examples=200, deadline=None)
@given(RULES, PEOPLE)
def test_one_position_people_get_what_the_general_path_gives(rules, people):
    """People holding one position take a shortcut (rules grouped per competence, one
    deadline per rule and start day); it must give the requirements, in the order, that
    the per-person path of people with several positions gives."""
    positions = [position(n, path, start, end, group=group)
                 for n, (path, group, start, end) in enumerate(people)]
    expected = [
        requirement for p in positions
        for requirement in c._requirements_of(
            p.employee_id, [p], [frozenset(i for i, rule in enumerate(rules)
                                           if rule.matches(p))], rules, T)
    ]
    assert c.derive_requirements(positions, rules, T) == expected


def test_derive_requirements_skips_people_without_a_current_position():
    positions = [position(1, "/R/H/S/", D(2015, 1, 1), D(2026, 5, 31))]
    assert c.derive_requirements(positions, [c.Rule(1, 7, deadline_days=90)], T) == []


def test_rollup_counts_compliance_per_requirement():
    def status(employee: int, competence: int, value: str) -> c.Status:
        return c.Status(employee, competence, value, None, T, None, None)

    statuses = [status(1, 7, MET), status(2, 7, DUE_SOON), status(3, 7, NOT_YET_DUE),
                status(4, 7, OVERDUE), status(5, 7, MISSING), status(1, 8, MISSING)]
    rollup = c.rollup(statuses)
    # Competence 7: 5 persons, 2 in breach (overdue, missing) -> 3 compliant, 3/5 = 0.6.
    assert (rollup[7].persons, rollup[7].compliant, rollup[7].share_compliant) == (5, 3, 0.6)
    assert rollup[7].counts == {MET: 1, DUE_SOON: 1, NOT_YET_DUE: 1, OVERDUE: 1, MISSING: 1}
    assert (rollup[8].persons, rollup[8].compliant, rollup[8].share_compliant) == (1, 0, 0.0)


# --- Specialist renewal: 96 hours in 5 years, at least 50 courses/conferences ----------

RENEWAL = D(2026, 6, 1)  # the period is 1 Jun 2021 (excluded) to 1 Jun 2026


def hours(*items: tuple[dt.date, int, str]) -> list[c.Activity]:
    return [c.Activity(day, Decimal(amount), kind) for day, amount, kind in items]


def test_renewal_met_with_enough_courses():
    # 40 h course + 20 h conference = 60 course hours; + 40 h supervision = 100 total.
    result = c.specialist_renewal(hours((D(2022, 3, 1), 40, "course"),
                                        (D(2023, 3, 1), 20, "conference"),
                                        (D(2024, 3, 1), 40, "supervision")), RENEWAL)
    assert (result.total_hours, result.course_hours, result.hours_short) == (100, 60, 0)
    assert result.met


def test_renewal_30_course_and_20_conference_hours_meet_the_50():
    # 30 course + 20 conference = 50 course hours; + 46 supervision = 96 total -> met.
    result = c.specialist_renewal(hours((D(2022, 3, 1), 30, "course"),
                                        (D(2023, 3, 1), 20, "conference"),
                                        (D(2024, 3, 1), 46, "supervision")), RENEWAL)
    assert (result.total_hours, result.course_hours, result.hours_short) == (96, 50, 0)


def test_renewal_e_learning_counts_in_the_total_but_not_as_courses():
    # 30 course + 20 e-learning + 46 supervision = 96 total, but courses are only 30:
    # 50 - 30 = 20 course hours short.
    result = c.specialist_renewal(hours((D(2022, 3, 1), 30, "course"),
                                        (D(2023, 3, 1), 20, "e_learning"),
                                        (D(2024, 3, 1), 46, "supervision")), RENEWAL)
    assert (result.total_hours, result.course_hours, result.hours_short) == (96, 30, 20)


def test_renewal_short_of_courses_although_total_is_enough():
    # 40 course + 70 other = 110 >= 96, but courses 40 < 50 -> 10 course hours short.
    result = c.specialist_renewal(hours((D(2022, 1, 1), 40, "course"),
                                        (D(2023, 1, 1), 70, "teaching")), RENEWAL)
    assert (result.total_hours, result.hours_short, result.met) == (110, 10, False)


def test_renewal_short_of_total_hours():
    # 55 course + 20 other = 75 -> 96 - 75 = 21 short (courses already >= 50).
    result = c.specialist_renewal(hours((D(2022, 1, 1), 55, "course"),
                                        (D(2023, 1, 1), 20, "supervision")), RENEWAL)
    assert result.hours_short == 21


def test_renewal_short_of_both_counts_the_larger_gap():
    # 30 course + 60 other = 90: total short 6, courses short 20. Twenty more course hours
    # give 110 total and 50 courses, so 20 is the answer.
    result = c.specialist_renewal(hours((D(2022, 1, 1), 30, "course"),
                                        (D(2023, 1, 1), 60, "supervision")), RENEWAL)
    assert result.hours_short == 20


def test_renewal_counts_only_the_last_five_years():
    # 1 Jun 2021 is exactly 60 months back: outside; 2 Jun 2021 is inside; after the
    # renewal date is outside too. Only the 50 course hours on 2 Jun 2021 and 46 on the
    # renewal day count: 96 total, 50 courses -> met.
    result = c.specialist_renewal(hours((D(2021, 6, 1), 100, "course"),
                                        (D(2021, 6, 2), 50, "course"),
                                        (D(2026, 6, 1), 46, "other"),
                                        (D(2026, 6, 2), 100, "course")), RENEWAL)
    assert (result.total_hours, result.course_hours, result.met) == (96, 50, True)
    assert result.period_start == D(2021, 6, 1)


def test_engine_module_does_not_import_django():
    import ast
    import inspect

    tree = ast.parse(inspect.getsource(c))
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                 and node.module}
    assert not any(name.startswith("django") or name.startswith("fagkraft") for name in imported)


def test_tally_takes_count_and_share_from_one_base():
    """Issue 12. 27 met, 1 due soon, 1 not yet due: the page said "27 of 29" beside
    28/29 = 96.6 %. Now not yet due stands apart: 28 due, 28 compliant (met or due soon),
    28/28 = 100 %, 1 not yet due."""
    result = c.tally(["met"] * 27 + [c.DUE_SOON, c.NOT_YET_DUE])
    assert (result.total, result.due, result.compliant, result.not_yet_due) == (29, 28, 28, 1)
    assert result.share == 1.0
    # Met 2, due soon 1, not yet due 1, overdue 1, missing 1: 5 due, 2 in breach,
    # 3 compliant: 3/5 = 0.6.
    mixed = c.tally(["met", "met", c.DUE_SOON, c.NOT_YET_DUE, c.OVERDUE, c.MISSING])
    assert (mixed.due, mixed.in_breach, mixed.compliant, mixed.not_yet_due) == (5, 2, 3, 1)
    assert mixed.share == 0.6
    # Only not yet due: nothing due, no share (not 0 %, not 100 %).
    assert c.tally([c.NOT_YET_DUE]).share is None


def test_what_goes_into_the_further_education_plan():
    # Horizon H = T + 365 days = 1 June 2027. A met requirement enters only when it falls
    # due for renewal by H; an unmet one always; one without a due date (nothing to
    # renew) never.
    horizon = T + dt.timedelta(days=365)

    def status(name: str, due_on: dt.date | None) -> c.Status:
        return c.Status(1, 1, name, due_on, D(2026, 1, 1), None, None)

    assert c.needs_education(status(MET, D(2027, 6, 1)), horizon)  # on the horizon: in
    assert not c.needs_education(status(MET, D(2027, 6, 2)), horizon)  # a day after: out
    assert not c.needs_education(status(MET, None), horizon)
    assert c.needs_education(status(OVERDUE, D(2026, 1, 1)), horizon)
    assert c.needs_education(status(NOT_YET_DUE, D(2030, 1, 1)), horizon)


def test_a_unit_is_fully_planned_when_every_need_of_its_people_is_planned():
    # Persons 1-4; 1 needs competences {10, 11} and has both planned; 2 needs {10} and
    # has {11} planned (10 unplanned); 3 needs nothing; 4 needs {12} with nothing planned.
    needing = {1: {10, 11}, 2: {10}, 4: {12}}
    planned = {1: {10, 11, 13}, 2: {11}}
    members = {"A": {1, 3}, "B": {1, 2}, "C": {4}, "empty": set(), "D": {3}}
    assert c.fully_planned(members, needing, planned) == {
        "A": True,  # 1 planned for all, 3 needs nothing
        "B": False,  # 2 lacks 10
        "C": False,  # 4 lacks 12
        "empty": True,  # no people: nothing unplanned, as education_plan's empty needs
        "D": True,
    }
