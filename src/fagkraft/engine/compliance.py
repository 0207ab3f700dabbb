"""Competence compliance: which requirements apply to whom, and how each one stands.

Pure Python, never Django. `fagkraft.adapter`
turns rules, positions and completions from the database into the records below.

Deriving requirements
---------------------
A rule applies to a position when every criterion it sets matches (an empty criterion
matches anything): profession, profession group, unit subtree (the position's unit path
starts with the rule's unit path), the unit's service area and care level, and the
position type. A person's requirements are the rules matching one of their positions
held today. The deadline is `anchor + deadline_days`, or `add_months(anchor,
deadline_months)` when the rule counts in calendar months (hired 1 Nov + 3 months = 1 Feb;
a day the target month lacks becomes its last day: 31 Jan + 1 month = 28 Feb, 29 in a leap
year), where the anchor is the start of
the unbroken run of matching positions that covers today: moving between two sections
that both match keeps the hiring date, moving into a unit with stricter rules starts the
clock on the day of the move. When several rules give the same competence, the earliest
deadline wins.

Status of one requirement (N = due_soon_days, today = T)
--------------------------------------------------------
Only approved completions dated on or before T count; the latest one is used. It
`expires_on` = completed_on + validity_months (never when validity is empty) and is
valid through that day. The requirement falls `due_on`:

- never completed:                  the deadline;
- completed, never expires:         nothing falls due (None);
- completed, expires:               max(deadline, expires_on) - a fresh employee has
                                    until the deadline even if an old course ran out.

Then, exactly one row applies:

  # | completion                    | due_on vs today        | status
  --+-------------------------------+------------------------+-------------
  1 | valid, never expires          | (none)                 | met
  2 | valid                         | due_on - T >  N        | met
  3 | valid                         | 0 <= due_on - T <= N   | due_soon
  4 | expired or never completed    | 0 <= due_on - T <= N   | due_soon
  5 | expired or never completed    | due_on - T >  N        | not_yet_due
  6 | expired                       | due_on < T             | overdue
  7 | never completed               | due_on < T             | missing

("valid" implies due_on >= expires_on >= T, so a valid completion is never late.)
Rows 1-7 cover every case and no two overlap: they split on (valid / expired / never)
and on where due_on lies relative to T and T + N.

Compliance roll-up: a person complies with a requirement unless it is overdue or
missing (met, due_soon and not_yet_due are all within the rules today).

Specialist renewal (psychologists, DOMAIN.md): 96 hours of maintenance activities in
the 5 years before renewal, at least 50 of them courses or conferences. Hours short =
max(0, required - total, minimum_courses - course hours): course hours count towards
both, so that many more course hours would meet the rule.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

MET = "met"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
MISSING = "missing"
NOT_YET_DUE = "not_yet_due"
STATUSES = (MET, DUE_SOON, NOT_YET_DUE, OVERDUE, MISSING)
IN_BREACH = frozenset({OVERDUE, MISSING})
DEFAULT_DUE_SOON_DAYS = 30
K = TypeVar("K", bound=Hashable)

# Kinds of activities that count as "courses or conferences" for specialist renewal
# (e-learning does not: see fagkraft.engine.register_inputs.COURSE_KINDS).
COURSE_KINDS = frozenset({"course", "conference"})


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, clamped to the month's end (31 Jan + 1 = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def expiry_of(completed_on: dt.date, validity_months: int | None) -> dt.date | None:
    return None if validity_months is None else add_months(completed_on, validity_months)


# --- Deriving requirements ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rule:
    rule_id: int
    competence_id: int
    deadline_days: int
    # Calendar months after the anchor; when set it replaces deadline_days.
    deadline_months: int | None = None
    profession_id: int | None = None
    profession_group: str = ""
    unit_path: str = ""
    service_area: str = ""
    care_level: str = ""
    position_kind: str = ""

    def deadline_from(self, anchor: dt.date) -> dt.date:
        if self.deadline_months is not None:
            return add_months(anchor, self.deadline_months)
        return anchor + dt.timedelta(days=self.deadline_days)

    def matches(self, position: PositionRecord) -> bool:
        return (
            (self.profession_id is None or self.profession_id == position.profession_id)
            and (not self.profession_group or self.profession_group == position.profession_group)
            and (not self.unit_path or position.unit_path.startswith(self.unit_path))
            and (not self.service_area or self.service_area == position.service_area)
            and (not self.care_level or self.care_level == position.care_level)
            and (not self.position_kind or self.position_kind == position.kind)
        )


@dataclass(frozen=True, slots=True)
class PositionRecord:
    employee_id: int
    profession_id: int
    profession_group: str
    unit_path: str
    service_area: str
    care_level: str
    kind: str
    start: dt.date
    end: dt.date | None = None

    def active_on(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or self.end >= day)


@dataclass(frozen=True, slots=True)
class Requirement:
    employee_id: int
    competence_id: int
    deadline: dt.date
    rule_id: int
    anchor: dt.date  # hiring or moving-in date the deadline counts from


def run_start(intervals: Iterable[tuple[dt.date, dt.date | None]], today: dt.date) -> dt.date:
    """Start of the unbroken run of intervals covering `today` (next day counts as unbroken).

    The caller guarantees one interval covers today.
    """
    ordered = sorted(intervals, key=lambda interval: interval[0], reverse=True)
    anchor: dt.date | None = None
    for start, end in ordered:
        if anchor is None:
            if start <= today and (end is None or end >= today):
                anchor = start
            continue
        if end is None or end >= anchor - dt.timedelta(days=1):
            anchor = min(anchor, start)
    if anchor is None:
        raise ValueError("no interval covers today")
    return anchor


def derive_requirements(
    positions: Sequence[PositionRecord], rules: Sequence[Rule], today: dt.date
) -> list[Requirement]:
    """Requirements of every person with a position today; one per (person, competence)."""
    # Many positions share profession, unit and type: match each combination once, and
    # work with rule indexes (cheap to hash) rather than the rules themselves.
    matching: dict[tuple[object, ...], frozenset[int]] = {}

    def rules_for(position: PositionRecord) -> frozenset[int]:
        key = (position.profession_id, position.profession_group, position.unit_path,
               position.service_area, position.care_level, position.kind)
        found = matching.get(key)
        if found is None:
            found = matching[key] = frozenset(
                index for index, rule in enumerate(rules) if rule.matches(position))
        return found

    by_person: dict[int, list[PositionRecord]] = defaultdict(list)
    for position in positions:
        by_person[position.employee_id].append(position)
    # Most people hold one position: its start is the anchor of every rule it matches
    # (the run of one interval), so their requirements follow from the matching rules,
    # grouped by competence once per set of rules, and one deadline per rule and start
    # day (an HR import of 20,000 new people has some hundreds of each).
    by_competence: dict[frozenset[int], list[tuple[int, list[int]]]] = {}
    deadlines: dict[tuple[int, dt.date], dt.date] = {}

    def deadline_of(index: int, anchor: dt.date) -> dt.date:
        known = deadlines.get((index, anchor))
        if known is None:
            known = deadlines[index, anchor] = rules[index].deadline_from(anchor)
        return known

    result: list[Requirement] = []
    for employee_id, held in by_person.items():
        if len(held) > 1:
            result.extend(_requirements_of(employee_id, held, [rules_for(p) for p in held],
                                           rules, today))
            continue
        only = held[0]
        if not only.active_on(today):
            continue
        matched = rules_for(only)
        groups = by_competence.get(matched)
        if groups is None:
            groups = by_competence[matched] = _by_competence(matched, rules)
        anchor = only.start
        for competence_id, (first, *others) in groups:
            best_index, best_deadline = first, deadline_of(first, anchor)
            for index in others:  # in rule order: the first of equal deadlines wins
                deadline = deadline_of(index, anchor)
                if deadline < best_deadline:
                    best_index, best_deadline = index, deadline
            result.append(Requirement(employee_id, competence_id, best_deadline,
                                      rules[best_index].rule_id, anchor))
    return result


def _by_competence(matched: frozenset[int], rules: Sequence[Rule]
                   ) -> list[tuple[int, list[int]]]:
    """The matched rules (indexes) per competence, competences and rules in rule order:
    the order `_requirements_of` gives the requirements in."""
    groups: dict[int, list[int]] = {}
    for index in sorted(matched):
        groups.setdefault(rules[index].competence_id, []).append(index)
    return list(groups.items())


def _requirements_of(employee_id: int, held: Sequence[PositionRecord],
                     matched: Sequence[frozenset[int]], rules: Sequence[Rule],
                     today: dt.date) -> Iterable[Requirement]:
    """One person's requirements from their positions and each position's matching rules
    (indexes into `rules`): the earliest deadline per competence."""
    current: set[int] = set()
    for position, indexes in zip(held, matched, strict=True):
        if position.active_on(today):
            current |= indexes
    best: dict[int, Requirement] = {}
    anchors: dict[tuple[int, ...], dt.date] = {}  # rules matching the same positions
    for index in sorted(current):
        rule = rules[index]
        which = tuple(i for i, indexes in enumerate(matched) if index in indexes)
        anchor = anchors.get(which)
        if anchor is None:
            anchor = anchors[which] = run_start(
                ((held[i].start, held[i].end) for i in which), today)
        deadline = rule.deadline_from(anchor)
        known = best.get(rule.competence_id)
        if known is None or deadline < known.deadline:
            best[rule.competence_id] = Requirement(
                employee_id, rule.competence_id, deadline, rule.rule_id, anchor
            )
    return best.values()


# --- Status -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CompletionRecord:
    employee_id: int
    competence_id: int
    completed_on: dt.date


@dataclass(frozen=True, slots=True)
class Status:
    employee_id: int
    competence_id: int
    status: str
    due_on: dt.date | None
    deadline: dt.date
    completed_on: dt.date | None
    expires_on: dt.date | None

    @property
    def in_breach(self) -> bool:
        return self.status in IN_BREACH


def status_of(
    deadline: dt.date,
    completed_on: dt.date | None,
    validity_months: int | None,
    today: dt.date,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> tuple[str, dt.date | None, dt.date | None]:
    """(status, due_on, expires_on) of one requirement: the table in the module docstring."""
    if completed_on is None:
        days_left = (deadline - today).days
        if days_left < 0:
            return MISSING, deadline, None  # row 7
        return (DUE_SOON if days_left <= due_soon_days else NOT_YET_DUE), deadline, None
    expires_on = expiry_of(completed_on, validity_months)
    if expires_on is None:
        return MET, None, None  # row 1
    due_on = max(deadline, expires_on)
    days_left = (due_on - today).days
    if days_left < 0:
        return OVERDUE, due_on, expires_on  # row 6
    if days_left <= due_soon_days:
        return DUE_SOON, due_on, expires_on  # rows 3 and 4
    valid = expires_on >= today
    return (MET if valid else NOT_YET_DUE), due_on, expires_on  # rows 2 and 5


def status_changes_on(
    deadline: dt.date,
    completed_on: dt.date | None,
    validity_months: int | None,
    today: dt.date,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> dt.date | None:
    """The first day after `today` on which `status_of` may give another answer with
    nothing but the date changed (None: never). Kept statuses are recomputed on that day.

    The status only moves where a row boundary of the table above is crossed: the day the
    due date comes within N days (due_on - N), the day after it (due_on + 1) and, for a
    completion that expires, the day after it expires (expires_on + 1: valid -> expired).
    The earliest of those after today; an answer too early only costs a recomputation that
    finds the same status.
    """
    if completed_on is None:
        due_on, expires_on = deadline, None
    else:
        expires_on = expiry_of(completed_on, validity_months)
        if expires_on is None:
            return None  # row 1 for ever
        due_on = max(deadline, expires_on)
    candidates = [due_on - dt.timedelta(days=due_soon_days), due_on + dt.timedelta(days=1)]
    if expires_on is not None:
        candidates.append(expires_on + dt.timedelta(days=1))
    later = [day for day in candidates if day > today]
    return min(later) if later else None


def evaluate(
    requirements: Iterable[Requirement],
    completions: Iterable[CompletionRecord],
    validity_months: dict[int, int | None],
    today: dt.date,
    due_soon_days: int = DEFAULT_DUE_SOON_DAYS,
) -> list[Status]:
    """Status of each requirement from the approved completions (any order, any person)."""
    latest: dict[tuple[int, int], dt.date] = {}
    for completion in completions:
        if completion.completed_on > today:
            continue  # dated in the future: not evidence yet
        key = (completion.employee_id, completion.competence_id)
        known = latest.get(key)
        if known is None or completion.completed_on > known:
            latest[key] = completion.completed_on
    statuses = []
    # Many requirements share deadline, completion date and validity (all new hires of a
    # month): work each combination out once.
    answers: dict[tuple[dt.date, dt.date | None, int | None],
                  tuple[str, dt.date | None, dt.date | None]] = {}
    for requirement in requirements:
        completed_on = latest.get((requirement.employee_id, requirement.competence_id))
        case = (requirement.deadline, completed_on,
                validity_months.get(requirement.competence_id))
        answer = answers.get(case)
        if answer is None:
            answer = answers[case] = status_of(*case, today, due_soon_days)
        status, due_on, expires_on = answer
        statuses.append(Status(requirement.employee_id, requirement.competence_id, status,
                               due_on, requirement.deadline, completed_on, expires_on))
    return statuses


@dataclass(frozen=True, slots=True)
class Rollup:
    competence_id: int
    persons: int
    counts: dict[str, int]

    @property
    def compliant(self) -> int:
        return self.persons - sum(self.counts[status] for status in IN_BREACH)

    @property
    def share_compliant(self) -> float | None:
        return self.compliant / self.persons if self.persons else None


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts and share of one set of requirement statuses, from the same numbers.

    Not-yet-due requirements are neither kept nor broken today: they stand apart, outside
    the share. compliant = due - in breach (met or due soon); share = compliant / due.
    (Issue 12: "27 of 29" beside 96.6 % came from two different bases.)
    """

    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def not_yet_due(self) -> int:
        return self.counts.get(NOT_YET_DUE, 0)

    @property
    def due(self) -> int:
        return self.total - self.not_yet_due

    @property
    def in_breach(self) -> int:
        return sum(self.counts.get(status, 0) for status in IN_BREACH)

    @property
    def compliant(self) -> int:
        return self.due - self.in_breach

    @property
    def share(self) -> float | None:
        # The same as compliant / due, summed once: a trust's matrix sorts 10,000 of these.
        counts = self.counts
        due = sum(counts.values()) - counts.get(NOT_YET_DUE, 0)
        if not due:
            return None
        return (due - sum(counts.get(status, 0) for status in IN_BREACH)) / due


