"""The person page and the employee list: scope, and an audit event for every read."""

from __future__ import annotations

from django.urls import reverse

from fagkraft.audit.models import AuditEvent
from tests.personas import World


def person_url(employee) -> str:
    return reverse("workforce:employee", args=[employee.pk])


def test_reading_a_person_page_writes_an_audit_event(world: World, login) -> None:
    client = login("leader_lise")
    response = client.get(person_url(world.kari))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kari Lege" in html and "03.02.1960" in html and "BUP Nord" in html
    client.get(person_url(world.kari))
    reads = AuditEvent.objects.filter(action=AuditEvent.Action.READ,
                                      object_type="workforce.employee",
                                      object_id=str(world.kari.pk))
    assert reads.count() == 2
    assert reads.first().username == "leader_lise"
    assert reads.first().trust_id == world.trust.pk


def test_person_page_shows_positions_and_approvals(world: World, login) -> None:
    html = login("employee_erik").get(person_url(world.erik)).content.decode()
    assert "Barne- og ungdomspsykologi" in html and "01.06.2019" in html
    assert 'id="positions"' in html and "01.01.2015" in html


def test_employee_sees_only_self(world: World, login) -> None:
    client = login("employee_erik")
    assert client.get(person_url(world.erik)).status_code == 200
    # Out of scope answers like a record that does not exist.
    assert client.get(person_url(world.kari)).status_code == 404
    assert client.get(reverse("workforce:employee", args=[999999])).status_code == 404
    listed = client.get(reverse("workforce:employee_list"))
    names = [row.record.first_name for row in listed.context["table"].page.object_list]
    assert names == ["Erik"]


def test_out_of_scope_reads_are_refused_and_not_logged(world: World, login) -> None:
    assert login("leader_ola").get(person_url(world.erik)).status_code == 404
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.READ).exists()


def test_planner_has_no_person_pages(world: World, login) -> None:
    client = login("planner_pia")
    assert client.get(person_url(world.erik)).status_code == 403
    assert client.get(reverse("workforce:employee_list")).status_code == 403


def test_adviser_list_filters_by_profession(world: World, login) -> None:
    response = login("adviser_arne").get(reverse("workforce:employee_list"),
                                         {"profession": world.nurse.pk})
    names = [row.record.first_name for row in response.context["table"].page.object_list]
    assert names == ["Siri"]


def test_vacancy_list_for_planner_and_not_for_employee(world: World, login, client) -> None:
    assert login("planner_pia").get(reverse("workforce:vacancy_list")).status_code == 200
    client.logout()
    assert login("employee_erik").get(reverse("workforce:vacancy_list")).status_code == 403
