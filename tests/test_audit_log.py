"""The audit log: API reads of personal data are logged; advisers read their trust's log.

World (tests/personas.py): Erik, Kari, Siri work in Nordvik HF (NVHF, adviser_arne);
Tor works in Solstad HF (SSHF, adviser_sara). Building the world writes only "create"
events, so every "read" event below comes from the requests in the test.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from fagkraft.audit.models import AuditEvent

READ = AuditEvent.Action.READ


def reads() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=READ).order_by("id"))


@pytest.mark.parametrize(("endpoint", "record"), [
    ("employees", lambda w: w.erik),
    ("positions", lambda w: w.erik.positions.get()),
    ("approvals", lambda w: w.erik.approvals.get()),
])
def test_api_detail_read_writes_who_what_when(world, login, endpoint, record):
    obj = record(world)
    before = timezone.now()
    path = f"/api/{endpoint}/{obj.pk}/"
    assert login("leader_lise").get(path).status_code == 200
    [event] = reads()
    assert event.user == world.users["leader_lise"]
    assert event.username == "leader_lise"
    assert event.object_type == obj._meta.label_lower
    assert event.object_id == str(obj.pk)
    assert event.object_repr == str(obj)
    assert event.trust == world.trust  # Erik is employed by Nordvik HF
    assert event.via == path
    assert before <= event.at <= timezone.now()


def test_refused_or_missing_detail_writes_nothing(world, login):
    assert login("leader_lise").get(f"/api/employees/{world.tor.pk}/").status_code == 404
    assert reads() == []


def test_list_read_writes_one_event_per_trust_with_the_row_count(world, login):
    """Admin lists everyone: 3 rows from NVHF (Erik, Kari, Siri) and 1 from SSHF (Tor)."""
    assert login("admin_ada").get("/api/employees/?current=true").status_code == 200
    events = reads()
    assert {(e.trust.code, e.object_repr) for e in events} == {("NVHF", "3"), ("SSHF", "1")}
    assert all(e.object_type == "workforce.employee" and e.object_id == "" for e in events)
    assert events[0].detail == {"filter": {"current": ["true"]}}
    named = {e.trust.code: set(e.persons.values_list("employee_id", flat=True)) for e in events}
    assert named == {"NVHF": {world.erik.pk, world.kari.pk, world.siri.pk},
                     "SSHF": {world.tor.pk}}


def test_list_read_counts_only_the_page_returned(world, login):
    """limit=2 returns Erik and Kari (ordered by last name: Ansatt, Lege), both in NVHF."""
    assert login("adviser_arne").get("/api/employees/?limit=2").status_code == 200
    assert [(e.trust.code, e.object_repr) for e in reads()] == [("NVHF", "2")]


def test_empty_list_is_logged_with_the_filter_that_found_nobody(world, login):
    specialty = str(world.erik.approvals.get().specialty_id)
    assert login("leader_ola").get(f"/api/approvals/?specialty={specialty}").json()["count"] == 0
    [event] = reads()  # Siri has no approval: nobody named, but the question is on record
    assert (event.object_repr, event.trust, event.detail) == (
        "0", world.trust, {"filter": {"specialty": [specialty]}})
    assert not event.persons.exists()


def test_non_person_endpoints_are_not_logged(world, login):
    pia = login("planner_pia")
    pia.get("/api/units/")
    pia.get("/api/vacancies/")
    pia.get(f"/api/units/{world.section_a.pk}/")
    assert reads() == []


def _admin_reads_erik_and_tor(login, world) -> None:
    admin = login("admin_ada")
    admin.get(f"/api/employees/{world.erik.pk}/")
    admin.get(f"/api/employees/{world.tor.pk}/")
    admin.logout()


def test_adviser_sees_own_trusts_events_only_in_the_api(world, login):
    _admin_reads_erik_and_tor(login, world)
    arne = login("adviser_arne").get("/api/audit-events/?action=read").json()
    assert [e["object_repr"] for e in arne["results"]] == ["Erik Ansatt"]
    before = AuditEvent.objects.filter(trust=world.trust).count()
    everything = login("adviser_arne").get("/api/audit-events/?limit=1000").json()
    assert everything["count"] == before  # reading the log is logged after the answer
    assert AuditEvent.objects.filter(trust=world.trust).count() == before + 1
    assert {e["trust"] for e in everything["results"]} == {world.trust.pk}
    login("adviser_arne").logout()
    sara = login("adviser_sara").get("/api/audit-events/?action=read").json()
    assert [e["object_repr"] for e in sara["results"]] == ["Tor Terapeut"]


def test_admin_sees_all_events_newest_first(world, login):
    _admin_reads_erik_and_tor(login, world)
    data = login("admin_ada").get("/api/audit-events/?action=read").json()
    assert [e["object_repr"] for e in data["results"]] == ["Tor Terapeut", "Erik Ansatt"]


def test_audit_api_filters(world, login):
    _admin_reads_erik_and_tor(login, world)
    admin = login("admin_ada")
    today = timezone.localdate().isoformat()
    by_user = admin.get("/api/audit-events/?user=ada&object_type=workforce.employee").json()
    assert by_user["count"] == 2
    # The two reads of people and the read of the log just made.
    assert admin.get(f"/api/audit-events/?action=read&date_from={today}").json()["count"] == 3
    assert admin.get("/api/audit-events/?action=read&date_to=2000-01-01").json()["count"] == 0
    by_record = admin.get(f"/api/audit-events/?action=read&object_id={world.tor.pk}").json()
    assert [e["object_repr"] for e in by_record["results"]] == ["Tor Terapeut"]


@pytest.mark.parametrize("persona", ["employee_erik", "leader_lise", "planner_pia"])
def test_audit_page_and_exports_are_403_for_other_roles(world, login, persona):
    user = login(persona)
    assert user.get("/audit/").status_code == 403
    assert user.get("/audit/export.csv").status_code == 403
    assert user.get("/api/audit-events/").status_code == 403


def test_audit_page_needs_login(world, client):
    response = client.get("/audit/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_adviser_page_shows_own_trust_only(world, login):
    _admin_reads_erik_and_tor(login, world)
    page = login("adviser_arne").get("/audit/?action=read")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Erik Ansatt" in html
    assert "Tor Terapeut" not in html


def test_page_is_paginated_newest_first(world, login):
    """60 reads of Erik: page 1 shows 50 and page 2 the 10 oldest."""
    admin = login("admin_ada")
    for _ in range(60):
        admin.get(f"/api/employees/{world.erik.pk}/")
    query = "action=read&object_type=workforce.employee"  # not the reads of the log itself
    page1 = admin.get(f"/audit/?{query}")
    page2 = admin.get(f"/audit/?{query}&page=2")
    assert page1.context["table"].paginator.count == 60
    assert len(page1.context["table"].page.object_list) == 50
    assert len(page2.context["table"].page.object_list) == 10
    newest = AuditEvent.objects.filter(action=READ, object_type="workforce.employee").latest("id")
    assert list(page1.context["table"].page.object_list)[0].record == newest


def test_csv_export_with_filters(world, login):
    _admin_reads_erik_and_tor(login, world)
    response = login("adviser_arne").get("/audit/export.csv?action=read")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 2  # header + Erik's read (Tor's is Solstad HF's)
    assert rows[1][1] == "admin_ada" and rows[1][5] == "Erik Ansatt"
    assert rows[1][6] == "Nordvik HF"
    # The export itself is logged, in the adviser's trust.
    export = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert (export.username, export.trust, export.object_repr) == (
        "adviser_arne", world.trust, "1")


def test_xlsx_export(world, login):
    _admin_reads_erik_and_tor(login, world)
    response = login("admin_ada").get("/audit/export.xlsx?action=read")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[5] for row in rows[1:]] == ["Tor Terapeut", "Erik Ansatt"]
    assert sheet.cell(row=2, column=1).number_format == "dd.mm.yyyy hh:mm:ss"


def test_export_refuses_a_bad_filter_instead_of_dropping_it(world, login):
    response = login("adviser_arne").get("/audit/export.csv?date_from=not-a-date")
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()
