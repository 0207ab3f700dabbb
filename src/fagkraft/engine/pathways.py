"""Specialist education pathways: rule checks and the expected completion date.

Pure Python, never Django. `fagkraft.adapter` turns a candidate's records (practice
periods, supervision sessions, courses, approved learning goals, the written work) and
the pathway template's rules into the records below.

A pathway has parts (the psychologist programme's common, mandatory and optional
programme; LIS1's hospital and municipality parts; LIS3 as one part). Each part may
require practice (in full-time years), supervision hours and course hours. The pathway
as a whole may require learning goals approved, a number of supervisors, one long
supervision relationship, individual supervision hours in some parts, a share of course
time taken while in supervised practice, and an approved written work. A rule whose
number is 0 (or False) does not apply.

Units
-----
- Practice: full-time years. A period from `start` to `end` (both days included; an open
  period runs to today) at share p of full time counts p x months/12, where months =
  12 x years + months + days / 30.4375 between start and the day after the end: a period
  from 1 January to 31 December is exactly one year, whatever the year's length.
- Supervision: an hour is `minutes_per_hour` minutes (45 in the psychologist programme,
  DOMAIN.md): a 90-minute session is 2 hours.
- Courses: hours as given.

The psychologist programme (Norwegian Psychological Association, DOMAIN.md)
---------------------------------------------------------------------------
  part       | courses | practice | supervision
  common     |   96 h  | 1 year   |  60 h
  mandatory  |   96 h  | 3 years  | 120 h
  optional   |   64 h  | 1 year   |  60 h
  total      |  256 h  | 5 years  | 240 h
plus: at least two supervisors; one relationship (all sessions with one supervisor) of
at least 40 hours; at least 40 individual hours in the mandatory and optional parts;
more than half of the course hours on days the candidate was in a supervised practice
period (strictly more: exactly half is not enough); one approved written work.

Expected completion
-------------------
Pace is measured on the totals that grow with time: practice years, supervision hours,
course hours and learning goals (each required total > 0), as the share done of each,
capped at 1. The slowest share s paces the candidate. With d days elapsed since the
start, the expected completion is start + d / s days. When s is 0 or fewer than
`min_pace_days` have passed, the pace says nothing yet and the planned end is used.
When every paced total is reached but another rule is not (say the written work), the
expected completion is today. A finished candidate's expected completion is the day
they finished. A candidate is behind schedule when the expected completion is more than
`grace_days` after the planned end.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from fagkraft.engine.pickling import by_fields

AVERAGE_MONTH_DAYS = 30.4375  # 365.25 / 12
DEFAULT_MIN_PACE_DAYS = 90
DEFAULT_GRACE_DAYS = 90
EPSILON = 1e-9

# Check codes; the Django side words them in the user's language.
PRACTICE = "practice"
SUPERVISION = "supervision"
COURSES = "courses"
GOALS = "goals"
SUPERVISORS = "supervisors"
RELATIONSHIP = "relationship"
INDIVIDUAL = "individual"
COURSES_IN_PRACTICE = "courses_in_practice"
WRITTEN_WORK = "written_work"
# The totals that pace a candidate (see the module docstring).
PACED = (PRACTICE, SUPERVISION, COURSES, GOALS)


@dataclass(frozen=True, slots=True)
class PartRule:
    code: str
    practice_years: float = 0.0
    supervision_hours: float = 0.0
    course_hours: float = 0.0
    individual_counts: bool = False  # individual hours here count towards the minimum


@dataclass(frozen=True, slots=True)
class PathwayRules:
    parts: tuple[PartRule, ...]
    goals_required: int = 0
    min_supervisors: int = 0
    min_relationship_hours: float = 0.0
    min_individual_hours: float = 0.0
    minutes_per_hour: int = 60
    # "More than this share of course hours while in supervised practice"; 0: no rule.
    course_share_in_practice: float = 0.0
    written_work_required: bool = False


@dataclass(frozen=True, slots=True)
class PracticePeriod:
    part: str
    start: dt.date
    end: dt.date | None
    fte_share: float  # 1.0 = full time
    supervised: bool = True


@dataclass(frozen=True, slots=True)
class Session:
    supervisor_id: int
    part: str
    held_on: dt.date
    minutes: int
    individual: bool = True


@dataclass(frozen=True, slots=True)
class Course:
    part: str
    held_on: dt.date
    hours: float


@dataclass(frozen=True, slots=True)
class Record:
    """Everything a candidate has done, as of `today`."""

    periods: tuple[PracticePeriod, ...] = ()
    sessions: tuple[Session, ...] = ()
    courses: tuple[Course, ...] = ()
    goals_approved: int = 0
    written_work_on: dt.date | None = None


@by_fields
@dataclass(frozen=True, slots=True)
class Check:
    """One rule: what it needs, what is done. `part` is "" for whole-pathway rules."""

    code: str
    part: str
    required: float
    done: float

    @property
    def met(self) -> bool:
        if self.code == COURSES_IN_PRACTICE:
            # "More than half": the share done must exceed the share required.
            return self.done > self.required + EPSILON
        return self.done + EPSILON >= self.required

    @property
    def left(self) -> float:
        return 0.0 if self.met else max(0.0, self.required - self.done)

    @property
    def share(self) -> float:
        if self.required <= 0:
            return 1.0
        return min(1.0, self.done / self.required)


@by_fields
@dataclass(frozen=True, slots=True)
class Progress:
    checks: tuple[Check, ...]
    totals: dict[str, Check] = field(default_factory=dict)

    @property
    def done(self) -> bool:
        return all(check.met for check in self.checks)

    @property
    def unmet(self) -> tuple[Check, ...]:
        return tuple(check for check in self.checks if not check.met)

    @property
    def pace_share(self) -> float | None:
        """The slowest paced total's share done (None: nothing paces this pathway)."""
        shares = [check.share for check in self.totals.values() if check.required > 0]
        return min(shares) if shares else None


