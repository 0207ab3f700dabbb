"""Kept compliance statuses: written when what they depend on changes, never on a view.

A status depends on the person's positions (which rules apply, from when), the rules and
catalogue, the approved completions and the date. The services call `persons_changed`
(or `people_concerned` around a rule or catalogue change) in their own transaction; the
engine works the statuses out again for those people only (fagkraft.engine.compliance
stays the one place the rules live). For the date, each person's member rows carry
`next_change`, the first day one of their statuses may move; `refresh` (daily, `fagkraft
refresh-compliance`, and on the first read of a new day) recomputes the people due, with
a position that started or ended, or an approved completion dated since the last run.
`rebuild` (`fagkraft rebuild-compliance`) writes everything again.

The table is "live" once built (the single KeptState row); until then, and for any day
before the one it holds for, readers recompute (fagkraft.adapter.competence).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence

from django.db import connection, transaction
from django.db.models import Q, QuerySet

from fagkraft.adapter import competence as adapter
from fagkraft.competence.models import (
    Competence,
    Completion,
    KeptMember,
    KeptRequirement,
    KeptState,
    RequirementRule,
)
from fagkraft.core import collector, dates
from fagkraft.core.bulk import insert_values
from fagkraft.engine import compliance
from fagkraft.workforce.models import Employee, Position, Unit

CHUNK = 500  # people per recomputation (and under SQLite's variable limit)
# More people than this at once (a big HR import, a rule for everyone): one full rebuild
# is cheaper than recomputing them chunk by chunk.
REBUILD_FROM = 20_000


def _state(*, lock: bool = False) -> KeptState | None:
    query = KeptState.objects.all()
    return (query.select_for_update() if lock else query).first()


def is_live() -> bool:
    return KeptState.objects.exists()


def members_hold_for(today: dt.date) -> bool:
    """Whether the kept members are the people holding a position on `today` (as they
    are once brought forward to it; nothing is brought forward here)."""
    state = _state()
    return state is not None and state.as_of == today


def members_in(unit: Unit) -> QuerySet[KeptMember]:
    """The employee ids of the people holding a position in the unit's subtree on the
    kept day: one read of the (unit, shared) index, where the same from positions reads
    every position held today in the whole database (issue 15: ~50 ms at national scale,
    in each of a dashboard's queries)."""
    return (KeptMember.objects.filter(Unit.subtree_q(unit.path, "unit__"))
            .values("employee_id"))


def ready_for(today: dt.date) -> bool:
    """Whether the kept rows hold for `today`, bringing them forward to it if need be."""
    state = _state()
    if state is None or state.due_soon_days != adapter.due_soon_days():
        return False
    if state.as_of < today:
        refresh(today)
        return True
    return state.as_of == today


def holds(as_of: dt.date | None, due_soon_days: int | None, today: dt.date) -> bool:
    """Whether a KeptState row read with other rows (`as_of`, `due_soon_days`; None: no
    row) says the table holds for `today` as it is, with nothing to bring forward."""
    return as_of == today and due_soon_days == adapter.due_soon_days()


# --- Reading ------------------------------------------------------------------------


def statuses(
    employees: QuerySet[Employee], today: dt.date | None = None, soon_days: int | None = None
) -> list[compliance.Status]:
    """Status of every requirement of the employees: kept when the table holds for `today`
    (brought forward to it first), recomputed for another day or "due soon" horizon."""
    today = today or dates.today()
    if soon_days is None and ready_for(today):
        return adapter.kept_statuses(employees)
    return adapter.compliance_statuses(employees, today, soon_days)


def rows(
    employees: QuerySet[Employee], today: dt.date | None = None, soon_days: int | None = None
) -> list[adapter.ComplianceRow]:
    """`statuses` with their Employee and Competence objects, by person and name."""
    return adapter.rows_of(statuses(employees, today, soon_days))


# --- Writing ------------------------------------------------------------------------


_MEMBER_FIELDS = ("employee_id", "unit_id", "shared", "next_change")
_REQUIREMENT_FIELDS = ("employee_id", "competence_id", "unit_id", "deadline", "due_on",
                       "completed_on", "expires_on", "status", "shared")


def _write(people: QuerySet[Employee], today: dt.date, soon: int) -> int:
    statuses = adapter.compliance_statuses(people, today, soon)
    units = adapter.current_units(people, today)
    validity = adapter.validity_of({status.competence_id for status in statuses})
    return _insert(statuses, units, validity, today, soon)


def _insert(statuses: list[compliance.Status], units: dict[int, set[int]],
            validity: dict[int, int | None], today: dt.date, soon: int) -> int:
    """Write the members and requirement rows of these statuses (nothing deleted)."""
    # Plain rows through core.bulk (COPY on PostgreSQL): an HR import of many new people
    # writes tens of thousands of these, and bulk_create's per-value compiling and one
    # model instance per row cost several times the write itself.
    changes: dict[tuple[dt.date, dt.date | None, int | None], dt.date | None] = {}
    earliest: dict[int, dt.date] = {}  # per person, the first day a status may move
    rows = []
    for s in statuses:
        # Many rows share deadline, completion and validity: each worked out once.
        key = (s.deadline, s.completed_on, validity.get(s.competence_id))
        if key in changes:
            change = changes[key]
        else:
            change = changes[key] = compliance.status_changes_on(*key, today, soon)
        if change is not None:
            known = earliest.get(s.employee_id)
            if known is None or change < known:
                earliest[s.employee_id] = change
        held = units[s.employee_id]
        rows.extend((s.employee_id, s.competence_id, unit, s.deadline, s.due_on,
                     s.completed_on, s.expires_on, s.status, len(held) > 1)
                    for unit in held)
    insert_values(KeptMember, _MEMBER_FIELDS,
                  [(pk, unit, len(held) > 1, earliest.get(pk))
                   for pk, held in units.items() for unit in held])
    insert_values(KeptRequirement, _REQUIREMENT_FIELDS, rows)
    return len(rows)


def _rewrite_people(employee_ids: Collection[int], today: dt.date, soon: int) -> int:
    ids = sorted(employee_ids)
    written = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        KeptRequirement.objects.filter(employee_id__in=chunk).delete()
        KeptMember.objects.filter(employee_id__in=chunk).delete()
        written += _write(Employee.objects.filter(pk__in=chunk), today, soon)
    return written


@transaction.atomic
@collector.paused()  # every employed person's statuses in memory at once
def rebuild(today: dt.date | None = None) -> int:
    """Write every kept row again for `today`; the number of requirement rows."""
    today = today or dates.today()
    soon = adapter.due_soon_days()
    _state(lock=True)
    KeptRequirement.objects.all().delete()
    KeptMember.objects.all().delete()
    employed = Position.objects.filter(Position.active_on_q(today)).values("employee_id")
    written = _write(Employee.objects.filter(pk__in=employed), today, soon)
    KeptState.objects.all().delete()
    KeptState.objects.create(as_of=today, due_soon_days=soon)
    _analyze(KeptRequirement, KeptMember)
    return written


def _analyze(*models: type[KeptRequirement] | type[KeptMember]) -> None:
    """PostgreSQL: fresh statistics of tables just written whole. Without them (a new
    database, or autovacuum off or behind) the planner takes a table for empty and picks
    plans that read all of it for a handful of people (issue 16: the daily refresh took
    seconds for 25 people, the completions read through the competence index)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models:
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')


def changed_since(since: dt.date, today: dt.date) -> set[int]:
    """People whose statuses may have moved with the days in (since, today]."""
    people = set(KeptMember.objects.filter(next_change__lte=today)
                 .values_list("employee_id", flat=True).distinct())
    # A position held from a day in the span, or no longer held (ended the day before).
    people.update(Position.objects.filter(
        Q(start_date__gt=since, start_date__lte=today)
        | Q(end_date__gte=since, end_date__lt=today)
    ).values_list("employee_id", flat=True).distinct())
    # Evidence dated in the span counts from its date on.
    people.update(Completion.objects.filter(
        status=Completion.Status.APPROVED, completed_on__gt=since, completed_on__lte=today,
    ).values_list("employee_id", flat=True).distinct())
    return people


@transaction.atomic
def refresh(today: dt.date | None = None) -> int:
    """Bring the kept rows forward to `today`; the number of people recomputed.

    Not built yet, built for a later day, or built with another "due soon" horizon:
    a full rebuild (its row count is returned then).
    """
    today = today or dates.today()
    soon = adapter.due_soon_days()
    state = _state(lock=True)
    if state is None or state.as_of > today or state.due_soon_days != soon:
        return rebuild(today)
    if state.as_of == today:
        return 0
    people = changed_since(state.as_of, today)
    _rewrite_people(people, today, soon)
    state.as_of = today
    state.save(update_fields=["as_of"])
    return len(people)


def persons_changed(employee_ids: Iterable[int]) -> None:
    """Recompute these people's statuses (their positions, profession or evidence changed).

    Called inside the writing service's transaction; nothing to do before the first build.
    """
    ids = set(employee_ids)
    if not ids:
        return
    with transaction.atomic():
        state = _state(lock=True)
        if state is None:
            return
        today = dates.today()
        if len(ids) > REBUILD_FROM:
            rebuild(today)
            return
        if state.as_of != today or state.due_soon_days != adapter.due_soon_days():
            refresh(today)
        _rewrite_people(ids, today, adapter.due_soon_days())


def people_added(positions: Sequence[Position]) -> None:
    """Write the statuses of people new to the database from their positions in memory.

    `positions` are every position of people the caller has just inserted, with their
    employee and unit objects loaded (the HR import's plan). Nobody new has completions
    or kept rows yet, so the engine needs only these positions and the rules: no reads of
    positions or completions and no deletes, one bulk insert (issue 16: the per-person
    path cost an import of 20,000 new people about as much as the write itself). Called
    inside the writing service's transaction, before `persons_changed` of anyone else.
    """
    if not positions:
        return
    with transaction.atomic():
        state = _state(lock=True)
        if state is None:
            return
        today = dates.today()
        soon = adapter.due_soon_days()
        if state.as_of != today or state.due_soon_days != soon:
            # Brought forward first; `refresh` may already rewrite some of them (a
            # position starting in the span), so the general path deletes before writing.
            persons_changed({position.employee_id for position in positions})
            return
        records = adapter.records_of(positions)
        requirements = compliance.derive_requirements(records, adapter.rule_records(), today)
        validity = adapter.validity_of({req.competence_id for req in requirements})
        statuses = compliance.evaluate(requirements, (), validity, today, soon)
        units: dict[int, set[int]] = defaultdict(set)
        for position, record in zip(positions, records, strict=True):
            if record.active_on(today):
                units[position.employee_id].add(position.unit_id)
        _insert(statuses, units, validity, today, soon)


def people_concerned(competence_ids: Iterable[int]) -> set[int]:
    """People a change to these competences or their rules may concern: those with a kept
    row of them, and those a rule of them may apply to. Ask before and after the change."""
    ids = set(competence_ids)
    if not ids or not is_live():
        return set()
    rules = adapter.rule_records(RequirementRule.objects.filter(competence_id__in=ids))
    people = set(adapter.rule_candidates(rules, dates.today()).values_list("pk", flat=True))
    people.update(KeptRequirement.objects.filter(competence_id__in=ids)
                  .values_list("employee_id", flat=True).distinct())
    return people


def records_changed(objects: Iterable[object]) -> None:
    """The admin site changed catalogue items or rules directly: the criteria before the
    change are gone, so every status is written again (a rare edit)."""
    if is_live() and any(isinstance(obj, Competence | RequirementRule) for obj in objects):
        rebuild()
