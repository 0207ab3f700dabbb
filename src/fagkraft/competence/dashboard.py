"""The compliance dashboard's figures as GROUP BYs over the kept table.

`reports.unit_compliance` builds every person's statuses in Python: what the export needs
(every cell of the matrix). The page shows the same figures but only a page of the matrix
and of the due list, so for a trust of 12,000 people it read ~40,000 status rows and built
an object per person to show 50. Here the counts come from the database (per requirement
and status, per child unit, per person), the matrix's page and the due list's page are
read when the tables know which page is shown, and the statuses of that page's people
only. Where the kept table does not hold for the day, the figures come from
`unit_compliance` instead, in the same shapes. `tests/test_compliance_dashboard.py` checks
that both give the same figures for every unit of the demo.

A person with positions in several units has a kept row per unit and requirement, all
with the same status: the counts are of distinct people per requirement and status (of
distinct requirements per person), so such a person counts once. Everyone else has one
row per requirement, so their rows are counted plainly (COUNT(*) off the kept table's
(unit, competence, status, shared) index, without reading the rows) and only the few
`shared` people's rows are counted distinct (`_counted`).

The counts of a whole subtree (the page of a user who may see every person in it) are the
same for every such user and change only with the data or the day: they are cached under
the data version (`_subtree_figures`), like the unit page's summary.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When

from fagkraft.adapter import competence as adapter
from fagkraft.audit.services import data_version
from fagkraft.competence import kept, reports
from fagkraft.competence.models import Competence, KeptMember, KeptRequirement
from fagkraft.core import recent
from fagkraft.core.plain_rows import plain_rows
from fagkraft.engine import compliance
from fagkraft.workforce.models import Employee, Unit

Row = reports.Row
FIGURES_CACHE_SECONDS = 6 * 3600  # a day's figures; the data version moves on any write


class PersonCounts:
    """Each person's number of requirements per status off the kept rows, read when first
    asked: for the people of the matrix's page (`read`), or for everyone at once when a
    line outside what was read is asked for (the matrix sorted by share compliant). A
    trust's page shows 50 of 19,000 lines; counting them all cost more than the rest."""

    def __init__(self, rows: QuerySet[KeptRequirement]) -> None:
        self._rows = rows
        self._known: dict[int, dict[str, int]] = {}
        self._everyone = False

    def read(self, ids: Iterable[int]) -> None:
        if self._everyone:
            return
        missing = [pk for pk in ids if pk not in self._known]
        if len(missing) > kept.CHUNK:
            self._read_everyone()  # more than a page: everyone in one GROUP BY
        elif missing:
            counts = _person_counts(self._rows.filter(employee_id__in=missing))
            for pk in missing:
                self._known[pk] = counts.get(pk, _NONE)

    def tally_of(self, pk: int) -> compliance.Tally:
        if pk not in self._known:
            self._read_everyone()
        return compliance.Tally(self._known.get(pk, _NONE))

    def _read_everyone(self) -> None:
        if not self._everyone:
            self._known = dict(_person_counts(self._rows))
            self._everyone = True


_NONE = dict.fromkeys(compliance.STATUSES, 0)


class PersonLine(reports.TallyFigures):
    """One person's line of the matrix before its cells are read: name and counts (known,
    or read through `counts` when first asked)."""

    def __init__(self, pk: int, last_name: str, first_name: str,
                 tally: compliance.Tally | None = None, counts: PersonCounts | None = None,
                 ) -> None:
        self.pk, self.last_name, self.first_name = pk, last_name, first_name
        self._tally, self._counts = tally, counts

    @property  # type: ignore[override]
    def tally(self) -> compliance.Tally:
        if self._tally is None:
            assert self._counts is not None  # noqa: S101 - one of the two is given
            self._tally = self._counts.tally_of(self.pk)
        return self._tally

    @property
    def total(self) -> int:
        return self.tally.total


class DueList(Sequence[Row]):
    """The due list (reports.falls_due of the people's statuses), read a slice at a time:
    its length by one COUNT, a page by LIMIT/OFFSET, in the same order."""

    def __init__(self, rows: QuerySet[KeptRequirement], today: dt.date,
                 days: int = reports.DUE_LIST_DAYS, *, length: int | None = None) -> None:
        until = today + dt.timedelta(days=days)
        self._query = (
            rows.filter(due_on__isnull=False)
            .filter(Q(status__in=compliance.IN_BREACH) | Q(due_on__lte=until))
            .values_list("employee_id", "competence_id", "status", "due_on", "deadline",
                         "completed_on", "expires_on")
            .distinct()
            # falls_due's order: due date, then (a stable sort of rows ordered by person
            # and requirement name) last name, first name, person, requirement name.
            .order_by("due_on", "employee__last_name", "employee__first_name",
                      "employee_id", "competence__name"))
        self._length = length  # when the caller knows it

    def __len__(self) -> int:
        if self._length is None:
            self._length = self._query.count()
        return self._length

    def __iter__(self) -> Iterator[Row]:
        return iter(self[0:len(self)])  # in one read, not one per index

    @overload
    def __getitem__(self, index: int) -> Row: ...

    @overload
    def __getitem__(self, index: slice) -> list[Row]: ...

    def __getitem__(self, index: int | slice) -> Row | list[Row]:
        if isinstance(index, int):
            found = self[index:index + 1]
            if not found:
                raise IndexError(index)
            return found[0]
        values = [compliance.Status(*row[:7]) for row in self._query[index]]
        people = Employee.objects.in_bulk({status.employee_id for status in values})
        competences = Competence.objects.in_bulk({status.competence_id for status in values})
        return [adapter.row_of(status, people[status.employee_id],
                               competences[status.competence_id]) for status in values]


