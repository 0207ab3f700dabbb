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

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.db import transaction

from fagkraft.audit.models import AuditEvent
from fagkraft.education.models import SupervisionSession
from tests import test_access_matrix as matrix
from tests.personas import build_world

PLANNERS = {"planner_pia"}
PERSONAL_DATA = {
    "workforce:unit", "workforce:unit_staff_export", "workforce:unit_staff_report",
    "workforce:employee_list", "workforce:search",
    "workforce:employee_export", "workforce:employee",
    "audit:list", "audit:export", "auditevent-list",
    "employee-list", "employee-detail", "position-list", "position-detail",
    "approval-list", "approval-detail",
    "competence:mine", "competence:person", "competence:certificate", "competence:unit",
    "competence:unit_export",
    "competence:education_plan_export",
    "completion-list", "completion-detail", "plan-list", "plan-detail",
    "teacherentry-list", "teacherentry-detail", "competence-status",
    "education:mine", "education:candidate", "education:unit", "education:unit_export",
    "candidate-list", "candidate-detail", "learningactivity-list", "learningactivity-detail",
    "supervisionsession-list", "supervisionsession-detail",
    "imports:job", "competence:overview", "education:capacity",
    "fhir-practitioner-search", "fhir-practitioner", "fhir-practitionerrole-search",
    "fhir-practitionerrole",
}
# Reference data, aggregates (disclosure-controlled), forms and vacancies: no person in them.
NOT_PERSONAL = {
    "workforce:unit_vacancy_export", "workforce:vacancy_list", "workforce:vacancy_export",
    "imports:upload", "imports:history", "imports:maps", "imports:map_create", "admin:index",
    "imports:blank", "todo",
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
    "fhir-metadata", "fhir-organization-search", "fhir-organization",
    # A job's page shows its state and counts, never a person: the pages it links to log.
    "jobs:list", "jobs:detail", "projections:monte_carlo",
    # The funding programme holds no HR or competence data: the people it names act in an
    # office (project lead, partner contact, reviewer); reads of applications and reviews
    # are logged all the same (funding/views.py, funding/api/views.py).
    "funding:programme_list", "funding:programme", "funding:call",
    "funding:application_create", "funding:ranking", "funding:application",
    "funding:application_edit", "funding:report_create", "funding:decide", "funding:review",
    "funding:closeout_export", "funding:closeout_print", "funding-api-root",
    "fundingprogramme-list", "fundingprogramme-detail", "fundingcall-list",
    "fundingcall-detail", "fundingapplication-list", "fundingapplication-detail",
    "fundingreview-list", "fundingreview-detail", "fundingdecision-list",
    "fundingdecision-detail",
    "retention:unit", "retention:unit_export", "retention-unit", "retention:priority",
    "retention:priority_export", "retention:backtest", "retention:backtest_export",
    "retention-backtest", "retention-priority",
    "goals:goal_list", "goals:goal_create", "goals:indicator_add", "goals:goal",
    "goals:region", "goals:export",
    "goals-api-root", "goal-list", "goal-detail", "goal-status", "goalindicator-list",
    "goalindicator-detail", "goalindicator-status", "goalvalue-list", "goalvalue-detail",
}
# The matrix's objects, built on a world.
_matrix_extra = matrix.build_extra


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


# --- The admin: list and change views read, user and group admin write ------------------


def _personal_admin_models():
    from django.contrib import admin

    from fagkraft.audit.admin_mixins import holds_personal_data

    return sorted((model for model in admin.site._registry if holds_personal_data(model)),
                  key=lambda model: model._meta.label_lower)


