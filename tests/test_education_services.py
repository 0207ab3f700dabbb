"""The education services keep the rules that span records: who may sign, what must be
signed before a goal is approved, which supervisor a session may be logged for."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from fagkraft.audit.models import AuditEvent
from fagkraft.education import services
from fagkraft.education.models import GoalApproval, LearningGoal, PathwayTemplate
from tests.education_support import lis_candidate


@pytest.fixture
def kari(world):
    return lis_candidate(world)


def _goal(candidate) -> LearningGoal:
    return services.goals_of(candidate.template).first()


def test_the_templates_hold_the_psychologist_rules(world):
    services.seed_templates(None)
    psy = PathwayTemplate.objects.get(code="psy-bu")
    parts = [(p.code, p.practice_years, p.supervision_hours, p.course_hours)
             for p in psy.parts.order_by("order")]
    assert parts == [("felles", 1, 60, 96), ("obligatorisk", 3, 120, 96),
                     ("valgfritt", 1, 60, 64)]
    assert (psy.min_supervisors, psy.min_relationship_hours, psy.min_individual_hours,
            psy.supervision_minutes_per_hour, psy.course_share_in_practice,
            psy.written_work_required) == (2, 40, 40, 45, 0.5, True)
    # Seeding twice adds nothing.
    assert services.seed_templates(None).templates == 0


def test_goals_of_lis3_include_the_common_goals(kari):
    # 12 example goals of LIS3 BUP + 6 common ones, all marked EKSEMPEL.
    goals = list(services.goals_of(kari.template))
    assert len(goals) == 18
    assert all(goal.text.startswith("EKSEMPEL") for goal in goals)


def test_assigned_supervisor_signs(kari, world):
    activity = services.add_activity(None, kari, goal=_goal(kari), title="Samtale",
                                     done_on=dt.date(2024, 3, 1))
    signed = services.sign_activity(None, activity, supervisor=world.erik)
    assert signed.signed and signed.signed_by == world.erik
    assert AuditEvent.objects.filter(object_type="education.learningactivity",
                                     action="update").exists()


def test_someone_not_assigned_cannot_sign(kari, world):
    activity = services.add_activity(None, kari, goal=_goal(kari), title="Samtale",
                                     done_on=dt.date(2024, 3, 1))
    with pytest.raises(ValidationError):
        services.sign_activity(None, activity, supervisor=world.siri)


def test_an_ended_assignment_gives_no_right_to_sign(kari, world):
    assignment = kari.supervisors.get()
    assignment.end_date = dt.date(2024, 6, 30)
    assignment.save()
    activity = services.add_activity(None, kari, goal=_goal(kari), title="Samtale",
                                     done_on=dt.date(2024, 3, 1))
    with pytest.raises(ValidationError):
        services.sign_activity(None, activity, supervisor=world.erik)
    # ... but supervision held while assigned can still be logged.
    part = kari.template.parts.get()
    services.log_session(None, kari, supervisor=world.erik, part=part,
                         held_on=dt.date(2024, 5, 1), minutes=60)
    with pytest.raises(ValidationError):
        services.log_session(None, kari, supervisor=world.erik, part=part,
                             held_on=dt.date(2024, 7, 1), minutes=60)


def test_a_goal_needs_a_signed_activity_before_approval(kari, world):
    goal = _goal(kari)
    activity = services.add_activity(None, kari, goal=goal, title="Samtale",
                                     done_on=dt.date(2024, 3, 1))
    with pytest.raises(ValidationError):
        services.approve_goal(None, kari, goal)
    services.sign_activity(None, activity, supervisor=world.erik)
    approval = services.approve_goal(None, kari, goal)
    assert GoalApproval.objects.get(candidate=kari, goal=goal) == approval
    # Approving twice keeps the first approval.
    assert services.approve_goal(None, kari, goal) == approval


def test_goals_and_parts_of_other_pathways_are_refused(kari, world):
    other = PathwayTemplate.objects.get(code="psy-bu")
    with pytest.raises(ValidationError):
        services.add_course(None, kari, part=other.parts.first(), title="Kurs", hours=8,
                            held_on=dt.date(2024, 3, 1))
    lis1_goal = LearningGoal.objects.filter(template__code="lis1").first()
    with pytest.raises(ValidationError):
        services.add_activity(None, kari, goal=lis1_goal, title="Samtale",
                              done_on=dt.date(2024, 3, 1))


def test_a_candidate_cannot_supervise_themself(kari, world):
    with pytest.raises(ValidationError):
        services.assign_supervisor(None, kari, supervisor=world.kari,
                                   start_date=dt.date(2024, 1, 1))
