"""The kept compliance statuses always equal a full recomputation (issue 16).

Random sequences of writes through the services (completions registered, reported,
approved, rejected and imported; positions started, moved and ended; rules and catalogue
items changed) and steps of the date (with or without the daily refresh) are applied to
a small organisation; after every step the kept table must equal what the engine works
out from scratch for that day (the old path: fagkraft.adapter.competence), row for row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fagkraft.adapter import competence as adapter
from fagkraft.competence import kept, reports
from fagkraft.competence import services as competence_services
from fagkraft.competence.models import (
    Completion,
    KeptMember,
    KeptRequirement,
    KeptState,
    RequirementRule,
)
from fagkraft.core import changes, dates
from fagkraft.engine import compliance
from fagkraft.workforce import services
from fagkraft.workforce.models import Employee, Position, Profession, Unit
from tests.shared_data import fresh, module_data

BASE = dt.date(2025, 3, 1)  # well before the real date: completions may not lie ahead
SETTINGS = settings(max_examples=25, deadline=None, stateful_step_count=12,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


@dataclass
class Org:
    trust: Unit
    sections: list[Unit]
    people: list[Employee]
    competences: list
    rules: list


def build() -> Org:
    region = services.create_unit(None, code="KR", name="Region", level=Unit.Level.REGION)
    trust = services.create_unit(None, code="KHF", name="Kept HF", level=Unit.Level.TRUST,
                                 parent=region)
    clinic = services.create_unit(None, code="KHF-K", name="Klinikk", level=Unit.Level.CLINIC,
                                  parent=trust, service_area=Unit.ServiceArea.PHBU)
    ward = services.create_unit(None, code="KHF-K-A", name="Avdeling",
                                level=Unit.Level.DEPARTMENT, parent=clinic,
                                service_area=Unit.ServiceArea.PHBU)
    sections = [
        services.create_unit(None, code=f"KHF-K-A-{n}", name=f"Seksjon {n}",
                             level=Unit.Level.SECTION, parent=ward,
                             service_area=Unit.ServiceArea.PHBU, care_level=care)
        for n, care in ((1, Unit.CareLevel.OUTPATIENT), (2, Unit.CareLevel.INPATIENT),
                        (3, Unit.CareLevel.AMBULANT))
    ]
    nurse = services.create_profession(None, code="k-nurse", name="Sykepleier",
                                       group=Profession.Group.NURSE)
    doctor = services.create_profession(None, code="k-doctor", name="Lege",
                                        group=Profession.Group.DOCTOR)
    people = []
    for n in range(6):
        person = services.create_employee(
            None, trust=trust, employee_number=f"K{n}", first_name=f"P{n}", last_name="Kept",
            birth_year=1980, profession=(nurse, doctor)[n % 2])
        services.add_position(None, person, unit=sections[n % 3], fte_percent=100,
                              kind="permanent", start_date=BASE - dt.timedelta(days=40 * n))
        people.append(person)
    make = competence_services.create_competence
    competences = [
        make(None, code="k-once", name="Once", kind="course"),
        make(None, code="k-yearly", name="Yearly", kind="course", validity_months=12),
        make(None, code="k-ward", name="Ward", kind="course", validity_months=24),
    ]
    rule = competence_services.create_rule
    rules = [
        rule(None, competence=competences[0], deadline_days=30),
        rule(None, competence=competences[1], deadline_months=3,
             profession_group=Profession.Group.NURSE),
        rule(None, competence=competences[2], deadline_days=60,
             care_level=Unit.CareLevel.INPATIENT),
        rule(None, competence=competences[1], deadline_days=10, unit=sections[2]),
    ]
    return Org(trust, sections, people, competences, rules)


shared_org = module_data(build)


@pytest.fixture
def org(shared_org, db):
    return fresh(shared_org)


@pytest.fixture
def clock(monkeypatch):
    day = [BASE]
    monkeypatch.setattr(dates, "today", lambda: day[0])
    return day


def expected(today: dt.date) -> tuple[set, set]:
    """The kept rows a full recomputation gives for `today` (engine via the adapter)."""
    people = Employee.objects.all()
    units = adapter.current_units(people, today)
    statuses = adapter.compliance_statuses(people, today)
    validity = adapter.validity_of({s.competence_id for s in statuses})
    soon = adapter.due_soon_days()
    rows = {
        (s.employee_id, s.competence_id, unit, s.status, s.due_on, s.deadline,
         s.completed_on, s.expires_on, len(units[s.employee_id]) > 1)
        for s in statuses for unit in units[s.employee_id]
    }
    # A person's next change: the earliest day any of their statuses may move.
    changes: dict[int, list[dt.date]] = {}
    for s in statuses:
        day = compliance.status_changes_on(s.deadline, s.completed_on,
                                           validity.get(s.competence_id), today, soon)
        if day is not None:
            changes.setdefault(s.employee_id, []).append(day)
    members = {(pk, unit, len(held) > 1, min(changes.get(pk, []), default=None))
               for pk, held in units.items() for unit in held}
    return rows, members


def actual() -> tuple[set, set]:
    rows = set(KeptRequirement.objects.values_list(
        "employee_id", "competence_id", "unit_id", "status", "due_on", "deadline",
        "completed_on", "expires_on", "shared"))
    members = set(KeptMember.objects.values_list("employee_id", "unit_id", "shared",
                                                 "next_change"))
    return rows, members


def check(today: dt.date) -> None:
    assert kept.ready_for(today)
    want_rows, want_members = expected(today)
    got_rows, got_members = actual()
    assert got_rows == want_rows
    assert got_members == want_members
    assert len(got_rows) == KeptRequirement.objects.count()  # no duplicates


PERSON = st.integers(0, 5)
STEPS = st.lists(st.one_of(
    st.tuples(st.just("complete"), PERSON, st.integers(0, 2), st.integers(0, 900)),
    st.tuples(st.just("report"), PERSON, st.integers(0, 2), st.integers(0, 400)),
    st.tuples(st.just("approve"), st.integers(0, 50)),
    st.tuples(st.just("reject"), st.integers(0, 50)),
    st.tuples(st.just("import"), PERSON, st.integers(0, 2), st.integers(0, 900)),
    st.tuples(st.just("move"), PERSON, st.integers(0, 2), st.integers(-3, 40)),
    st.tuples(st.just("end"), PERSON, st.integers(-3, 40)),
    st.tuples(st.just("hire"), PERSON, st.integers(0, 2), st.integers(-5, 20)),
    st.tuples(st.just("rule"), st.integers(0, 3), st.integers(0, 2)),
    st.tuples(st.just("validity"), st.integers(0, 2), st.sampled_from([None, 6, 12, 36])),
    st.tuples(st.just("step"), st.integers(1, 120), st.booleans()),
), min_size=1, max_size=10)


def apply(org: Org, clock: list[dt.date], step: tuple) -> None:
    today = clock[0]
    kind, *args = step
    if kind in ("complete", "report", "import"):
        person, competence, days_ago = args
        people = Employee.objects.get(pk=org.people[person].pk)
        competence_obj = org.competences[competence]
        done = today - dt.timedelta(days=days_ago)
        if kind == "import":
            competence_services.bulk_import_completions(
                None, [competence_services.CompletionRow(people, competence_obj, done)])
        else:
            competence_services.record_completion(
                None, employee=people, competence=competence_obj, completed_on=done,
                source="employee" if kind == "report" else "leader")
    elif kind in ("approve", "reject"):
        status = Completion.Status.PENDING if kind == "approve" else Completion.Status.APPROVED
        found = list(Completion.objects.filter(status=status).order_by("pk"))
        if found:
            completion = found[args[0] % len(found)]
            if kind == "approve":
                competence_services.approve_completion(None, completion)
            else:
                competence_services.reject_completion(None, completion)
    elif kind in ("move", "end"):
        person, *rest = args
        held = Position.objects.filter(Position.active_on_q(today),
                                       employee=org.people[person]).first()
        if held is None:
            return
        on = today + dt.timedelta(days=rest[-1])
        if on <= held.start_date:
            return
        if kind == "move":
            services.move_employee(None, held, to_unit=org.sections[rest[0]], on=on)
        else:
            services.end_position(None, held, end_date=on, reason="resigned")
    elif kind == "hire":
        person, section, offset = args
        services.add_position(None, Employee.objects.get(pk=org.people[person].pk),
                              unit=org.sections[section], fte_percent=50, kind="temporary",
                              start_date=today + dt.timedelta(days=offset))
    elif kind == "rule":
        rule = org.rules[args[0]]
        rule.refresh_from_db()
        change = ({"active": not rule.active}, {"deadline_days": rule.deadline_days + 17},
                  {"unit": None if rule.unit_id else org.sections[1]})[args[1]]
        competence_services.update_rule(None, rule, **change)
    elif kind == "validity":
        competence = org.competences[args[0]]
        competence.refresh_from_db()
        competence_services.update_competence(None, competence, validity_months=args[1])
    elif kind == "step":
        clock[0] = today + dt.timedelta(days=args[0])
        if args[1]:
            kept.refresh(clock[0])


@SETTINGS
@given(steps=STEPS)
def test_kept_statuses_equal_a_full_recomputation(org, clock, steps):
    clock[0] = BASE
    kept.rebuild(BASE)
    check(BASE)
    for step in steps:
        apply(org, clock, step)
        check(clock[0])


def test_refresh_touches_only_people_whose_status_may_move(org, clock):
    # Worked by hand: P0 (nurse, section 1, hired on BASE, 1 Mar) has "Once" due 30 days
    # after hiring (31 Mar: due soon now, missing from 1 Apr) and "Yearly" due within
    # 3 months (1 Jun: not yet due, due soon from 2 May). P0's next change is the earlier,
    # 1 Apr. On 2 May only people with next_change <= 2 May are recomputed; then P0's
    # Once is missing for good (no next change) and Yearly is due soon, moving again the
    # day after its deadline (2 Jun, missing).
    kept.rebuild(BASE)
    p0 = org.people[0].pk
    yearly = KeptRequirement.objects.get(employee_id=p0, competence=org.competences[1])
    assert (yearly.status, yearly.deadline) == (compliance.NOT_YET_DUE, dt.date(2025, 6, 1))
    assert KeptMember.objects.get(employee_id=p0).next_change == dt.date(2025, 4, 1)
    due = set(KeptMember.objects.filter(next_change__lte=dt.date(2025, 5, 2))
              .values_list("employee_id", flat=True))
    assert p0 in due
    assert kept.refresh(dt.date(2025, 5, 2)) == len(due)
    yearly = KeptRequirement.objects.get(employee_id=p0, competence=org.competences[1])
    assert yearly.status == compliance.DUE_SOON
    assert KeptMember.objects.get(employee_id=p0).next_change == dt.date(2025, 6, 2)
    assert KeptState.objects.get().as_of == dt.date(2025, 5, 2)


def test_commands_build_and_refresh(org, clock):
    call_command("rebuild-compliance".replace("-", "_"), today=BASE)
    assert KeptState.objects.get().as_of == BASE
    built = KeptRequirement.objects.count()
    # By hand: "Once" for all 6; "Yearly" for the nurses P0, P2, P4 and section 3's P2, P5
    # (4 people); "Ward" for the inpatient section 2's P1 and P4: 12 rows.
    assert built == 12 == len(expected(BASE)[0])
    call_command("refresh_compliance", today=BASE + dt.timedelta(days=200))
    clock[0] = BASE + dt.timedelta(days=200)
    check(clock[0])


def test_a_day_before_the_kept_one_is_recomputed(org, clock):
    kept.rebuild(BASE)
    earlier = BASE - dt.timedelta(days=100)
    assert not kept.ready_for(earlier)
    people = Employee.objects.all()
    assert sorted(kept.statuses(people, earlier), key=_key) == sorted(
        adapter.compliance_statuses(people, earlier), key=_key)
    # The roll-up of the day is the kept GROUP BY, equal to the recomputed one.
    units = reports.rollup_units(org.trust)
    assert reports._kept_tallies(org.trust, units) == _recomputed_tallies(org.trust, units)


def _key(status: compliance.Status) -> tuple[int, int]:
    return status.employee_id, status.competence_id


def _recomputed_tallies(top, units):
    KeptState.objects.all().delete()  # not live: the old path
    try:
        return reports._rollup_tallies(top, BASE, units)
    finally:
        kept.rebuild(BASE)


def test_admin_writes_keep_the_table_too(org, clock):
    """The admin site saves models directly and reports them (core.changes)."""
    kept.rebuild(BASE)
    RequirementRule.objects.filter(pk=org.rules[0].pk).update(active=False)
    changes.records_changed([RequirementRule.objects.get(pk=org.rules[0].pk)])
    check(BASE)
    # By hand: without "Once" (6 rows), the 4 "Yearly" and 2 "Ward" rows are left.
    assert KeptRequirement.objects.count() == 6
    done = Completion.objects.create(employee=org.people[0], competence=org.competences[1],
                                     completed_on=BASE, source="leader", status="approved")
    changes.records_changed([done])
    check(BASE)
    # Done on BASE, valid 12 months: expires 1 Mar 2026, due then: met.
    row = KeptRequirement.objects.get(employee_id=org.people[0].pk,
                                      competence=org.competences[1])
    assert (row.status, row.expires_on) == (compliance.MET, dt.date(2026, 3, 1))
