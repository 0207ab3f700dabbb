"""engine.staffing.current_staff: the unit summary's one pass over today's positions.

Hand-worked rows (employee, unit, FTE %, profession, birth year, birth date, kind):
person 1 in unit 11 at 60 % temporary and 40 % permanent (profession 7, on the
specialist track), person 2 in units 11 and 12 at 50 % each (profession 7), person 3 in
unit 10 (the scope's own unit, under no child) at 100 % permanent with no profession.
Headcount 3; FTE (60 + 40 + 50 + 50 + 100) / 100 = 3.0; profession 7: persons 1 and 2,
FTE 2.0; child 21 (units 11, 12): persons 1 and 2, FTE 2.0; eligible {1, 2}; with a
permanent position: 1, 2, 3.
"""

from __future__ import annotations

import pandas as pd

from fagkraft.engine import staffing

ROWS = [
    (1, 11, 60.0, 7, 1980, "1980-05-01", "temporary"),
    (1, 11, 40.0, 7, 1980, "1980-05-01", "permanent"),
    (2, 11, 50.0, 7, 1996, None, "permanent"),
    (2, 12, 50.0, 7, 1996, None, "permanent"),
    (3, 10, 100.0, None, 1960, "1960-02-03", "permanent"),
]


def test_one_pass_counts_each_person_once_per_group():
    staff = staffing.current_staff(ROWS, {11: 21, 12: 21}, {7}, "permanent")
    assert (staff.people, staff.fte) == (3, 3.0)
    assert staff.by_profession == [(7, 2, 2.0)]
    assert staff.by_branch == {21: (2, 2.0)}
    assert staff.eligible == {1, 2}
    assert staff.permanent_people == 3
    # Births of distinct persons, each from their first row.
    assert staff.birth_years == [1980, 1996, 1960]
    assert staff.birth_dates == ["1980-05-01", None, "1960-02-03"]


def test_it_agrees_with_the_frame_functions_on_the_same_rows():
    frame = pd.DataFrame.from_records(ROWS, columns=["employee_id", "unit_id", "fte_percent",
                                                     "profession_id", "birth_year",
                                                     "birth_date", "kind"])
    staff = staffing.current_staff(ROWS, {}, set(), "permanent")
    assert (staff.people, staff.fte) == staffing.totals(frame) == (3, 3.0)
    grouped = staffing.by_group(frame, "profession_id")
    assert [(int(k), int(h), float(f)) for k, h, f in grouped.itertuples(index=False)] == \
        staff.by_profession
    assert staff.by_branch == {} and staff.eligible == frozenset()


def test_no_positions_no_staff():
    staff = staffing.current_staff([], {}, {7}, "permanent")
    assert (staff.people, staff.fte, staff.by_profession, staff.permanent_people) == (
        0, 0.0, [], 0)
