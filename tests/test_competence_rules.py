"""Requirements derived from rules and positions (through the adapter, on the database).

World (tests/personas.py), everyone hired 1 Jan 2015 with one permanent position:
Erik (psychologist) and Kari (doctor) in NV-BUP-A, Siri (nurse) in NV-BUP-B, all PHBU
outpatient in Nordvik HF; Tor (social worker) in SS-DPS-A, PHV outpatient in Solstad HF.
Today is fixed at 1 Jun 2026; due soon = 30 days.
"""

from __future__ import annotations

import datetime as dt

import pytest

from fagkraft.adapter import competence as adapter
from fagkraft.competence import services
from fagkraft.competence.models import Competence
from fagkraft.engine.compliance import DUE_SOON, MISSING, NOT_YET_DUE, OVERDUE
from fagkraft.workforce import services as workforce
from fagkraft.workforce.models import Employee, Unit

D = dt.date
TODAY = D(2026, 6, 1)
HIRED = D(2015, 1, 1)


@pytest.fixture
def course(db) -> Competence:
    return services.create_competence(None, code="C1", name="Course one", kind="course")


def required(course: Competence, today: dt.date = TODAY) -> dict[str, dt.date]:
    """First name -> deadline of `course` for everyone in the register."""
    return {
        employee.first_name: requirement.deadline
        for requirement in adapter.requirements_for(Employee.objects.all(), today)
        if requirement.competence_id == course.pk
        for employee in [Employee.objects.get(pk=requirement.employee_id)]
    }


def ward(world) -> Unit:
    return workforce.create_unit(
        None, code="NV-BUP-D", name="BUP døgn", level=Unit.Level.SECTION,
        parent=world.department, service_area=Unit.ServiceArea.PHBU,
        care_level=Unit.CareLevel.INPATIENT)


def test_rule_without_criteria_applies_to_everyone_from_hiring(world, course):
    services.create_rule(None, competence=course, deadline_days=90)
    # 1 Jan 2015 + 90 days = 1 Apr 2015.
    assert required(course) == dict.fromkeys(["Erik", "Kari", "Siri", "Tor"], D(2015, 4, 1))


def test_profession_and_profession_group(world, course):
    services.create_rule(None, competence=course, profession=world.nurse)
    services.create_rule(None, competence=course, profession_group="psychologist")
    assert set(required(course)) == {"Siri", "Erik"}


def test_unit_rule_covers_its_subtree(world, course):
    services.create_rule(None, competence=course, unit=world.department)
    assert set(required(course)) == {"Erik", "Kari", "Siri"}


def test_unit_rule_on_a_section_stays_in_that_section(world, course):
    services.create_rule(None, competence=course, unit=world.section_a)
    assert set(required(course)) == {"Erik", "Kari"}


def test_service_area(world, course):
    services.create_rule(None, competence=course, service_area="phv")
    assert set(required(course)) == {"Tor"}


def test_care_level_and_deadline_from_moving_in(world, course):
    """Kari moves into an inpatient ward on 1 May 2026: the ward rule counts from then,
    a rule for everyone still counts from her hiring (the positions are unbroken)."""
    inpatient = services.create_competence(None, code="C2", name="Ward course", kind="course")
    services.create_rule(None, competence=inpatient, care_level="inpatient", deadline_days=90)
    services.create_rule(None, competence=course, deadline_days=90)
    workforce.move_employee(None, world.kari.positions.get(), to_unit=ward(world),
                            on=D(2026, 5, 1))
    # 1 May 2026 + 90 days = 30 Jul 2026.
    assert required(inpatient) == {"Kari": D(2026, 7, 30)}
    assert required(course)["Kari"] == D(2015, 4, 1)


def test_position_kind(world, course):
    services.create_rule(None, competence=course, position_kind="education", deadline_days=60)
    lis = workforce.create_employee(None, trust=world.trust, employee_number="1009",
                                    first_name="Lars", last_name="Lis", birth_year=1995,
                                    profession=world.doctor)
    workforce.add_position(None, lis, unit=world.section_a, fte_percent=100, kind="education",
                           start_date=D(2026, 3, 2))
    # 2 Mar 2026 + 60 days = 1 May 2026.
    assert required(course) == {"Lars": D(2026, 5, 1)}


