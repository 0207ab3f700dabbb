"""What the competence pages show, computed from the compliance statuses.

Views decide WHO may see a unit or a person (fagkraft.access); these functions only
work out the figures for the people they are given. Statuses come from
the kept table (fagkraft.competence.kept); see fagkraft.engine.compliance for the
truth table.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from django.core.cache import cache
from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    F,
    Field,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _

from fagkraft.access import disclosure
from fagkraft.adapter import competence as adapter
from fagkraft.audit.services import data_version
from fagkraft.competence import kept
from fagkraft.competence.filtersets import employees_in_unit
from fagkraft.competence.models import (
    Competence,
    Completion,
    KeptMember,
    KeptRequirement,
    KeptState,
    PlanActivity,
)
from fagkraft.core.plain_rows import plain_rows
from fagkraft.engine import compliance
from fagkraft.engine.disclosure import Group, Suppression
from fagkraft.workforce.models import Employee, Position, Unit

# How far ahead the leader's "falls due" list looks (issue 3: the next 90 days).
DUE_LIST_DAYS = 90
# The further-education plan also counts renewals falling due within a year.
EDUCATION_PLAN_DAYS = 365

STATUS_LABELS = {
    compliance.MET: _("Met"),
    compliance.DUE_SOON: _("Due soon"),
    compliance.NOT_YET_DUE: _("Not yet due"),
    compliance.OVERDUE: _("Overdue"),
    compliance.MISSING: _("Missing"),
}
# CSS badge class: green, yellow, red; "not yet due" keeps the plain grey badge.
STATUS_CLASSES = {
    compliance.MET: "ok",
    compliance.DUE_SOON: "warn",
    compliance.NOT_YET_DUE: "",
    compliance.OVERDUE: "bad",
    compliance.MISSING: "bad",
}
OPEN_ACTIVITY = (PlanActivity.Status.PLANNED, PlanActivity.Status.IN_PROGRESS)

Row = adapter.ComplianceRow


def people_in(unit: Unit) -> QuerySet[Employee]:
    """Everyone with a position held today in the unit's subtree (no access check)."""
    return Employee.objects.filter(employees_in_unit(unit, "pk"))


def current_unit_paths(unit: Unit, today: dt.date) -> dict[int, list[str]]:
    """Per employee, the paths of the units in the subtree where they hold a position today."""
    paths: dict[int, list[str]] = defaultdict(list)
    rows = Position.objects.filter(
        Position.active_on_q(today), Unit.subtree_q(unit.path, "unit__")
    ).values_list("employee_id", "unit__path")
    for employee_id, path in rows:
        paths[employee_id].append(path)
    return paths


def share(part: int | None, whole: int | None) -> float | None:
    return part / whole if part is not None and whole else None


# --- One person ---------------------------------------------------------------------


def person_rows(employee: Employee, today: dt.date) -> list[Row]:
    rows = kept.rows(Employee.objects.filter(pk=employee.pk), today)
    return sorted(rows, key=lambda row: (row.due_on is None, row.due_on or today,
                                         row.competence.name))


# --- Unit dashboard -----------------------------------------------------------------


class TallyFigures:
    """The figures a summary shows, read off its `tally` (compliance.Tally), so every
    summary (requirement, person, child unit, the dashboard's person line) says them the
    same way."""

    tally: compliance.Tally

    @property
    def compliant(self) -> int:
        return self.tally.compliant

    @property
    def in_breach(self) -> int:
        return self.tally.in_breach

    @property
    def share_compliant(self) -> float | None:
        return self.tally.share


@dataclass
class RequirementSummary(TallyFigures):
    competence: Competence
    persons: int
    counts: dict[str, int]

    @property
    def tally(self) -> compliance.Tally:  # type: ignore[override]
        return compliance.Tally(self.counts)