# --- Measuring ----------------------------------------------------------------------


def months_between(start: dt.date, end_exclusive: dt.date) -> float:
    """Calendar months from start to end_exclusive, days as fractions of an average month."""
    return ((end_exclusive.year - start.year) * 12 + (end_exclusive.month - start.month)
            + (end_exclusive.day - start.day) / AVERAGE_MONTH_DAYS)


def practice_years(period: PracticePeriod, today: dt.date) -> float:
    """Full-time years of one period up to and including today."""
    last = today if period.end is None else min(period.end, today)
    if last < period.start:
        return 0.0
    months = months_between(period.start, last + dt.timedelta(days=1))
    return max(0.0, months) / 12 * period.fte_share


def in_supervised_practice(day: dt.date, periods: Iterable[PracticePeriod]) -> bool:
    return any(period.supervised and period.start <= day
               and (period.end is None or day <= period.end) for period in periods)


def supervision_hours(minutes: float, minutes_per_hour: int) -> float:
    return minutes / minutes_per_hour


# --- Checking -----------------------------------------------------------------------


def check(rules: PathwayRules, record: Record, today: dt.date) -> Progress:
    """Every rule of the pathway against the record, as of today (see module docstring)."""
    periods = [p for p in record.periods if p.start <= today]
    sessions = [s for s in record.sessions if s.held_on <= today]
    courses = [c for c in record.courses if c.held_on <= today]
    per_hour = rules.minutes_per_hour

    practice: dict[str, float] = defaultdict(float)
    for period in periods:
        if period.supervised:
            practice[period.part] += practice_years(period, today)
    minutes: dict[str, float] = defaultdict(float)
    by_supervisor: dict[int, float] = defaultdict(float)
    individual_minutes = 0.0
    counting = {part.code for part in rules.parts if part.individual_counts}
    for session in sessions:
        minutes[session.part] += session.minutes
        by_supervisor[session.supervisor_id] += session.minutes
        if session.individual and session.part in counting:
            individual_minutes += session.minutes
    course_hours: dict[str, float] = defaultdict(float)
    for course in courses:
        course_hours[course.part] += course.hours

    checks: list[Check] = []
    for part in rules.parts:
        if part.practice_years > 0:
            checks.append(Check(PRACTICE, part.code, part.practice_years, practice[part.code]))
        if part.supervision_hours > 0:
            checks.append(Check(SUPERVISION, part.code, part.supervision_hours,
                                supervision_hours(minutes[part.code], per_hour)))
        if part.course_hours > 0:
            checks.append(Check(COURSES, part.code, part.course_hours, course_hours[part.code]))
    if rules.goals_required > 0:
        checks.append(Check(GOALS, "", rules.goals_required, record.goals_approved))
    if rules.min_supervisors > 0:
        checks.append(Check(SUPERVISORS, "", rules.min_supervisors, len(by_supervisor)))
    if rules.min_relationship_hours > 0:
        longest = max(by_supervisor.values(), default=0.0)
        checks.append(Check(RELATIONSHIP, "", rules.min_relationship_hours,
                            supervision_hours(longest, per_hour)))
    if rules.min_individual_hours > 0:
        checks.append(Check(INDIVIDUAL, "", rules.min_individual_hours,
                            supervision_hours(individual_minutes, per_hour)))
    if rules.course_share_in_practice > 0:
        total = sum(course.hours for course in courses)
        inside = sum(course.hours for course in courses
                     if in_supervised_practice(course.held_on, periods))
        checks.append(Check(COURSES_IN_PRACTICE, "", rules.course_share_in_practice,
                            inside / total if total else 0.0))
    if rules.written_work_required:
        written = record.written_work_on is not None and record.written_work_on <= today
        checks.append(Check(WRITTEN_WORK, "", 1, int(written)))

    totals = {
        PRACTICE: Check(PRACTICE, "", sum(p.practice_years for p in rules.parts),
                        sum(practice[p.code] for p in rules.parts)),
        SUPERVISION: Check(SUPERVISION, "", sum(p.supervision_hours for p in rules.parts),
                           sum(supervision_hours(minutes[p.code], per_hour)
                               for p in rules.parts)),
        COURSES: Check(COURSES, "", sum(p.course_hours for p in rules.parts),
                       sum(course_hours[p.code] for p in rules.parts)),
        GOALS: Check(GOALS, "", rules.goals_required, record.goals_approved),
    }
    return Progress(tuple(checks), {code: c for code, c in totals.items() if c.required > 0})


