"""The bulk competence services write what the one-at-a-time services write.

`bulk_record_completions` against `record_completion`, `bulk_create_plans` against
`create_plan` and `add_activity`: on the same input, the same rows, the same audit events
(one per row, with its persons) and the same kept compliance statuses, compared field by
field without ids and timestamps. The per-row run is rolled back before the bulk run, on
a small world built once for the module (the personas, two courses with rules for
everyone, kept statuses live).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from fagkraft.audit.models import AuditEvent
from fagkraft.competence import kept, services
from fagkraft.competence.models import (
    Competence,
    Completion,
    KeptMember,
    KeptRequirement,
    Plan,
    PlanActivity,
)
from fagkraft.competence.services import NewActivity, NewCompletion, NewPlan
from fagkraft.engine.compliance import MET, MISSING
from tests.personas import World, build_world
from tests.shared_data import fresh, module_data

D = dt.date


@dataclass
class Setting:
    world: World
    fire: Competence  # every 12 months
    intro: Competence  # once


def _build() -> Setting:
    world = build_world()
    fire = services.create_competence(None, code="BRANN", name="Brannvern", kind="course",
                                      validity_months=12, hours=Decimal("2"))
    intro = services.create_competence(None, code="INTRO", name="Introduksjon",
                                       kind="course", hours=Decimal("7.5"))
    for competence in (fire, intro):
        services.create_rule(None, competence=competence, deadline_days=90)
    kept.rebuild()
    return Setting(world, fire, intro)


module_setting = module_data(_build, name="module_setting")


@pytest.fixture
def setting(module_setting, db) -> Setting:
    return fresh(module_setting)


def _events(model: type, rows: list) -> list[tuple]:
    """The creation events of these rows in the order written: everything but ids and
    the time, the record as its place in `rows`, the persons as a set."""
    place = {str(row.pk): index for index, row in enumerate(rows)}
    found = []
    for event in AuditEvent.objects.filter(object_type=model._meta.label_lower,
                                           object_id__in=list(place)).order_by("pk"):
        found.append((event.action, event.object_type, place[event.object_id],
                      event.object_repr, event.trust_id, event.via, event.detail,
                      event.username, event.user_id,
                      frozenset(event.persons.values_list("employee_id", flat=True))))
    return found


def _kept() -> list[tuple]:
    """Each kept requirement row with its person's next change (kept on the member row)."""
    changes = dict(KeptMember.objects.values_list("employee_id", "next_change"))
    return sorted((*row, changes.get(row[0])) for row in KeptRequirement.objects.values_list(
        "employee_id", "competence_id", "unit_id", "status", "completed_on", "expires_on"))


def _completions(new: list[Completion]) -> dict:
    rows = list(Completion.objects.filter(pk__in=[c.pk for c in new]).order_by("pk"))
    return {
        "rows": [(c.employee_id, c.competence_id, c.completed_on, c.hours, c.source,
                  c.status, c.approved_by_id, c.approved_at is not None, c.note,
                  c.created_by_id, str(c.certificate)) for c in rows],
        "events": _events(Completion, rows),
        "kept": _kept(),
    }


def _per_row(run) -> dict:
    """What `run()` writes, then rolled back."""
    with transaction.atomic():
        found = run()
        transaction.set_rollback(True)
    return found


def _entries(s: Setting) -> list[NewCompletion]:
    w = s.world
    return [
        # Leaders' entries count at once; employees' reports wait for approval.
        NewCompletion(w.erik, s.fire, D(2026, 3, 1), hours=2, note="Kurs i mars"),
        NewCompletion(w.erik, s.intro, D(2015, 2, 1), hours="7.5"),
        NewCompletion(w.kari, s.fire, D(2026, 4, 2), source=Completion.Source.EMPLOYEE,
                      note="Kursbevis levert til leder."),
        NewCompletion(w.tor, s.intro, D(2016, 1, 5), source=Completion.Source.IMPORT),
    ]