@dataclass
class PersonSummary(TallyFigures):
    """One person's row of the matrix. The counts come from the statuses; the cells (a
    Row per requirement, by competence id in name order) are built when first asked
    for: a trust's dashboard shows a page of 50 people, its sort and figures need only
    the counts."""

    employee: Employee
    statuses: list[compliance.Status]
    competences: dict[int, Competence] = field(repr=False, compare=False)

    @cached_property
    def cells(self) -> dict[int, Row]:
        ordered = sorted(self.statuses,
                         key=lambda status: self.competences[status.competence_id].name)
        return {status.competence_id: adapter.row_of(
            status, self.employee, self.competences[status.competence_id])
            for status in ordered}

    @property
    def total(self) -> int:
        return len(self.statuses)

    @cached_property
    def tally(self) -> compliance.Tally:  # type: ignore[override]
        return compliance.tally(status.status for status in self.statuses)


@dataclass
class ChildSummary(TallyFigures):
    unit: Unit
    persons: int
    tally: compliance.Tally

    @property
    def requirements(self) -> int:
        return self.tally.total


@dataclass
class UnitCompliance:
    competences: list[Competence]
    people: list[PersonSummary]
    requirements: list[RequirementSummary]
    due: list[Row]
    children: list[ChildSummary] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(person.total for person in self.people)

    @property
    def tally(self) -> compliance.Tally:
        """Every requirement of the unit's people: the key figures' one source."""
        return compliance.tally(status.status for person in self.people
                                for status in person.statuses)

    @property
    def in_breach(self) -> int:
        return self.tally.in_breach

    @property
    def share_compliant(self) -> float | None:
        return self.tally.share


def is_due(status: str, due_on: dt.date | None, until: dt.date) -> bool:
    """Whether a requirement goes on the due list: overdue or missing now, or falling due
    by `until`."""
    return due_on is not None and (status in compliance.IN_BREACH or due_on <= until)


def falls_due(rows: Iterable[Row], today: dt.date, days: int = DUE_LIST_DAYS) -> list[Row]:
    """Overdue or missing now, or falling due within `days`: the leader's to-do list."""
    until = today + dt.timedelta(days=days)
    return _in_due_order([row for row in rows if is_due(row.status, row.due_on, until)])


def _in_due_order(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: (row.due_on, row.employee.last_name,
                                         row.employee.first_name, row.competence.name))


def falls_due_count(people: QuerySet[Employee], today: dt.date,
                    days: int = DUE_LIST_DAYS) -> int:
    """len(falls_due(...)) of the people's rows: a COUNT over the kept table when it holds
    for the day (the start page's to-do count), the list's length otherwise."""
    if not kept.ready_for(today):
        return len(falls_due(kept.rows(people, today), today, days))
    until = today + dt.timedelta(days=days)
    return (KeptRequirement.objects.filter(employee__in=people.values("pk"), due_on__isnull=False)
            .filter(Q(status__in=compliance.IN_BREACH) | Q(due_on__lte=until))
            .order_by().values("employee_id", "competence_id").distinct().count())


def unit_compliance(
    unit: Unit, people: QuerySet[Employee], children: Iterable[Unit], today: dt.date
) -> UnitCompliance:
    """Matrix, per-requirement counts, due list and child-unit roll-up for `people`."""
    everyone = list(people.order_by("last_name", "first_name", "pk"))
    children = list(children)
    # The kept rows, read with the kept state (one query): if it holds for the day, they
    # are the answer; if not, kept.statuses brings the table forward or recomputes.
    statuses, paths = _kept_statuses(unit, people, everyone, bool(children), today)
    if statuses is None:
        statuses, paths = kept.statuses(people, today), None
    competences = Competence.objects.in_bulk({status.competence_id for status in statuses})
    by_person: dict[int, list[compliance.Status]] = defaultdict(list)
    counts: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(compliance.STATUSES, 0))
    for status in statuses:
        by_person[status.employee_id].append(status)
        counts[status.competence_id][status.status] += 1
    # Everyone is in the matrix, people without any requirement as an empty row; the
    # people come ordered by name.
    persons = [PersonSummary(employee, by_person.get(employee.pk, []), competences)
               for employee in everyone]
    ordered = sorted(competences.values(), key=lambda competence: competence.name)
    return UnitCompliance(
        competences=ordered,
        people=persons,
        requirements=[RequirementSummary(c, sum(counts[c.pk].values()), counts[c.pk])
                      for c in ordered],
        due=_due(statuses, {e.pk: e for e in everyone}, competences, today),
        children=_children(unit, children, by_person, today, paths),
    )


