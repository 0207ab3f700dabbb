"""The register's domain rules that decide what feeds the engine, on plain data.

`fagkraft.adapter` reads the rows (codes, kinds, dates as the register stores them) and
asks this module what they mean: who counts as a child psychiatrist, which positions and
vacancies are the doctors' education pipeline (LIS) rather than staff, who is a recruit,
which completions count as courses, which learning goals count for a candidate, how long
a specialist approval and an education post run, and where a WISN category's existing
staff comes from.
docs/projections_web.md explains the projection definitions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

# The projection profession of a doctor approved in child and adolescent psychiatry;
# everyone else counts under their profession's code ("psychologist", "nurse", ...).
CHILD_PSYCHIATRIST = "child-psychiatrist"
DOCTOR = "doctor"  # Profession.group of doctors
EDUCATION = "education"  # PositionKind of an education position (a LIS post for a doctor)
CHILD_MENTAL_HEALTH = "phbu"  # Unit.service_area of child and adolescent mental health

# Competence kinds whose hours count as "courses or conferences" for specialist renewal.
# E-learning does not: the Norwegian Psychological Association accepts a digital course
# only when the organiser verified actual participation and issues a certificate, which
# a self-paced e-learning completion does not show (docs/competence.md). Such a verified
# digital course is registered as a course.
COURSE = "course"
CONFERENCE = "conference"
COURSE_KINDS: frozenset[str] = frozenset({COURSE, CONFERENCE})

PIPELINE_COLUMNS = ["profession", "year", "completions"]
RECRUIT_COLUMNS = ["employee_id", "unit_id", "kind", "start", "group"]


def is_lis(kind: pd.Series, group: pd.Series) -> pd.Series:
    """A doctor in an education position (LIS): the specialist pipeline, not staff.

    LIS positions are left out of the stock, their vacancies out of demand, and a first
    job as a LIS does not make a recruit.
    """
    return (kind == EDUCATION) & (group == DOCTOR)


def projection_profession(
    code: pd.Series, group: pd.Series, child_psychiatry_approved: pd.Series
) -> pd.Series:
    """Each person's projection profession: a doctor with a child and adolescent
    psychiatry approval in force is a child psychiatrist; everyone else keeps the code of
    their profession."""
    child = (group == DOCTOR) & child_psychiatry_approved
    return code.where(~child, CHILD_PSYCHIATRIST)


def classify_vacancies(vacancies: pd.DataFrame) -> pd.DataFrame:
    """Vacancies (columns code, group, kind, area) that count for demand, with `profession`.

    A vacancy names a profession, not a specialty: a doctor vacancy in a child and
    adolescent mental health (PHBU) unit is a child-psychiatrist vacancy; an education
    post for a doctor belongs to the pipeline and is left out.
    """
    rows = vacancies[~is_lis(vacancies["kind"], vacancies["group"])]
    child = (rows["group"] == DOCTOR) & (rows["area"] == CHILD_MENTAL_HEALTH)
    return rows.assign(profession=rows["code"].where(~child, CHILD_PSYCHIATRIST))


def recruits(
    positions: pd.DataFrame, unit_ids: Collection[int], first_year: int, last_year: int
) -> pd.DataFrame:
    """The first positions that make their holders recruits from outside the trust.

    `positions`: every position (RECRUIT_COLUMNS, `start` a datetime) of the persons who
    may be recruits. A recruit is a person whose first position in the trust (the
    earliest start of all their positions) started in first_year..last_year in one of the
    units; a doctor whose first position is a LIS is the pipeline, not a recruit.
    """
    first = positions.sort_values(["employee_id", "start"]).drop_duplicates("employee_id")
    years = first["start"].dt.year
    counted: pd.Series[bool] = (first["unit_id"].isin(list(unit_ids)) & (years >= first_year)
               & (years <= last_year) & ~is_lis(first["kind"], first["group"]))
    return first.loc[counted]


def pipeline_by_profession(completions: pd.DataFrame, child_psychiatry: str) -> pd.DataFrame:
    """Expected specialist completions (profession, specialty, year, completions) as
    projection professions: PIPELINE_COLUMNS, by year.

    Completions of the child and adolescent psychiatry specialty become child
    psychiatrists; other specialties of a profession whose stock already holds the
    candidates (a psychologist in specialist training is a psychologist already) add no
    one and are left out.
    """
    if completions.empty:
        return pd.DataFrame(columns=PIPELINE_COLUMNS)
    child = completions[completions["specialty"] == child_psychiatry]
    child = child.assign(profession=CHILD_PSYCHIATRIST)
    grouped = child.groupby(["profession", "year"], as_index=False).agg(
        completions=("completions", "sum"))
    return grouped.sort_values("year").reset_index(drop=True)


def renewal_activity_kind(competence_kind: str) -> str:
    """The kind a completion counts as for specialist renewal: courses and conferences are
    both "course" (courses or conferences); every other kind, e-learning included, counts
    as itself (towards the total hours only)."""
    return COURSE if competence_kind in COURSE_KINDS else competence_kind


def goal_counts(
    goal_template_id: int | None, goal_active: bool, template_id: int, uses_common_goals: bool
) -> bool:
    """Whether an approved learning goal counts for a candidate on `template_id`.

    An active goal counts when it is the template's own, or a common goal (no template)
    and the template uses the common goals. A goal withdrawn since does not count.
    """
    if not goal_active:
        return False
    return goal_template_id == template_id or (goal_template_id is None and uses_common_goals)


def goals_required(own_goals: int, common_goals: int, uses_common_goals: bool) -> int:
    """Learning goals a pathway requires: its own active goals, plus the common ones when
    the template uses them."""
    return own_goals + (common_goals if uses_common_goals else 0)


def approval_in_force(
    approved_on: dt.date, valid_until: dt.date | None, ended_on: dt.date | None
) -> tuple[dt.date, dt.date | None]:
    """The period (from, until; None = open) a specialist approval is in force: from its
    approval to the earlier of its expiry and the day it was ended, if either is set."""
    stops = [day for day in (valid_until, ended_on) if day is not None]
    return approved_on, min(stops) if stops else None


def education_post_ends(end_date: dt.date | None, planned_end: dt.date | None) -> dt.date | None:
    """When an education position ends: its own end date, else the planned end of the
    candidate in it (None: no end known, so it is not counted)."""
    return end_date or planned_end


@dataclass(frozen=True)
class WisnExisting:
    """A WISN category's existing staff and where the figure came from."""

    fte: float | None
    headcount: int | None  # persons behind a register figure; None when entered by hand
    source: Literal["register", "entered", "none"]


def wisn_existing(
    entered_fte: float | None, profession_group: str,
    register: Mapping[str, tuple[float, int]],
) -> WisnExisting:
    """Existing staff of a WISN category: the figure the study gives, else the register's
    (FTE, persons) of the category's profession group (0 when nobody holds a position),
    else unknown (a category without a profession group)."""
    if entered_fte is not None:
        return WisnExisting(float(entered_fte), None, "entered")
    if profession_group:
        fte, persons = register.get(profession_group, (0.0, 0))
        return WisnExisting(round(fte, 2), persons, "register")
    return WisnExisting(None, None, "none")
