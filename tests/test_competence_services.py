"""The competence services: approval flow, audit log, bulk import, plans, seeding."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from fagkraft.adapter import competence as adapter
from fagkraft.audit.models import AuditEvent
from fagkraft.competence import catalogue, services
from fagkraft.competence.models import (
    Competence,
    Completion,
    PlanActivity,
    RequirementRule,
)
from fagkraft.engine.compliance import MET, MISSING
from fagkraft.workforce import services as workforce
from fagkraft.workforce.models import Employee

D = dt.date
TODAY = D(2026, 6, 1)


@pytest.fixture
def course(world) -> Competence:
    competence = services.create_competence(None, code="C1", name="Course one",
                                            kind="course", validity_months=24)
    services.create_rule(None, competence=competence, deadline_days=90)
    return competence


def status_of(employee: Employee, course: Competence) -> str:
    rows = adapter.compliance_statuses(Employee.objects.filter(pk=employee.pk), TODAY, 30)
    return next(row.status for row in rows if row.competence_id == course.pk)


def events_for(obj) -> list[tuple[str, str]]:
    return list(AuditEvent.objects.filter(
        object_type=obj._meta.label_lower, object_id=str(obj.pk)
    ).order_by("id").values_list("action", "username"))


def test_employee_report_is_pending_until_a_leader_approves(world, course):
    erik_user, lise = world.users["employee_erik"], world.users["leader_lise"]
    # Hired 1 Jan 2015, deadline 1 Apr 2015, nothing done: missing.
    assert status_of(world.erik, course) == MISSING
    report = services.record_completion(
        erik_user, employee=world.erik, competence=course, completed_on=D(2026, 5, 1),
        hours=7.5, source=Completion.Source.EMPLOYEE)
    assert (report.status, report.approved_by) == (Completion.Status.PENDING, None)
    assert status_of(world.erik, course) == MISSING  # a pending report is no evidence
    services.approve_completion(lise, report)
    report.refresh_from_db()
    assert (report.status, report.approved_by) == (Completion.Status.APPROVED, lise)
    # 1 May 2026 + 24 months = 1 May 2028: met.
    assert report.expires_on == D(2028, 5, 1)
    assert status_of(world.erik, course) == MET
    assert events_for(report) == [("create", "employee_erik"), ("update", "leader_lise")]
    # Events carry Erik's trust, so his trust's adviser sees them.
    assert set(AuditEvent.objects.filter(object_id=str(report.pk),
                                         object_type="competence.completion")
               .values_list("trust_id", flat=True)) == {world.trust.pk}


def test_leader_entry_counts_at_once(world, course):
    lise = world.users["leader_lise"]
    entry = services.record_completion(lise, employee=world.kari, competence=course,
                                       completed_on=D(2025, 1, 10))
    assert (entry.status, entry.source, entry.approved_by) == ("approved", "leader", lise)
    assert status_of(world.kari, course) == MET


def test_rejected_report_stays_out(world, course):
    report = services.record_completion(
        world.users["employee_erik"], employee=world.erik, competence=course,
        completed_on=D(2026, 5, 1), source=Completion.Source.EMPLOYEE)
    services.reject_completion(world.users["leader_lise"], report, reason="Wrong course")
    report.refresh_from_db()
    assert (report.status, report.note) == ("rejected", "Wrong course")
    assert status_of(world.erik, course) == MISSING


def test_completion_in_the_future_is_refused(world, course):
    with pytest.raises(ValidationError):
        services.record_completion(None, employee=world.erik, competence=course,
                                   completed_on=dt.date.today() + dt.timedelta(days=1))
    assert not Completion.objects.exists()


def test_bulk_import_writes_once_and_skips_repeats(world, course):
    rows = [
        services.CompletionRow(world.erik, course, D(2025, 3, 1), Decimal("7.5")),
        services.CompletionRow(world.kari, course, D(2025, 3, 1)),
        services.CompletionRow(world.kari, course, D(2025, 3, 1)),  # repeated in the file
    ]
    first = services.bulk_import_completions(None, rows, via="import completions test.csv")
    assert (first.created, first.duplicates) == (2, 1)
    again = services.bulk_import_completions(None, rows)
    assert (again.created, again.duplicates) == (0, 3)
    assert Completion.objects.filter(source="import", status="approved").count() == 2
    assert AuditEvent.objects.filter(object_type="competence.completion",
                                     action="create").count() == 2


def test_bulk_import_with_a_bad_row_writes_nothing(world, course):
    rows = [services.CompletionRow(world.erik, course, D(2025, 3, 1)),
            services.CompletionRow(world.kari, course, dt.date.today() + dt.timedelta(days=3))]
    with pytest.raises(ValidationError):
        services.bulk_import_completions(None, rows)
    assert not Completion.objects.exists()


def test_plans_and_activities(world, course):
    lise = world.users["leader_lise"]
    plan = services.create_plan(lise, employee=world.erik, kind="competence", year=2026,
                                appraisal_date=D(2026, 2, 10))
    activity = services.add_activity(lise, plan, competence=course,
                                     target_date=D(2026, 9, 1))
    services.update_activity(lise, activity, status=PlanActivity.Status.DONE)
    with pytest.raises(ValidationError):  # neither a competence nor a title
        services.add_activity(lise, plan, target_date=D(2026, 10, 1))
    free = services.add_activity(lise, plan, title="Hospitering på døgnpost")
    services.delete_activity(lise, free)
    assert list(plan.activities.values_list("status", flat=True)) == ["done"]
    assert events_for(activity) == [("create", "leader_lise"), ("update", "leader_lise")]
    assert AuditEvent.objects.get(action="delete").trust_id == world.trust.pk
    with pytest.raises(ValidationError):  # one competence plan per person and year
        services.create_plan(lise, employee=world.erik, kind="competence", year=2026)


def test_teachers_and_packages(world, course):
    entry = services.add_teacher(None, employee=world.kari, competence=course,
                                 role="teacher")
    package = services.create_teaching_package(
        None, code="PK1", name="Pakke", owner_unit=world.section_a, shared=True,
        competences=[course])
    services.update_teacher(None, entry, active=False)
    assert list(package.competences.all()) == [course]
    assert events_for(entry) == [("create", "system"), ("update", "system")]


def test_seed_catalogue_is_idempotent(world):
    first = services.seed_catalogue(None)
    assert (first.competences_created, first.rules_created) == (
        len(catalogue.COMPETENCES), len(catalogue.RULES))
    assert (first.competences_created, first.rules_created) == (9, 10)
    services.update_competence(None, Competence.objects.get(code="MAP"), validity_months=24)
    second = services.seed_catalogue(None)
    assert (second.competences_created, second.rules_created) == (0, 0)
    assert Competence.objects.count() == 9 and RequirementRule.objects.count() == 10
    assert Competence.objects.get(code="MAP").validity_months == 24  # edits survive
    psy = Competence.objects.get(code="PSY-SPES-FORNYING")
    assert (psy.renewal_hours, psy.renewal_min_course_hours, psy.renewal_period_months) == (
        96, 50, 60)


def test_seeded_rules_apply_to_the_world(world):
    """Everyone needs the suicide day course and the introduction; the nurse Siri also
    needs medication competence; no one is on an inpatient or ambulant unit."""
    services.seed_catalogue(None)
    codes: dict[str, set[str]] = {}
    for row in adapter.compliance_rows(Employee.objects.all(), TODAY, 30):
        codes.setdefault(row.employee.first_name, set()).add(row.competence.code)
    assert codes == {"Erik": {"SUI-DAG", "INTRO"}, "Kari": {"SUI-DAG", "INTRO"},
                     "Siri": {"SUI-DAG", "INTRO", "LEGEMIDDEL"}, "Tor": {"SUI-DAG", "INTRO"}}


def test_psychologist_renewal_from_completions(world):
    """Erik's approved hours in the 5 years to 1 Jun 2026: 30 course + 20 conference
    (courses: 50) + 46 internal training = 96 -> met. Without the conference: 76 total,
    30 courses -> max(96 - 76, 50 - 30) = 20 short. 20 e-learning hours instead bring the
    total back to 96 but not the courses (e-learning is no course): still 20 short."""
    services.seed_catalogue(None)
    renewal = Competence.objects.get(code="PSY-SPES-FORNYING")
    kinds = {"course": "K", "conference": "C", "e_learning": "E", "internal_training": "I"}
    made = {kind: services.create_competence(None, code=code, name=code, kind=kind)
            for kind, code in kinds.items()}
    services.record_completion(None, employee=world.erik, competence=made["course"],
                               completed_on=D(2022, 5, 1), hours=30)
    services.record_completion(None, employee=world.erik, competence=made["internal_training"],
                               completed_on=D(2023, 5, 1), hours=46)
    conference = services.record_completion(None, employee=world.erik,
                                            competence=made["conference"],
                                            completed_on=D(2024, 5, 1), hours=20)
    assert adapter.specialist_renewal_for(world.erik, renewal, TODAY).met
    services.reject_completion(None, conference)
    assert adapter.specialist_renewal_for(world.erik, renewal, TODAY).hours_short == 20
    services.record_completion(None, employee=world.erik, competence=made["e_learning"],
                               completed_on=D(2024, 6, 1), hours=20)
    result = adapter.specialist_renewal_for(world.erik, renewal, TODAY)
    assert (result.total_hours, result.course_hours, result.hours_short) == (96, 30, 20)


def test_latest_approved_completion_counts(world, course):
    """Kari: 1 Feb 2022 (+24 = 1 Feb 2024, expired), 1 Mar 2025 (+24 = 1 Mar 2027, valid),
    and a pending report of 1 May 2026 that must not count -> met, expires 1 Mar 2027."""
    for day in (D(2022, 2, 1), D(2025, 3, 1)):
        services.record_completion(None, employee=world.kari, competence=course,
                                   completed_on=day)
    services.record_completion(None, employee=world.kari, competence=course,
                               completed_on=D(2026, 5, 1), source="employee")
    [row] = adapter.compliance_statuses(Employee.objects.filter(pk=world.kari.pk), TODAY, 30)
    assert (row.status, row.completed_on, row.expires_on) == (MET, D(2025, 3, 1),
                                                              D(2027, 3, 1))


def test_query_count_does_not_grow_with_people(world, course, django_assert_max_num_queries):
    # Rules, positions, validity, completions, then employees and competences: 6 queries
    # for the world's four people and for twenty more.
    with django_assert_max_num_queries(6):
        assert len(adapter.compliance_rows(Employee.objects.all(), TODAY, 30)) == 4
    for number in range(20):
        person = workforce.create_employee(None, trust=world.trust,
                                           employee_number=f"9{number:03}",
                                           first_name="Extra", last_name=f"Person {number}",
                                           birth_year=1990, profession=world.nurse)
        workforce.add_position(None, person, unit=world.section_b, fte_percent=80,
                               kind="temporary", start_date=D(2024, 1, 1))
    with django_assert_max_num_queries(6):
        assert len(adapter.compliance_rows(Employee.objects.all(), TODAY, 30)) == 24