def _due(statuses: list[compliance.Status], people: dict[int, Employee],
         competences: dict[int, Competence], today: dt.date,
         days: int = DUE_LIST_DAYS) -> list[Row]:
    """falls_due of the statuses, with Row objects built only for the ones it keeps."""
    until = today + dt.timedelta(days=days)
    return _in_due_order([adapter.row_of(s, people[s.employee_id], competences[s.competence_id])
                          for s in statuses if is_due(s.status, s.due_on, until)])


def _null(field: Field) -> Cast:
    """A typed NULL for a UNION branch (PostgreSQL does not match an untyped NULL to a
    date or an integer in another branch)."""
    return Cast(Value(None), output_field=field)


def _kept_statuses(unit: Unit, people: QuerySet[Employee], everyone: list[Employee],
                   with_paths: bool, today: dt.date
                   ) -> tuple[list[compliance.Status] | None, dict[int, list[str]] | None]:
    """The people's kept statuses (as adapter.kept_statuses) and, with `with_paths`, what
    current_unit_paths gives (the kept members of the unit's subtree), in one query with
    the kept state: UNION ALL of the statuses, the members (no competence, a path) and
    the KeptState row (no competence, no path). (None, None) when the state does not hold
    for `today` as it is."""
    # A section's few people by id (the index on the kept table), not the people's query
    # again; a large unit's through the query (SQLite's limit on variables).
    ids = [e.pk for e in everyone] if len(everyone) <= kept.CHUNK else people.values("pk")
    nothing = [_null(field) for field in (IntegerField(), CharField(), DateField(),
                                          DateField(), DateField(), DateField())]
    statuses = (KeptRequirement.objects.filter(employee__in=ids).order_by()
                .values_list("employee_id", "competence_id", "status", "due_on", "deadline",
                             "completed_on", "expires_on", _null(CharField())))
    branches = [KeptState.objects.order_by().values_list(
        "due_soon_days", nothing[0], nothing[1], "as_of", *nothing[3:], nothing[1])]
    if with_paths:
        branches.append(KeptMember.objects.filter(Unit.subtree_q(unit.path, "unit__"))
                        .order_by().values_list("employee_id", *nothing, "unit__path"))
    # In one fetch, as the driver gives them (a trust's ~15,000 rows spent more time in
    # Django's per-row converters than in the query); the four dates made dates.
    found_rows = plain_rows(statuses.union(*branches, all=True), date_columns=(3, 4, 5, 6))
    # One status per person and requirement: a person with positions in two units has a
    # row in each, the same status in both.
    found: dict[tuple[int, int], compliance.Status] = {}
    paths: dict[int, list[str]] = defaultdict(list)
    as_of, soon = None, None
    for employee_id, cid, *status, path in found_rows:
        if cid is not None:
            found[(employee_id, cid)] = compliance.Status(employee_id, cid, *status)
        elif path is not None:
            paths[employee_id].append(path)
        else:
            soon, as_of = employee_id, status[1]
    if not kept.holds(as_of, soon, today):
        return None, None
    return list(found.values()), paths if with_paths else None


def _children(unit: Unit, children: list[Unit], by_person: dict[int, list[compliance.Status]],
              today: dt.date, paths: dict[int, list[str]] | None = None
              ) -> list[ChildSummary]:
    if not children:
        return []
    if paths is None:
        paths = current_unit_paths(unit, today)
    result = []
    for child in children:
        members = [pk for pk, held in paths.items()
                   if any(path.startswith(child.path) for path in held)]
        result.append(ChildSummary(child, len(members), compliance.tally(
            status.status for pk in members for status in by_person.get(pk, []))))
    return result