def test_combined_criteria_must_all_match(world, course):
    # Doctors in section A: Kari. Erik is in section A but a psychologist; no doctor
    # elsewhere.
    services.create_rule(None, competence=course, profession_group="doctor",
                         unit=world.section_a, service_area="phbu", care_level="outpatient",
                         position_kind="permanent")
    assert set(required(course)) == {"Kari"}


def test_leavers_and_inactive_rules_give_no_requirements(world, course):
    services.create_rule(None, competence=course)
    services.create_rule(None, competence=services.create_competence(
        None, code="OFF", name="Retired rule", kind="course"), active=False)
    workforce.end_position(None, world.siri.positions.get(), end_date=D(2026, 5, 31),
                           reason="resigned")
    assert set(required(course)) == {"Erik", "Kari", "Tor"}
    assert {r.competence_id for r in adapter.requirements_for(Employee.objects.all(), TODAY)} \
        == {course.pk}


def test_rejoining_after_a_gap_restarts_the_clock(world, course):
    services.create_rule(None, competence=course, deadline_days=90)
    workforce.end_position(None, world.tor.positions.get(), end_date=D(2020, 12, 31),
                           reason="resigned")
    workforce.add_position(None, world.tor, unit=world.other_section, fte_percent=50,
                           kind="temporary", start_date=D(2026, 4, 1))
    # Back on 1 Apr 2026: + 90 days = 30 Jun 2026.
    assert required(course)["Tor"] == D(2026, 6, 30)


def test_person_moving_to_stricter_unit_goes_from_not_yet_due_to_missing(world):
    """MAP on inpatient units within 90 days, valid 12 months. Kari had MAP on 1 Mar 2020
    (expired 1 Mar 2021); Siri never had it. Both move into the ward on 1 May 2026, so
    both must hold MAP by 30 Jul 2026."""
    map_course = services.create_competence(None, code="MAP", name="MAP", kind="course",
                                            validity_months=12)
    services.create_rule(None, competence=map_course, care_level="inpatient",
                         deadline_days=90)
    services.record_completion(None, employee=world.kari, competence=map_course,
                               completed_on=D(2020, 3, 1))
    unit = ward(world)
    for person in (world.kari, world.siri):
        workforce.move_employee(None, person.positions.get(), to_unit=unit, on=D(2026, 5, 1))
    people = Employee.objects.filter(pk__in=[world.kari.pk, world.siri.pk])

    def statuses(today: dt.date) -> dict[str, str]:
        return {row.employee.first_name: row.status
                for row in adapter.compliance_rows(people, today, 30)}

    # 1 Jun: 59 days left -> not yet due for both.
    assert statuses(TODAY) == {"Kari": NOT_YET_DUE, "Siri": NOT_YET_DUE}
    # 5 Jul: 25 days left -> due soon.
    assert statuses(D(2026, 7, 5)) == {"Kari": DUE_SOON, "Siri": DUE_SOON}
    # 31 Jul: past the deadline. Kari's old MAP expired -> overdue; Siri never -> missing.
    assert statuses(D(2026, 7, 31)) == {"Kari": OVERDUE, "Siri": MISSING}


def test_due_soon_window_comes_from_the_setting(world, course, settings):
    """Rule for everyone, 90 days; Lars hired 1 May 2026 -> deadline 30 Jul 2026, which is
    59 days after 1 Jun: not yet due with the default 30 days, due soon with 60."""
    services.create_rule(None, competence=course, deadline_days=90)
    lars = workforce.create_employee(None, trust=world.trust, employee_number="1010",
                                     first_name="Lars", last_name="Ny", birth_year=1999,
                                     profession=world.nurse)
    workforce.add_position(None, lars, unit=world.section_b, fte_percent=100,
                           kind="permanent", start_date=D(2026, 5, 1))
    people = Employee.objects.filter(pk=lars.pk)
    # settings.py declares the default (FAGKRAFT_COMPETENCE_DUE_SOON_DAYS, 30); a missing
    # key is a programming error now (fagkraft.core.conf.setting), not a hidden default.
    settings.FAGKRAFT = {**settings.FAGKRAFT, "COMPETENCE_DUE_SOON_DAYS": 30}
    assert adapter.due_soon_days() == 30
    assert [s.status for s in adapter.compliance_statuses(people, TODAY)] == [NOT_YET_DUE]
    settings.FAGKRAFT = {**settings.FAGKRAFT, "COMPETENCE_DUE_SOON_DAYS": 60}
    assert [s.status for s in adapter.compliance_statuses(people, TODAY)] == [DUE_SOON]