@pytest.mark.parametrize("model", _personal_admin_models(), ids=lambda m: m._meta.label_lower)
def test_admin_list_and_change_views_of_personal_data_are_logged(model, world, extra, client):
    admin_ada = world.users["admin_ada"]
    client.force_login(admin_ada)
    meta = model._meta
    mark = _mark()
    assert client.get(f"/admin/{meta.app_label}/{meta.model_name}/").status_code == 200
    # One event per health trust among the rows listed.
    listed = [e for e in _events_since(mark, admin_ada) if e.object_type == meta.label_lower]
    assert listed and all(event.detail == {"filter": {}} for event in listed)
    shown = model._default_manager.order_by("pk").first()
    if shown is None:  # nothing to show: the filter (none) is on record
        assert [event.object_repr for event in listed] == ["0"]
        return
    # Accounts without an employee record (and the log's system events) name nobody.
    if meta.label_lower not in {"auth.user", "audit.auditevent"}:
        assert any(event.persons.exists() for event in listed)
    mark = _mark()
    url = f"/admin/{meta.app_label}/{meta.model_name}/{shown.pk}/change/"
    assert client.get(url).status_code == 200
    [read] = [e for e in _events_since(mark, admin_ada) if e.action == AuditEvent.Action.READ]
    assert (read.object_type, read.object_id) == (meta.label_lower, str(shown.pk))


def test_admin_employee_list_names_everyone_on_the_page(world, client):
    """The admin's employee list shows all four people: Erik, Kari, Siri and Tor."""
    client.force_login(world.users["admin_ada"])
    mark = _mark()
    client.get("/admin/workforce/employee/")
    events = _events_since(mark, world.users["admin_ada"])
    named = {person.employee_id for event in events for person in event.persons.all()}
    assert named == {world.erik.pk, world.kari.pk, world.siri.pk, world.tor.pk}


def test_admin_employee_autocomplete_is_logged(world, client):
    client.force_login(world.users["admin_ada"])
    mark = _mark()
    response = client.get("/admin/autocomplete/", {
        "term": "Terapeut", "app_label": "education", "model_name": "candidate",
        "field_name": "employee"})
    assert response.status_code == 200
    [event] = _events_since(mark, world.users["admin_ada"])
    assert event.detail == {"filter": {"term": ["Terapeut"]}}
    assert [p.employee_id for p in event.persons.all()] == [world.tor.pk]


def test_changing_a_user_in_the_user_admin_writes_an_event(world, client):
    admin_ada, ola = world.users["admin_ada"], world.users["leader_ola"]
    client.force_login(admin_ada)
    response = client.post(f"/admin/auth/user/{ola.pk}/change/", {
        "username": "leader_ola", "first_name": "Ola", "last_name": "Leder",
        "email": "ola@example.invalid", "is_active": "on",
        "date_joined_0": "2026-01-05", "date_joined_1": "08:00:00"})
    assert response.status_code == 302, response.content.decode()[:3000]
    ola.refresh_from_db()
    assert (ola.first_name, ola.last_name) == ("Ola", "Leder")
    event = AuditEvent.objects.get(action="update", object_type="auth.user")
    assert (event.username, event.object_id, event.via) == ("admin_ada", str(ola.pk), "admin")
    assert {"first_name", "last_name", "email"} <= set(event.detail["changed"])


def test_a_password_set_in_the_user_admin_writes_an_event(world, client):
    ola = world.users["leader_ola"]
    client.force_login(world.users["admin_ada"])
    response = client.post(f"/admin/auth/user/{ola.pk}/password/", {
        "password1": "ny-Passordfrase-42", "password2": "ny-Passordfrase-42"})
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="update", object_type="auth.user")
    assert (event.object_id, event.detail) == (str(ola.pk), {"changed": ["password"]})


def test_creating_and_changing_a_group_in_the_group_admin_writes_events(world, client):
    client.force_login(world.users["admin_ada"])
    assert client.post("/admin/auth/group/add/", {"name": "Rådgivere"}).status_code == 302
    group = Group.objects.get(name="Rådgivere")
    response = client.post(f"/admin/auth/group/{group.pk}/change/", {"name": "Rådgivere HF"})
    assert response.status_code == 302
    logged = AuditEvent.objects.filter(object_type="auth.group", object_id=str(group.pk))
    assert sorted(logged.values_list("action", "username")) == [
        ("create", "admin_ada"), ("update", "admin_ada")]