# --- Roll-up for advisers and planners ----------------------------------------------


@dataclass
class RollupCell:
    """One requirement in one unit: persons it applies to, and of them how many comply,
    are in breach and are not yet due. Not yet due stands apart, outside the share, as on
    the unit page (compliance.Tally): share = compliant / due, due = compliant + breach."""

    persons: int | None
    compliant: int | None
    in_breach: int | None
    not_yet_due: int | None
    due: int | None

    @property
    def share_compliant(self) -> float | None:
        # A share is hidden when any count behind it is hidden: from the share and one
        # shown count, the hidden one could be worked out again.
        if None in (self.due, self.compliant, self.in_breach):
            return None
        return share(self.compliant, self.due)


@dataclass
class RollupRow:
    unit: Unit
    persons: int | None
    cells: dict[int, RollupCell]


@dataclass
class Rollup:
    competences: list[Competence]
    rows: list[RollupRow]
    suppressed: bool


ROLLUP_LEVELS = (Unit.Level.TRUST, Unit.Level.CLINIC)


def rollup_units(unit: Unit, tree: list[Unit] | None = None) -> list[Unit]:
    """The unit itself, then its trusts and clinics; below clinic level, its children.

    `tree`: the unit's subtree already read, ordered by path (saves a query)."""
    if tree is not None:
        wide = unit.level in (Unit.Level.REGION, Unit.Level.TRUST)
        return [unit, *(row_unit for row_unit in tree if row_unit.pk != unit.pk and (
            row_unit.level in ROLLUP_LEVELS if wide else row_unit.parent_id == unit.pk))]
    below = unit.subtree().exclude(pk=unit.pk)
    if unit.level in (Unit.Level.REGION, Unit.Level.TRUST):
        below = below.filter(level__in=ROLLUP_LEVELS)
    else:
        below = below.filter(parent=unit)
    return [unit, *below.order_by("path")]


def rollup(unit: Unit, today: dt.date, protected: bool = False) -> Rollup:
    """Share compliant per requirement for the unit and each trust and clinic in it.

    Aggregates only. A person counts once per row, whatever the number of positions they
    hold there. With `protected` (the user's counts pass disclosure control), the tallies
    of every unit of the tree are protected as one table (`rollup_suppression`) and hidden
    cells come back as None.
    """
    tree = list(unit.subtree().order_by("path"))
    tallies = _rollup_tallies(unit, today, rollup_units(unit, tree), tree)
    hidden = rollup_suppression(unit, today).hidden if protected else frozenset()
    competences = sorted(
        Competence.objects.filter(pk__in={cid for _, _, cells in tallies for cid in cells}),
        key=lambda competence: competence.name)
    rows = []
    for row_unit, persons, cells in tallies:
        uid = row_unit.pk
        rows.append(RollupRow(row_unit, None if ("persons", uid) in hidden else persons, {
            cid: RollupCell(*(None if (kind, uid, cid) in hidden else value
                              for kind, value in zip(("req", "ok", "breach", "notyet", "due"),
                                                     (*counts, counts[0] - counts[3]),
                                                     strict=True)))
            for cid, counts in cells.items()}))
    return Rollup(competences, rows, bool(hidden))


# unit, persons, competence -> (required, compliant, in breach, not yet due)
Tally = tuple[Unit, int, dict[int, tuple[int, int, int, int]]]