@dataclass
class Dashboard:
    """What the compliance page shows; the matrix's cells through `cells_for`."""

    competences: list[Competence]
    people: list[PersonLine]
    requirements: list[reports.RequirementSummary]
    due: Sequence[Row]
    children: list[reports.ChildSummary]
    cells_for: Callable[[Iterable[int]], dict[int, dict[int, Row]]]

    @property
    def tally(self) -> compliance.Tally:
        """Every requirement of the unit's people: the key figures' one source."""
        counts = dict.fromkeys(compliance.STATUSES, 0)
        for requirement in self.requirements:
            for status, number in requirement.counts.items():
                counts[status] += number
        return compliance.Tally(counts)


def unit_dashboard(unit: Unit, people: QuerySet[Employee], children: Iterable[Unit],
                   today: dt.date, *, everyone: bool = False) -> Dashboard:
    """The figures of reports.unit_compliance(unit, people, children, today) for the page.

    `everyone`: `people` are everyone holding a position in the unit's subtree today (the
    page of a user who may see every person of the unit: access.may_see_persons_in), so
    the counts read the subtree's kept rows by the unit index; otherwise (a selection)
    the rows of those people.
    """
    children = list(children)
    if not kept.ready_for(today):
        return _from_report(reports.unit_compliance(unit, people, children, today))
    lines = list(people.order_by("last_name", "first_name", "pk")
                 .values_list("pk", "last_name", "first_name"))
    if everyone:
        rows = KeptRequirement.objects.filter(Unit.subtree_q(unit.path, "unit__"))
    else:
        # A section's few people by id (the kept table's index); a large unit's by query.
        ids: Any = [pk for pk, _last, _first in lines] if len(lines) <= kept.CHUNK else (
            people.values("pk"))
        rows = KeptRequirement.objects.filter(employee__in=ids)
    rows = rows.order_by()
    if everyone:
        by_requirement, child_summaries, due_length = _subtree_figures(unit, children, rows,
                                                                       today)
    else:
        by_requirement = _requirement_counts(rows)
        child_summaries, due_length = _children(unit, children, rows), None
    competences = Competence.objects.in_bulk(by_requirement)
    ordered = sorted(competences.values(), key=lambda competence: competence.name)
    counts = PersonCounts(rows)

    def cells_for(ids: Iterable[int]) -> dict[int, dict[int, Row]]:
        ids = list(ids)
        counts.read(ids)  # the page's lines' counts with its cells
        return _kept_cells(ids)

    return Dashboard(
        competences=ordered,
        people=[PersonLine(pk, last, first, counts=counts) for pk, last, first in lines],
        requirements=[reports.RequirementSummary(
            competence, sum(by_requirement[competence.pk].values()),
            by_requirement[competence.pk]) for competence in ordered],
        due=DueList(rows, today, length=due_length),
        children=child_summaries,
        cells_for=cells_for,
    )


def _subtree_figures(unit: Unit, children: list[Unit], rows: QuerySet[KeptRequirement],
                     today: dt.date) -> tuple[dict[int, dict[str, int]],
                                              list[reports.ChildSummary], int]:
    """The counts of everyone in the unit's subtree (per requirement and status, per child
    unit, the due list's length), cached under the data version: the same for every user
    who may see the unit's persons, and a trust's take GROUP BYs over ~30,000 kept rows
    (about 150 ms of its page) that change only when data does (or the day)."""
    shown = hashlib.sha256(repr([child.pk for child in children]).encode()).hexdigest()[:16]
    key = f"compliance-figures:{unit.pk}:{shown}:{today.isoformat()}:{data_version()}"
    return recent.get_or_compute(key, lambda: (
        {cid: dict(counts) for cid, counts in _requirement_counts(rows).items()},
        _children(unit, children, rows), len(DueList(rows, today))), FIGURES_CACHE_SECONDS)