# --- The supervision-session admin refuses what log_session refuses ---------------------


def _session_form(extra: dict, supervisor_pk: int, held_on: str) -> dict:
    kari_lis = extra["kari_lis"]
    return {"candidate": kari_lis.pk, "supervisor": supervisor_pk,
            "part": kari_lis.template.parts.get().pk, "held_on": held_on, "minutes": 45,
            "individual": "on", "note": ""}


@pytest.mark.parametrize(("who", "held_on", "field"), [
    ("siri", "2024-03-01", "supervisor"),  # Siri was never assigned to Kari
    ("erik", "2023-12-31", "supervisor"),  # Erik's assignment starts on 1 January 2024
    ("erik", "2099-01-01", "held_on"),  # in the future
])
def test_supervision_admin_refuses_what_the_service_refuses(world, extra, client, who,
                                                            held_on, field):
    client.force_login(world.users["admin_ada"])
    before = SupervisionSession.objects.count()
    supervisor = getattr(world, who)
    response = client.post("/admin/education/supervisionsession/add/",
                           _session_form(extra, supervisor.pk, held_on))
    assert response.status_code == 200  # the form again, with the service's message
    assert field in response.context["adminform"].form.errors
    assert SupervisionSession.objects.count() == before


def test_supervision_admin_change_is_checked_too(world, extra, client):
    session = extra["session"]
    client.force_login(world.users["admin_ada"])
    response = client.post(f"/admin/education/supervisionsession/{session.pk}/change/",
                           _session_form(extra, world.siri.pk, "2024-03-01"))
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.supervisor_id == world.erik.pk


def test_supervision_admin_logs_through_the_service(world, extra, client):
    client.force_login(world.users["admin_ada"])
    response = client.post("/admin/education/supervisionsession/add/",
                           _session_form(extra, world.erik.pk, "2024-04-02"))
    assert response.status_code == 302
    created = SupervisionSession.objects.get(held_on=dt.date(2024, 4, 2))
    assert created.logged_by == world.users["admin_ada"]  # as log_session sets it
    event = AuditEvent.objects.get(action="create", object_type="education.supervisionsession",
                                   username="admin_ada")
    assert {p.employee_id for p in event.persons.all()} == {world.kari.pk, world.erik.pk}


# --- Searching the log by person and by actor; reading it is logged ---------------------


@pytest.fixture
def two_reads(world, client):
    """Admin Ada reads Erik's page, leader Lise reads Erik's and adviser Sara Tor's."""
    for persona, person in (("admin_ada", world.erik), ("leader_lise", world.erik),
                            ("adviser_sara", world.tor)):
        client.force_login(world.users[persona])
        assert client.get(f"/employees/{person.pk}/").status_code == 200
        client.logout()


def _api(client, user: User, query: str) -> list[tuple[str, str, str]]:
    client.force_login(user)
    data = client.get(f"/api/audit-events/?action=read&object_type=workforce.employee"
                      f"&limit=500&{query}").json()
    client.logout()
    return sorted((e["username"], e["object_id"], e["via"]) for e in data["results"])


def test_search_by_person(world, client, two_reads):
    erik, tor = world.erik, world.tor
    admin_ada = world.users["admin_ada"]
    assert _api(client, admin_ada, f"person={erik.pk}") == [
        ("admin_ada", str(erik.pk), f"/employees/{erik.pk}/"),
        ("leader_lise", str(erik.pk), f"/employees/{erik.pk}/")]
    assert _api(client, admin_ada, "person_name=Terapeut") == [
        ("adviser_sara", str(tor.pk), f"/employees/{tor.pk}/")]
    # Arne (Nordvik HF) sees the reads of Erik, not those of Tor (Solstad HF).
    assert _api(client, world.users["adviser_arne"], f"person={tor.pk}") == []
    assert [row[0] for row in _api(client, world.users["adviser_arne"], f"person={erik.pk}")
            ] == ["admin_ada", "leader_lise"]