def _rollup_tallies(top: Unit, today: dt.date, units: list[Unit],
                   tree: list[Unit] | None = None) -> list[Tally]:
    """Per unit: persons, and per competence (required, compliant, in breach, not yet due).
    `tree`: `top`'s subtree, if already read."""
    tallies = _kept_tallies(top, units, tree, today)
    if tallies is not None:
        return tallies
    if kept.ready_for(today):  # brought forward to the day
        return _kept_tallies(top, units, tree)  # type: ignore[return-value]
    statuses = kept.statuses(people_in(top), today)
    paths = current_unit_paths(top, today)
    by_person: dict[int, list[compliance.Status]] = defaultdict(list)
    for status in statuses:
        by_person[status.employee_id].append(status)
    tallies: list[Tally] = []
    for row_unit in units:
        members = [pk for pk, held in paths.items()
                   if any(path.startswith(row_unit.path) for path in held)]
        tally: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0])
        for pk in members:
            for status in by_person.get(pk, []):
                _count(tally[status.competence_id], status.status)
        tallies.append((row_unit, len(members), _cells(tally)))
    return tallies


def _count(counts: list[int], status: str, number: int = 1) -> None:
    """[required, in breach, not yet due] += one status (`number` times)."""
    counts[0] += number
    if status in compliance.IN_BREACH:
        counts[1] += number
    elif status == compliance.NOT_YET_DUE:
        counts[2] += number


def _cells(tally: dict[int, list[int]]) -> dict[int, tuple[int, int, int, int]]:
    return {cid: (total, total - breach - later, breach, later)
            for cid, (total, breach, later) in tally.items()}


def _kept_tallies(top: Unit, units: list[Unit], tree: list[Unit] | None = None,
                  today: dt.date | None = None) -> list[Tally] | None:
    """The same tallies as GROUP BYs over the kept rows of `top`'s subtree.

    A person with a position in one unit only has one row per requirement: those are
    counted per unit by the database and summed up the tree. The few with positions in
    several units (`shared`) are grouped by person as well and counted once per row unit.
    One query, one pass over each kept table: the members' and the requirements' GROUP
    BYs as a UNION ALL (a member row has no competence). With `today`, the KeptState row
    comes with them (no unit): None when it does not hold for `today` as it is.
    """
    paths = ({row_unit.pk: row_unit.path for row_unit in tree} if tree is not None
             else dict(top.subtree().values_list("pk", "path")))
    covers = {pk: [i for i, row_unit in enumerate(units) if path.startswith(row_unit.path)]
              for pk, path in paths.items()}
    in_tree = Unit.subtree_q(top.path, "unit__")
    # The person, for shared rows only: NULL groups every unshared row of a unit together.
    who = Case(When(shared=True, then=F("employee_id")), default=None,
               output_field=IntegerField())
    no_int, no_day = _null(IntegerField()), _null(DateField())
    members = (KeptMember.objects.filter(in_tree).order_by()
               .values("unit_id", who=who).annotate(n=Count("*"))
               .values_list("unit_id", no_int, Value("", output_field=CharField()), "who", "n",
                            no_day))
    requirements = (KeptRequirement.objects.filter(in_tree).order_by()
                    .values("unit_id", "competence_id", "status", who=who)
                    .annotate(n=Count("*"))
                    .values_list("unit_id", "competence_id", "status", "who", "n", no_day))
    branches = [members]
    if today is not None:
        branches.append(KeptState.objects.order_by().values_list(
            no_int, "due_soon_days", Value("", output_field=CharField()), no_int, no_int,
            "as_of"))
    as_of, soon = None, None
    persons = [0] * len(units)
    counts: list[dict[int, list[int]]] = [defaultdict(lambda: [0, 0, 0]) for _ in units]
    shared_members: list[set[int]] = [set() for _ in units]
    shared_rows: list[dict[tuple[int, int], str]] = [{} for _ in units]
    for unit_id, cid, status, employee_id, number, day in requirements.union(*branches,
                                                                              all=True):
        if unit_id is None:  # the kept state
            soon, as_of = cid, day
            continue
        rows = covers[unit_id]
        if cid is None:  # a member
            for i in rows:
                if employee_id is None:
                    persons[i] += number
                else:
                    shared_members[i].add(employee_id)
        elif employee_id is None:
            for i in rows:
                _count(counts[i][cid], status, number)
        else:
            for i in rows:
                shared_rows[i][(employee_id, cid)] = status
    if today is not None and not kept.holds(as_of, soon, today):
        return None
    tallies: list[Tally] = []
    for i, row_unit in enumerate(units):
        for (_employee_id, cid), status in shared_rows[i].items():
            _count(counts[i][cid], status)
        tallies.append((row_unit, persons[i] + len(shared_members[i]), _cells(counts[i])))
    return tallies


