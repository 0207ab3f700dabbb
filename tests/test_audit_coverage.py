"""The audit log is complete: every read of personal data and every write leaves an event.

The URLs come from the access matrix (tests/test_access_matrix.py and tests/matrix_*.py),
so a personal-data URL added there is checked here too: every URL of the matrix is either
in PERSONAL_DATA or in NOT_PERSONAL, and each personal-data URL, read by every persona the
matrix lets in (planners never see persons), must leave an event by that user naming the
persons shown (employee ids) or, for a list that showed nobody, the filter asked for.

The world and the matrix's objects are built once for the module; each test runs in its
own transaction inside that.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import transaction

from fagkraft.audit.models import AuditEvent
from tests import test_access_matrix as matrix
from tests.personas import build_world

PLANNERS = {"planner_pia"}
PERSONAL_DATA = {
    "workforce:unit", "workforce:unit_staff_export", "workforce:employee_list",
    "workforce:employee_export", "workforce:employee",
    "audit:list", "audit:export", "auditevent-list",
    "employee-list", "employee-detail", "position-list", "position-detail",
    "approval-list", "approval-detail",
    "competence:mine", "competence:person", "competence:unit", "competence:unit_export",
    "competence:education_plan_export",
    "completion-list", "completion-detail", "plan-list", "plan-detail",
    "teacherentry-list", "teacherentry-detail", "competence-status",
    "education:mine", "education:candidate", "education:unit", "education:unit_export",
    "candidate-list", "candidate-detail", "learningactivity-list", "learningactivity-detail",
    "supervisionsession-list", "supervisionsession-detail",
    "imports:job", "competence:overview", "education:capacity",
}
# Reference data, aggregates (disclosure-controlled), forms and vacancies: no person in them.
NOT_PERSONAL = {
    "workforce:unit_vacancy_export", "workforce:vacancy_list", "workforce:vacancy_export",
    "imports:upload", "imports:history", "imports:maps", "imports:map_create", "admin:index",
    "api-root", "api-schema", "api-docs", "unit-list", "unit-detail", "unit-summary",
    "profession-list", "profession-detail", "specialty-list", "vacancy-list",
    "competence:rollup", "competence:education_plan",
    "competence:catalogue", "competence-api-root", "competence-list", "competence-detail",
    "requirementrule-list", "requirementrule-detail", "teachingpackage-list",
    "teachingpackage-detail",
    "education:pipeline", "education:pipeline_export",
    "education:templates", "education:template", "education:goal_import",
    "education-api-root", "pathwaytemplate-list", "pathwaytemplate-detail",
    "learninggoal-list", "learninggoal-detail", "education-pipeline", "education-capacity",
    "workload:study_list", "workload:study", "workload:export", "workload:study_edit",
    "workload:import", "workload:study_create", "workload-api-root", "wisnstudy-list",
    "wisnstudy-detail", "wisnstudy-results",
    "projections:list", "projections:new", "projections:compare", "projections:detail",
    "projections:document", "projections:export", "projections-api-root", "scenario-list",
    "scenario-detail", "scenario-result",
}
# The matrix's objects: a plain function, or the body of its `extra` fixture.
_matrix_extra = getattr(matrix.extra, "__wrapped__", matrix.extra)


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """The personas' world and the matrix's objects, once; rolled back after the module."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # as TestCase.setUpTestData: durable services still run
        outer.__enter__()
        try:
            world = build_world()
            yield world, _matrix_extra(world)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(built, db):
    return built[0]


@pytest.fixture
def extra(built, db):
    return built[1]


def _cases(names: set[str]):
    return [case for case in matrix.CASES if case.name in names]


def _events_since(mark: int, user: User):
    return list(AuditEvent.objects.filter(pk__gt=mark, user=user).prefetch_related("persons"))


def _mark() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_every_matrix_url_is_classified():
    names = {case.name for case in matrix.CASES}
    assert names - PERSONAL_DATA - NOT_PERSONAL == set()
    assert not PERSONAL_DATA & NOT_PERSONAL


@pytest.mark.parametrize("case", _cases(PERSONAL_DATA),
                         ids=lambda c: f"{c.name}:{sorted(c.allowed)[:2]}")
def test_reading_personal_data_leaves_an_event_naming_the_persons(case, world, extra, client):
    url = case.url(world, extra)
    missing = {}
    for persona in sorted(case.allowed - PLANNERS):
        user = world.users[persona]
        client.force_login(user)
        mark = _mark()
        status = client.get(url).status_code
        events = [event for event in _events_since(mark, user)
                  if event.action in (AuditEvent.Action.READ, AuditEvent.Action.EXPORT)]
        named = any(event.persons.all() or "filter" in event.detail for event in events)
        if status != 200 or not named:
            missing[persona] = (status, [(e.object_type, e.detail) for e in events])
        client.logout()
    assert missing == {}, url


def test_a_detail_read_names_its_person(world, extra, client):
    """Erik's completion is about Erik (pk of world.erik), read by his leader Lise."""
    client.force_login(world.users["leader_lise"])
    mark = _mark()
    client.get(f"/api/competence/completions/{extra['erik_completion'].pk}/")
    [event] = _events_since(mark, world.users["leader_lise"])
    assert [person.employee_id for person in event.persons.all()] == [world.erik.pk]