def tally(statuses: Iterable[str]) -> Tally:
    """The Tally of a run of status names (MET, DUE_SOON, ...)."""
    counts = dict.fromkeys(STATUSES, 0)
    for status in statuses:
        counts[status] += 1
    return Tally(counts)


def needs_education(status: Status, horizon: dt.date) -> bool:
    """Whether the requirement goes into the unit's further-education plan: not met
    (overdue, missing, due soon, not yet due), or met but falls due by `horizon`."""
    return status.due_on is not None and (status.status != MET or status.due_on <= horizon)


def fully_planned(members: Mapping[K, Iterable[int]], needing: Mapping[int, Set[int]],
                  planned: Mapping[int, Set[int]]) -> dict[K, bool]:
    """Per unit, whether its further-education plan has every need planned for: each
    competence a person of the unit needs (`needing`: person -> competences) is one of
    that person's open plan activities (`planned`: person -> competences). A unit
    without people, or whose people need nothing, is fully planned."""
    empty: frozenset[int] = frozenset()
    settled = {person: competences <= planned.get(person, empty)
               for person, competences in needing.items()}
    return {unit: all(settled.get(person, True) for person in people)
            for unit, people in members.items()}


def rollup(statuses: Iterable[Status]) -> dict[int, Rollup]:
    """Per competence: persons it applies to, count per status, share compliant."""
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(STATUSES, 0))
    for status in statuses:
        counts[status.competence_id][status.status] += 1
    return {
        competence_id: Rollup(competence_id, sum(by_status.values()), by_status)
        for competence_id, by_status in counts.items()
    }


# --- Specialist renewal -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Activity:
    done_on: dt.date
    hours: Decimal
    kind: str  # "course" or "conference" count as courses; anything else does not


@dataclass(frozen=True, slots=True)
class RenewalResult:
    total_hours: Decimal
    course_hours: Decimal
    hours_short: Decimal
    period_start: dt.date
    period_end: dt.date

    @property
    def met(self) -> bool:
        return self.hours_short == 0


def specialist_renewal(
    activities: Iterable[Activity],
    renewal_on: dt.date,
    required_hours: Decimal = Decimal("96"),
    min_course_hours: Decimal = Decimal("50"),
    period_months: int = 60,
) -> RenewalResult:
    """Check the maintenance hours in the period before `renewal_on` (see module docstring).

    The period is (renewal_on - period_months, renewal_on]: both ends as dates.
    """
    period_start = add_months(renewal_on, -period_months)
    total = course = Decimal(0)
    for activity in activities:
        if period_start < activity.done_on <= renewal_on:
            total += activity.hours
            if activity.kind in COURSE_KINDS:
                course += activity.hours
    short = max(Decimal(0), required_hours - total, min_course_hours - course)
    return RenewalResult(total, course, short, period_start, renewal_on)