def rollup_suppression(unit: Unit, today: dt.date) -> Suppression:
    """The roll-up of the whole tree `unit` is in, protected as one table (cached).

    Groups: per unit and competence, required = due + not yet due, due = compliant + in
    breach, and persons = required + not required; per parent unit, each count = its
    child units' (+ rest).
    """
    root = disclosure.root_of(unit)
    key = (f"disclosure-rollup:{root.pk}:{disclosure.threshold()}:"
           f"{today.isoformat()}:{data_version()}")
    result = cache.get(key)
    if result is not None:
        return result
    units = list(root.subtree().order_by("path"))
    tallies = _rollup_tallies(root, today, units, units)
    cids = sorted({cid for _, _, cells in tallies for cid in cells})
    values: dict = {}
    groups: list = []
    for row_unit, persons, cells in tallies:
        uid = row_unit.pk
        values[("persons", uid)] = persons
        for cid in cids:
            required, ok, breach, later = cells.get(cid, (0, 0, 0, 0))
            values.update({("req", uid, cid): required, ("ok", uid, cid): ok,
                           ("breach", uid, cid): breach, ("notyet", uid, cid): later,
                           ("due", uid, cid): required - later,
                           ("notreq", uid, cid): persons - required})
            groups.append(Group(("req", uid, cid), (("due", uid, cid), ("notyet", uid, cid))))
            groups.append(Group(("due", uid, cid), (("ok", uid, cid), ("breach", uid, cid))))
            groups.append(Group(("persons", uid), (("req", uid, cid), ("notreq", uid, cid))))
    for row_unit, _persons, _cells in tallies:
        children = [child.pk for child in units if child.parent_id == row_unit.pk]
        if not children:
            continue
        kinds = [("persons",)] + [(kind, cid) for cid in cids
                                  for kind in ("req", "ok", "breach", "notyet", "due",
                                               "notreq")]
        for kind in kinds:
            total = (kind[0], row_unit.pk, *kind[1:])
            groups.append(disclosure.additive_group(
                total, [(kind[0], child, *kind[1:]) for child in children], values,
                residual=("direct", *total)))
    result = disclosure.protect(values, groups)
    cache.set(key, result, timeout=6 * 3600)
    return result


# --- Further-education plan ---------------------------------------------------------


@dataclass
class EducationNeed:
    competence: Competence
    needed: int  # persons whose requirement is not met, or falls due within the horizon
    by: dt.date | None  # the earliest of their due dates
    planned: int  # persons with an open plan activity for the competence
    planned_needed: int  # of those needing it, how many have it planned

    @property
    def unplanned(self) -> int:
        return self.needed - self.planned_needed

    @property
    def planned_other(self) -> int:
        """Planned by people with no need within the horizon: shown apart (issue 12), so
        that "planned" never reads as a part of "needed" it is not."""
        return self.planned - self.planned_needed

    def overdue_on(self, today: dt.date) -> bool:
        """The earliest due date has passed: the need is now, not a date in the past."""
        return self.by is not None and self.by < today


@dataclass
class EducationPlan:
    needs: list[EducationNeed]
    other_activities: list[tuple[str, int, dt.date | None]]  # title, persons, earliest target
    horizon: dt.date
    today: dt.date