def test_search_by_who_acted(world, client, two_reads):
    admin_ada, lise = world.users["admin_ada"], world.users["leader_lise"]
    assert _api(client, admin_ada, "user=lise") == [
        ("leader_lise", str(world.erik.pk), f"/employees/{world.erik.pk}/")]
    assert _api(client, admin_ada, f"actor={lise.pk}") == _api(client, admin_ada, "user=lise")


def test_the_page_searches_like_the_api(world, client, two_reads):
    client.force_login(world.users["adviser_arne"])
    response = client.get(f"/audit/?person={world.erik.pk}&user=lise&action=read"
                          "&object_type=workforce.employee")
    rows = [row.record for row in response.context["table"].page.object_list]
    assert [(event.username, event.object_id) for event in rows] == [
        ("leader_lise", str(world.erik.pk))]


@pytest.mark.parametrize("url", ["/audit/?action=read", "/api/audit-events/?action=read",
                                 "/audit/export.csv?action=read"])
def test_reading_the_audit_log_is_logged(world, client, two_reads, url):
    """Arne's log holds the two reads of Erik: reading it names Erik and the filter."""
    arne = world.users["adviser_arne"]
    client.force_login(arne)
    mark = _mark()
    response = client.get(url)
    assert response.status_code == 200
    b"".join(response.streaming_content) if response.streaming else None
    [event] = _events_since(mark, arne)
    assert (event.object_type, event.trust_id) == ("audit.auditevent", world.trust.pk)
    assert event.detail["filter"] == {"action": ["read"]}
    if "export" not in url:
        assert [p.employee_id for p in event.persons.all()] == [world.erik.pk]


# --- A record and its event in one transaction ------------------------------------------

NOT_CHECKED_HERE: set[str] = set()
# The import's write is the durable transaction inside run_import (records and their
# audit events together); commit_job only records the job's status after it.
OWN_TRANSACTION_INSIDE = {"imports.commit_job"}
WRITES = ("_create(", "_update(", ".save(", ".delete(", "record(", "record_many(",
          "bulk_create(", "create_recorded(", "update_recorded(")


def _service_writers():
    import ast
    import pathlib

    import fagkraft

    for path in sorted(pathlib.Path(fagkraft.__file__).parent.glob("*/services.py")):
        if path.parent.name in NOT_CHECKED_HERE | {"audit"}:
            continue
        for node in ast.parse(path.read_text()).body:
            if (isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
                    and any(call in ast.unparse(node) for call in WRITES)):
                yield f"{path.parent.name}.{node.name}", [
                    ast.unparse(decorator) for decorator in node.decorator_list]


def test_every_service_that_writes_runs_in_a_transaction():
    writers = dict(_service_writers())
    assert len(writers) > 50  # the check found the services
    # A service that only reads (it names .save in a docstring or a helper) is listed here.
    reads_only = {"competence.existing_completion_keys"} | OWN_TRANSACTION_INSIDE
    outside = {name for name, decorators in writers.items() if name not in reads_only
               and not any(d.startswith("transaction.atomic") for d in decorators)}
    assert outside == set()


def test_a_record_and_its_event_are_written_together(world, extra):
    """move_employee ends Siri's position, then refuses a unit in another trust (Solstad
    HF's section): the ended position and its event are rolled back together."""
    from django.core.exceptions import ValidationError

    from fagkraft.workforce import services

    position = world.siri.positions.get()
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        services.move_employee(None, position, to_unit=world.other_section,
                               on=dt.date(2026, 1, 1))
    position.refresh_from_db()
    assert (position.end_date, AuditEvent.objects.count()) == (None, before)