@pytest.mark.parametrize("actor_name", [None, "leader_lise"])
def test_bulk_record_completions_writes_what_record_completion_writes(setting, actor_name):
    s, w = setting, setting.world
    actor = w.users[actor_name] if actor_name else None
    entries = _entries(s)
    before = _kept()

    def one_by_one() -> dict:
        new = [services.record_completion(
            actor, employee=e.employee, competence=e.competence, completed_on=e.completed_on,
            hours=e.hours, source=e.source, note=e.note) for e in entries]
        return _completions(new)

    expected = _per_row(one_by_one)
    assert _kept() == before  # rolled back
    new = services.bulk_record_completions(actor=actor, entries=entries)
    assert _completions(new) == expected

    # Worked out by hand: four rows, four creation events, each about its one person; the
    # employee's report is pending, the others approved by the actor.
    rows = expected["rows"]
    assert len(rows) == 4 and len(expected["events"]) == 4
    assert [row[5] for row in rows] == ["approved", "approved", "pending", "approved"]
    assert [row[3] for row in rows] == [Decimal("2"), Decimal("7.5"), None, None]
    user_id = actor.pk if actor else None
    assert [row[6] for row in rows] == [user_id, user_id, None, user_id]
    assert [event[-1] for event in expected["events"]] == [
        {w.erik.pk}, {w.erik.pk}, {w.kari.pk}, {w.tor.pk}]
    assert {event[7] for event in expected["events"]} == {actor_name or "system"}
    # Kept statuses moved for Erik (both courses met) and Tor (introduction met), not for
    # Kari, whose report waits.
    status = {(e, c): st for e, c, _u, st, *_rest in expected["kept"]}
    assert status[(w.erik.pk, s.fire.pk)] == MET
    assert status[(w.erik.pk, s.intro.pk)] == MET
    assert status[(w.tor.pk, s.intro.pk)] == MET
    assert status[(w.kari.pk, s.fire.pk)] == MISSING
    assert status[(w.tor.pk, s.fire.pk)] == MISSING


def test_bulk_record_completions_refuses_a_future_date_and_writes_nothing(setting):
    s, w = setting, setting.world
    future = dt.date.today() + dt.timedelta(days=1)
    entries = [NewCompletion(w.erik, s.fire, D(2026, 3, 1)),
               NewCompletion(w.kari, s.fire, future)]
    with pytest.raises(ValidationError) as refused:
        services.bulk_record_completions(actor=None, entries=entries)
    assert list(refused.value.message_dict) == ["completed_on"]  # as record_completion's
    assert not Completion.objects.exists()


def _plans(s: Setting) -> list[NewPlan]:
    w = s.world
    return [
        NewPlan(w.erik, "competence", 2026, appraisal_date=D(2026, 2, 3), activities=[
            NewActivity(competence=s.fire, target_date=D(2026, 9, 1)),
            NewActivity(competence=s.intro, target_date=D(2026, 10, 1),
                        status=PlanActivity.Status.IN_PROGRESS)]),
        NewPlan(w.erik, "development", 2026, appraisal_date=D(2026, 2, 3),
                note="Fra medarbeidersamtalen.", activities=[
                    NewActivity(title="Kurs i traumebehandling", target_date=D(2027, 3, 1),
                                status=PlanActivity.Status.DONE, notes="Søkt")]),
        NewPlan(w.tor, "development", 2026, period_start=D(2026, 1, 1),
                period_end=D(2026, 12, 31)),  # no activities yet
        NewPlan(w.kari, "competence", 2025, activities=[NewActivity(competence=s.fire)]),
    ]