# --- Expected completion ------------------------------------------------------------


PACE = "pace"
PLAN = "plan"
DONE = "done"


@by_fields
@dataclass(frozen=True, slots=True)
class Forecast:
    expected_on: dt.date
    basis: str  # PACE, PLAN or DONE
    behind: bool
    days_late: int  # expected_on - planned_end, in days (negative: ahead)
    # Expected after the planned end, but by no more than the grace: not "behind", and
    # not "on track" either (issue 12): the page says which.
    within_grace: bool = False


def expected_completion(
    progress: Progress,
    start: dt.date,
    planned_end: dt.date,
    today: dt.date,
    completed_on: dt.date | None = None,
    min_pace_days: int = DEFAULT_MIN_PACE_DAYS,
    grace_days: int = DEFAULT_GRACE_DAYS,
) -> Forecast:
    """When the candidate is expected to finish at the pace so far (module docstring)."""
    if completed_on is not None:
        expected, basis = completed_on, DONE
    else:
        share = progress.pace_share
        elapsed = (today - start).days
        if share is not None and share >= 1.0:
            expected, basis = today, PACE
        elif share is None or share <= 0 or elapsed < min_pace_days:
            expected, basis = max(planned_end, today), PLAN
        else:
            expected, basis = start + dt.timedelta(days=round(elapsed / share)), PACE
    late = (expected - planned_end).days
    running = basis != DONE
    return Forecast(expected, basis, running and late > grace_days, late,
                    running and 0 < late <= grace_days)


# --- Several candidates --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Candidate:
    """A candidate as the pipeline sees it."""

    candidate_id: int
    profession: str
    specialty: str
    expected_on: dt.date
    weight: float = 1.0  # expected number completing (1.0: this person)


def completions_by_year(
    candidates: Sequence[Candidate], from_year: int, to_year: int
) -> list[tuple[str, str, int, float]]:
    """(profession, specialty, year, expected completions), years in [from, to] with any."""
    counts: dict[tuple[str, str, int], float] = defaultdict(float)
    for candidate in candidates:
        year = candidate.expected_on.year
        if from_year <= year <= to_year:
            counts[(candidate.profession, candidate.specialty, year)] += candidate.weight
    return [(profession, specialty, year, total)
            for (profession, specialty, year), total in sorted(counts.items())]


@dataclass(frozen=True, slots=True)
class EducationPost:
    position_id: int
    ends_on: dt.date
    permanent_post: bool  # a permanent post is lined up for when it ends


def posts_ending_by_year(
    posts: Sequence[EducationPost], from_year: int, to_year: int
) -> dict[int, tuple[int, int]]:
    """Year -> (posts ending with a permanent post lined up, posts ending without one)."""
    result = {year: (0, 0) for year in range(from_year, to_year + 1)}
    for post in posts:
        year = post.ends_on.year
        if year in result:
            with_post, without = result[year]
            result[year] = ((with_post + 1, without) if post.permanent_post
                            else (with_post, without + 1))
    return result