def _counted(rows: QuerySet[Any], group: dict[str, Any], distinct: str
             ) -> dict[tuple[Any, ...], int]:
    """Per group (its values in `group`'s order): the number of distinct `distinct`
    values among the rows, as COUNT(*) over the rows of people in one unit only, plus
    COUNT(DISTINCT) over the shared people's rows (see the module docstring)."""
    names = list(group)
    counts: dict[tuple[Any, ...], int] = defaultdict(int)
    for shared, count in ((False, Count("*")), (True, Count(distinct, distinct=True))):
        for *key, number in plain_rows(rows.filter(shared=shared).values(**group)
                                       .annotate(n=count).values_list(*names, "n")):
            counts[tuple(key)] += number
    return counts


def _requirement_counts(rows: QuerySet[KeptRequirement]) -> dict[int, dict[str, int]]:
    """Per requirement and status: the number of people."""
    counts: dict[int, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(compliance.STATUSES, 0))
    group = {"cid": F("competence_id"), "state": F("status")}
    for (cid, status), number in _counted(rows, group, "employee_id").items():
        counts[cid][status] = number
    return counts


def _person_counts(rows: QuerySet[KeptRequirement]) -> dict[int, dict[str, int]]:
    """Per person: the number of requirements of each status."""
    counts: dict[int, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(compliance.STATUSES, 0))
    group = {"person": F("employee_id"), "state": F("status")}
    for (pk, status), number in _counted(rows, group, "competence_id").items():
        counts[pk][status] = number
    return counts


def _children(unit: Unit, children: list[Unit], rows: QuerySet[KeptRequirement]
              ) -> list[reports.ChildSummary]:
    """Per child unit: its people today (everyone, as reports._children counts them) and
    the requirements of the unit's people among them."""
    if not children:
        return []

    def child_of(prefix: str) -> Case:
        return Case(*(When(Unit.subtree_q(child.path, prefix), then=Value(index))
                      for index, child in enumerate(children)),
                    default=None, output_field=IntegerField())

    persons = [0] * len(children)
    members = KeptMember.objects.filter(Unit.subtree_q(unit.path, "unit__")).order_by()
    for (index,), number in _counted(members, {"child": child_of("unit__")},
                                     "employee_id").items():
        if index is not None:
            persons[index] = number
    counts = [dict.fromkeys(compliance.STATUSES, 0) for _ in children]
    group = {"child": child_of("unit__"), "cid": F("competence_id"), "state": F("status")}
    for (index, _cid, status), number in _counted(rows, group, "employee_id").items():
        if index is not None:
            counts[index][status] += number
    return [reports.ChildSummary(child, persons[index], compliance.Tally(counts[index]))
            for index, child in enumerate(children)]


def _kept_cells(ids: Iterable[int]) -> dict[int, dict[int, Row]]:
    """The matrix cells of these people, from the kept table (as reports.PersonSummary)."""
    ids = list(ids)
    found: dict[tuple[int, int], compliance.Status] = {}
    for row in plain_rows(
            KeptRequirement.objects.filter(employee__in=ids).order_by()
            .values_list("employee_id", "competence_id", "status", "due_on", "deadline",
                         "completed_on", "expires_on"), date_columns=(3, 4, 5, 6)):
        found[(row[0], row[1])] = compliance.Status(*row)
    people = Employee.objects.in_bulk(ids)
    competences = Competence.objects.in_bulk({cid for _pk, cid in found})
    by_person: dict[int, list[compliance.Status]] = defaultdict(list)
    for status in found.values():
        by_person[status.employee_id].append(status)
    return {pk: reports.PersonSummary(people[pk], by_person.get(pk, []), competences).cells
            for pk in ids}


def _from_report(data: reports.UnitCompliance) -> Dashboard:
    """The dashboard of figures worked out by reports.unit_compliance."""
    summaries = {person.employee.pk: person for person in data.people}
    return Dashboard(
        competences=data.competences,
        people=[PersonLine(person.employee.pk, person.employee.last_name,
                           person.employee.first_name, person.tally)
                for person in data.people],
        requirements=data.requirements,
        due=data.due,
        children=data.children,
        cells_for=lambda ids: {pk: summaries[pk].cells for pk in ids},
    )


def unit_tally(unit: Unit, today: dt.date) -> tuple[compliance.Tally, int] | None:
    """Every requirement of the people holding a position in the unit's subtree today,
    tallied by status, and the number of those people with a requirement, from the kept
    table (None where it does not hold for `today`): what the goal indicator
    "compliance with mandatory requirements" works out for today from every completion
    of the unit's people (a region: ~4.5 s at 150,000 employees)."""
    if not kept.ready_for(today):
        return None
    rows = KeptRequirement.objects.filter(Unit.subtree_q(unit.path, "unit__")).order_by()
    counts = dict.fromkeys(compliance.STATUSES, 0)
    for by_status in _requirement_counts(rows).values():
        for status, number in by_status.items():
            counts[status] += number
    return compliance.Tally(counts), rows.values("employee_id").distinct().count()
