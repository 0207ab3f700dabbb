"""The competence API answers each persona with its own scope.

Data: everyone in the world has one completion of "Course one" and one competence plan;
leader_lise leads NV-BUP-A (Erik, Kari), leader_ola NV-BUP-B (Siri), adviser_arne trust
NVHF (Erik, Kari, Siri), adviser_sara trust SSHF (Tor).
"""

from __future__ import annotations

import datetime as dt

import pytest

from fagkraft.audit.models import AuditEvent
from fagkraft.competence import services

ALL = {"Erik", "Kari", "Siri", "Tor"}
SCOPES = {
    "employee_erik": {"Erik"},
    "leader_lise": {"Erik", "Kari"},
    "leader_ola": {"Siri"},
    "adviser_arne": {"Erik", "Kari", "Siri"},
    "adviser_sara": {"Tor"},
    "admin_ada": ALL,
}


@pytest.fixture
def data(world):
    course = services.create_competence(None, code="C1", name="Course one", kind="course",
                                        validity_months=12)
    services.create_rule(None, competence=course, deadline_days=90)
    plans = {}
    for person in (world.erik, world.kari, world.siri, world.tor):
        services.record_completion(None, employee=person, competence=course,
                                   completed_on=dt.date(2025, 1, 15))
        plans[person.first_name] = services.create_plan(
            None, employee=person, kind="competence", year=2026)
        services.add_activity(None, plans[person.first_name], competence=course)
    return {"course": course, "plans": plans, "names": {
        p.pk: p.first_name for p in (world.erik, world.kari, world.siri, world.tor)}}


def names_in(response, names: dict[int, str]) -> set[str]:
    assert response.status_code == 200, response.content
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    return {names[row["employee"]] for row in rows}


@pytest.mark.parametrize(("username", "expected"), SCOPES.items())
@pytest.mark.parametrize("endpoint", ["completions", "plans", "status"])
def test_person_endpoints_are_scoped(login, data, username, expected, endpoint):
    client = login(username)
    assert names_in(client.get(f"/api/competence/{endpoint}/"), data["names"]) == expected


@pytest.mark.parametrize("endpoint", ["completions", "plans", "teachers", "status"])
def test_planner_gets_no_person_data(login, data, endpoint):
    assert login("planner_pia").get(f"/api/competence/{endpoint}/").status_code == 403


def test_employee_never_sees_another_persons_plan(login, data):
    client = login("employee_erik")
    kari_plan = data["plans"]["Kari"]
    assert client.get(f"/api/competence/plans/{kari_plan.pk}/").status_code == 404
    own = client.get(f"/api/competence/plans/{data['plans']['Erik'].pk}/")
    assert own.status_code == 200
    assert [a["competence"] for a in own.json()["activities"]] == [data["course"].pk]
    # The read of Erik's plan is in the audit log.
    assert AuditEvent.objects.filter(action="read", object_type="competence.plan",
                                     username="employee_erik").count() == 1


def test_catalogue_and_rules_open_to_any_logged_in_user(client, login, data):
    assert client.get("/api/competence/competences/").status_code == 403  # anonymous
    for username in ("employee_erik", "planner_pia"):
        response = login(username).get("/api/competence/competences/")
        assert [row["code"] for row in response.json()["results"]] == ["C1"]
        rules = login(username).get("/api/competence/rules/")
        assert [row["deadline_days"] for row in rules.json()["results"]] == [90]


def test_status_rows_and_unit_filter(login, data, world):
    """Completed 15 Jan 2025, valid 12 months: expired 15 Jan 2026; the deadline (hiring
    1 Jan 2015 + 90 days) is long past, so for everyone it is overdue (today is later than
    15 Jan 2026 whenever this runs)."""
    client = login("adviser_arne")
    rows = client.get(f"/api/competence/status/?unit={world.section_b.pk}").json()
    assert [(data["names"][r["employee"]], r["status"], r["expires_on"]) for r in rows] == [
        ("Siri", "overdue", "2026-01-15")]


def test_completion_filters(login, data, world):
    client = login("admin_ada")
    response = client.get(f"/api/competence/completions/?unit={world.section_a.pk}")
    assert names_in(response, data["names"]) == {"Erik", "Kari"}
    assert client.get("/api/competence/completions/?status=pending").json()["count"] == 0