def _plan_rows(plans: list[Plan]) -> dict:
    rows = list(Plan.objects.filter(pk__in=[p.pk for p in plans]).order_by("pk"))
    activities = list(PlanActivity.objects.filter(plan__in=rows).order_by("pk"))
    place = {plan.pk: index for index, plan in enumerate(rows)}
    events = ([("plan", *event) for event in _events(Plan, rows)]
              + [("activity", *event) for event in _events(PlanActivity, activities)])
    order = list(AuditEvent.objects.filter(object_type__in=["competence.plan",
                                                             "competence.planactivity"])
                 .order_by("pk").values_list("object_type", flat=True))
    return {
        "plans": [(p.employee_id, p.kind, p.year, p.period_start, p.period_end,
                   p.appraisal_date, p.note, p.created_by_id) for p in rows],
        "activities": [(place[a.plan_id], a.competence_id, a.title, a.target_date, a.status,
                        a.notes) for a in activities],
        "events": events,
        "order": order,
    }


@pytest.mark.parametrize("actor_name", [None, "adviser_arne"])
def test_bulk_create_plans_writes_what_create_plan_and_add_activity_write(setting,
                                                                          actor_name):
    w = setting.world
    actor = w.users[actor_name] if actor_name else None
    entries = _plans(setting)
    kept_before = _kept()

    def one_by_one() -> dict:
        made = []
        for entry in entries:
            plan = services.create_plan(
                actor, employee=entry.employee, kind=entry.kind, year=entry.year,
                period_start=entry.period_start, period_end=entry.period_end,
                appraisal_date=entry.appraisal_date, note=entry.note)
            for activity in entry.activities:
                services.add_activity(actor, plan, competence=activity.competence,
                                      title=activity.title, target_date=activity.target_date,
                                      status=activity.status, notes=activity.notes)
            made.append(plan)
        return _plan_rows(made)

    expected = _per_row(one_by_one)
    assert not Plan.objects.exists()
    plans = services.bulk_create_plans(actor=actor, plans=entries)
    assert _plan_rows(plans) == expected

    # By hand: four plans, four activities, an event for each; a plan's event comes
    # before its activities' as when written one by one; plans change no status.
    assert len(expected["plans"]) == 4
    assert [row[0] for row in expected["activities"]] == [0, 0, 1, 3]
    assert expected["order"] == ["competence.plan", "competence.planactivity",
                                 "competence.planactivity", "competence.plan",
                                 "competence.planactivity", "competence.plan",
                                 "competence.plan", "competence.planactivity"]
    persons = [event[-1] for event in expected["events"]]
    assert persons == [{w.erik.pk}, {w.erik.pk}, {w.tor.pk}, {w.kari.pk},
                       {w.erik.pk}, {w.erik.pk}, {w.erik.pk}, {w.kari.pk}]
    assert {event[5] for event in expected["events"]} == {w.trust.pk, w.other_trust.pk}
    assert _kept() == kept_before


def test_bulk_create_plans_refuses_what_the_per_row_services_refuse(setting):
    w = setting.world
    services.create_plan(None, employee=w.erik, kind="competence", year=2026)
    refused = {
        # One plan per person, kind and year: against the database and within the input.
        "already there": [NewPlan(w.erik, "competence", 2026)],
        "twice": [NewPlan(w.kari, "development", 2026), NewPlan(w.kari, "development", 2026)],
        "period ends first": [NewPlan(w.siri, "development", 2026,
                                      period_start=D(2026, 6, 1), period_end=D(2026, 5, 1))],
        "activity without competence or title": [
            NewPlan(w.siri, "competence", 2026, activities=[NewActivity()])],
        "unknown kind": [NewPlan(w.siri, "wish list", 2026)],
    }
    for name, entries in refused.items():
        with pytest.raises(ValidationError):
            services.bulk_create_plans(actor=None, plans=entries)
        assert Plan.objects.count() == 1, name
        assert not PlanActivity.objects.exists(), name
    # The same inputs one at a time are refused too (the rules are the same).
    with pytest.raises(ValidationError):
        services.create_plan(None, employee=w.erik, kind="competence", year=2026)
    plan = services.create_plan(None, employee=w.siri, kind="competence", year=2026)
    with pytest.raises(ValidationError):
        services.add_activity(None, plan, competence=None)