def education_plan(people: QuerySet[Employee], today: dt.date,
                   days: int = EDUCATION_PLAN_DAYS) -> EducationPlan:
    """What the unit needs: per competence, how many people, by when, how many planned.

    A person needs a competence when their requirement is not met today (overdue,
    missing, due soon, not yet due) or is met but falls due for renewal within `days`.
    Open plan activities (planned or in progress) of the same people count as planned.
    """
    horizon = today + dt.timedelta(days=days)
    needing: dict[int, dict[int, dt.date]] = defaultdict(dict)  # competence -> person -> due
    for status in kept.statuses(people, today):
        if compliance.needs_education(status, horizon):
            needing[status.competence_id][status.employee_id] = status.due_on
    planned: dict[int, set[int]] = defaultdict(set)
    others: dict[str, list[tuple[int, dt.date | None]]] = defaultdict(list)
    activities = PlanActivity.objects.filter(
        plan__employee__in=people.values("pk"), status__in=OPEN_ACTIVITY
    ).values_list("competence_id", "title", "plan__employee_id", "target_date")
    for competence_id, title, employee_id, target in activities:
        if competence_id is None:
            others[title.strip()].append((employee_id, target))
        else:
            planned[competence_id].add(employee_id)
    competences = Competence.objects.in_bulk(set(needing) | set(planned))
    needs = [
        EducationNeed(
            competence=competences[pk],
            needed=len(needing.get(pk, {})),
            by=min(needing[pk].values()) if needing.get(pk) else None,
            planned=len(planned.get(pk, set())),
            planned_needed=len(planned.get(pk, set()) & set(needing.get(pk, {}))),
        )
        for pk in competences
    ]
    needs.sort(key=lambda need: (need.by is None, need.by or today, need.competence.name))
    other_rows = []
    for title, entries in sorted(others.items()):
        targets = [target for _pk, target in entries if target is not None]
        other_rows.append((title, len({pk for pk, _t in entries}),
                           min(targets) if targets else None))
    return EducationPlan(needs, other_rows, horizon, today)


def fully_planned_units(units: Sequence[Unit], today: dt.date,
                        days: int = EDUCATION_PLAN_DAYS) -> dict[int, bool]:
    """For sections (units without children): whether `education_plan` of the people
    in each has nothing unplanned, for all of them in one read of their people's
    statuses and open activities. (A region holds thousands of sections; one plan each
    read the statuses thousands of times.)"""
    horizon = today + dt.timedelta(days=days)
    members: dict[int, set[int]] = {unit.pk: set() for unit in units}
    current = Position.objects.filter(Position.active_on_q(today), unit_id__in=list(members))
    for employee_id, unit_id in current.values_list("employee_id", "unit_id"):
        members[unit_id].add(employee_id)
    people = Employee.objects.filter(pk__in=current.values("employee_id"))
    needing: dict[int, set[int]] = defaultdict(set)
    for status in kept.statuses(people, today):
        if compliance.needs_education(status, horizon):
            needing[status.employee_id].add(status.competence_id)
    planned: dict[int, set[int]] = defaultdict(set)
    activities = PlanActivity.objects.filter(
        plan__employee__in=people.values("pk"), status__in=OPEN_ACTIVITY,
        competence__isnull=False).values_list("plan__employee_id", "competence_id")
    for employee_id, competence_id in activities:
        planned[employee_id].add(competence_id)
    return compliance.fully_planned(members, needing, planned)


# --- Who holds a competence ---------------------------------------------------------


@dataclass
class Holding:
    employee: Employee
    completed_on: dt.date
    expires_on: dt.date | None


def holders(competence: Competence, people: QuerySet[Employee], today: dt.date) -> list[Holding]:
    """People whose latest approved completion of the competence is still valid today."""
    latest: dict[int, dt.date] = {}
    for employee_id, done in Completion.objects.filter(
        competence=competence, employee__in=people.values("pk"),
        status=Completion.Status.APPROVED, completed_on__lte=today,
    ).values_list("employee_id", "completed_on"):
        if done > latest.get(employee_id, dt.date.min):
            latest[employee_id] = done
    employees = Employee.objects.in_bulk(list(latest))
    result = []
    for employee_id, done in latest.items():
        expires = competence.expires_on(done)
        if expires is None or expires >= today:
            result.append(Holding(employees[employee_id], done, expires))
    result.sort(key=lambda h: (h.employee.last_name, h.employee.first_name, h.employee.pk))
    return result
