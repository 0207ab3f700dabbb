"""The register's domain rules (engine.register_inputs) on plain data, worked by hand."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from fagkraft.engine import register_inputs as rules
from fagkraft.engine import wisn
from fagkraft.engine.projection_types import ActivitySpec, DemandSpec
from fagkraft.engine.register_inputs import CHILD_PSYCHIATRIST


def test_lis_is_a_doctor_in_an_education_position():
    """Only the doctor in an education position is a LIS: not a psychologist in one, not a
    doctor in a permanent one."""
    kind = pd.Series(["education", "education", "permanent", "temporary"])
    group = pd.Series(["doctor", "psychologist", "doctor", "doctor"])
    assert rules.is_lis(kind, group).tolist() == [True, False, False, False]


def test_a_child_psychiatrist_is_a_doctor_with_the_approval():
    """Approved doctor -> child psychiatrist; doctor without it keeps "psychiatrist"; an
    approval on a psychologist (not a doctor) changes nothing."""
    code = pd.Series(["psychiatrist", "psychiatrist", "psychologist"])
    group = pd.Series(["doctor", "doctor", "psychologist"])
    approved = pd.Series([True, False, True])
    assert rules.projection_profession(code, group, approved).tolist() == [
        CHILD_PSYCHIATRIST, "psychiatrist", "psychologist"]


def test_vacancies_doctor_posts_in_phbu_are_child_psychiatry_and_lis_posts_are_left_out():
    """Four vacancies: a doctor post in PHBU (child psychiatrist), a doctor post in PHV
    (stays "psychiatrist"), a LIS post in PHBU (pipeline: dropped) and a psychologist
    education post (kept: only doctors' education posts are LIS)."""
    vacancies = pd.DataFrame({
        "code": ["psychiatrist", "psychiatrist", "psychiatrist", "psychologist"],
        "group": ["doctor", "doctor", "doctor", "psychologist"],
        "kind": ["permanent", "permanent", "education", "education"],
        "area": ["phbu", "phv", "phbu", "phbu"],
        "fte_percent": [50, 100, 100, 80],
    })
    counted = rules.classify_vacancies(vacancies)
    assert counted["profession"].tolist() == [CHILD_PSYCHIATRIST, "psychiatrist", "psychologist"]
    assert counted["fte_percent"].tolist() == [50, 100, 80]


def test_recruits_are_first_positions_in_the_years_and_units_but_not_lis():
    """Units {1}, years 2021-2025. Person 10: first position 2019 (moved into unit 1 in
    2022): not a recruit. Person 11: first position 2022 in unit 1: recruit. Person 12:
    first position 2023 in unit 2: outside the units. Person 13: a doctor whose first
    position (2024, unit 1) is a LIS: pipeline. Person 14: first position 2026: after
    the years. Person 15: a psychologist in an education position 2021: recruit."""
    positions = pd.DataFrame({
        "employee_id": [10, 10, 11, 12, 13, 14, 15],
        "unit_id": [2, 1, 1, 2, 1, 1, 1],
        "kind": ["permanent", "permanent", "permanent", "permanent", "education",
                 "permanent", "education"],
        "start": pd.to_datetime(["2019-03-01", "2022-01-01", "2022-06-01", "2023-01-01",
                                 "2024-09-01", "2026-01-01", "2021-08-15"]),
        "group": ["nurse", "nurse", "psychologist", "nurse", "doctor", "nurse",
                  "psychologist"],
    })
    first = rules.recruits(positions, [1], 2021, 2025)
    assert sorted(first["employee_id"].tolist()) == [11, 15]
    assert list(first.columns) == rules.RECRUIT_COLUMNS


def test_pipeline_counts_child_psychiatry_completions_only():
    """LE-BUP completions 1 (2028) + 2 (2029) + 0.5 (2028 again) become child
    psychiatrists: 1.5 in 2028 and 2 in 2029; the psychologist's PS-BU adds no one."""
    completions = pd.DataFrame({
        "profession": ["doctor", "doctor", "psychologist", "doctor"],
        "specialty": ["LE-BUP", "LE-BUP", "PS-BU", "LE-BUP"],
        "year": [2029, 2028, 2028, 2028], "completions": [2.0, 1.0, 3.0, 0.5],
    })
    assert rules.pipeline_by_profession(completions, "LE-BUP").to_dict("records") == [
        {"profession": CHILD_PSYCHIATRIST, "year": 2028, "completions": 1.5},
        {"profession": CHILD_PSYCHIATRIST, "year": 2029, "completions": 2.0},
    ]
    empty = rules.pipeline_by_profession(completions.iloc[0:0], "LE-BUP")
    assert empty.empty and list(empty.columns) == rules.PIPELINE_COLUMNS


def test_courses_and_conferences_count_as_courses_for_renewal_e_learning_does_not():
    assert [rules.renewal_activity_kind(kind) for kind in
            ("course", "e_learning", "certification", "conference")] == [
        "course", "e_learning", "certification", "course"]


def test_which_approved_goals_count():
    """Template 3: its own active goal counts; a common goal (no template) counts only
    when the template uses common goals; another template's goal and a withdrawn goal
    never."""
    assert rules.goal_counts(3, True, 3, False)
    assert rules.goal_counts(None, True, 3, True)
    assert not rules.goal_counts(None, True, 3, False)
    assert not rules.goal_counts(4, True, 3, True)
    assert not rules.goal_counts(3, False, 3, True)


def test_goals_required_adds_the_common_goals_when_used():
    """12 own + 5 common = 17 with common goals; 12 without."""
    assert rules.goals_required(12, 5, True) == 17
    assert rules.goals_required(12, 5, False) == 12


def test_wisn_existing_staff_entered_then_register_then_none():
    """Entered 2.5 wins over the register; psychologists from the register (3.456 FTE ->
    3.46, 4 persons); nurses hold no positions: 0 FTE, 0 persons; no group: unknown."""
    register = {"psychologist": (3.456, 4)}
    assert rules.wisn_existing(2.5, "psychologist", register) == rules.WisnExisting(
        2.5, None, "entered")
    assert rules.wisn_existing(None, "psychologist", register) == rules.WisnExisting(
        3.46, 4, "register")
    assert rules.wisn_existing(None, "nurse", register) == rules.WisnExisting(
        0.0, 0, "register")
    assert rules.wisn_existing(None, "", register) == rules.WisnExisting(None, None, "none")


def test_activity_fte_agrees_with_wisn():
    """9000 contacts x 75 min / 60 = 11,250 hours / 1560 available x CAF 1.25 = 9.0144...;
    projection_types writes the formula out, so it must agree with engine.wisn."""
    activity = ActivitySpec(9000, 75, 1560, 1.25)
    assert activity.fte() == pytest.approx(11250 / 1560 * 1.25)
    assert activity.fte() == wisn.fte_for_activity(9000, 75, 1560, 1.25)
    assert DemandSpec(activity=activity).base_value() == activity.fte()


def test_an_approval_is_in_force_until_it_expires_or_ends():
    """Approved 1 Mar 2015: open without expiry or end; expiry 28 Feb 2030 and ended
    30 Jun 2026 -> until 30 Jun 2026 (the earlier); expiry alone -> until the expiry."""
    approved = dt.date(2015, 3, 1)
    assert rules.approval_in_force(approved, None, None) == (approved, None)
    assert rules.approval_in_force(approved, dt.date(2030, 2, 28), dt.date(2026, 6, 30)) == (
        approved, dt.date(2026, 6, 30))
    assert rules.approval_in_force(approved, dt.date(2030, 2, 28), None) == (
        approved, dt.date(2030, 2, 28))


def test_an_education_post_ends_on_its_end_date_else_the_planned_end():
    assert rules.education_post_ends(dt.date(2027, 8, 31), dt.date(2028, 1, 31)) == dt.date(
        2027, 8, 31)
    assert rules.education_post_ends(None, dt.date(2028, 1, 31)) == dt.date(2028, 1, 31)
    assert rules.education_post_ends(None, None) is None
