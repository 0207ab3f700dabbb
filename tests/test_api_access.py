"""REST API access: every endpoint as every persona, who gets 200/403 and which rows.

Expected rows come from the persona world (tests/personas.py):
  NVHF: NV-BUP-A (Erik psychologist + specialist, Kari doctor), NV-BUP-B (Siri nurse)
  SSHF: SS-DPS-A (Tor social worker)
plus three vacancies opened below, one in each section. Every person holds one position.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from fagkraft.workforce import services

ALL_UNITS = {"TST", "NVHF", "NV-PHBU", "NV-BUP", "NV-BUP-A", "NV-BUP-B",
             "SSHF", "SS-PHV", "SS-DPS", "SS-DPS-A"}
NVHF_UNITS = {"NVHF", "NV-PHBU", "NV-BUP", "NV-BUP-A", "NV-BUP-B"}
SSHF_UNITS = {"SSHF", "SS-PHV", "SS-DPS", "SS-DPS-A"}
FORBIDDEN = 403

# persona -> endpoint -> expected identifiers (unit codes / first names), or 403.
EXPECTED: dict[str, dict[str, set[str] | int]] = {
    "employee_erik": {
        "units": set(), "employees": {"Erik"}, "positions": {"Erik"}, "approvals": {"Erik"},
        "vacancies": set(), "audit-events": FORBIDDEN,
    },
    "leader_lise": {
        "units": {"NV-BUP-A"}, "employees": {"Erik", "Kari"}, "positions": {"Erik", "Kari"},
        "approvals": {"Erik"}, "vacancies": {"NV-BUP-A"}, "audit-events": FORBIDDEN,
    },
    "leader_ola": {
        "units": {"NV-BUP-B"}, "employees": {"Siri"}, "positions": {"Siri"},
        "approvals": set(), "vacancies": {"NV-BUP-B"}, "audit-events": FORBIDDEN,
    },
    "adviser_arne": {
        "units": NVHF_UNITS, "employees": {"Erik", "Kari", "Siri"},
        "positions": {"Erik", "Kari", "Siri"}, "approvals": {"Erik"},
        "vacancies": {"NV-BUP-A", "NV-BUP-B"}, "audit-events": 200,
    },
    "adviser_sara": {
        "units": SSHF_UNITS, "employees": {"Tor"}, "positions": {"Tor"}, "approvals": set(),
        "vacancies": {"SS-DPS-A"}, "audit-events": 200,
    },
    # Planners see aggregates only: person endpoints refuse them, units and vacancies don't.
    "planner_pia": {
        "units": ALL_UNITS, "employees": FORBIDDEN, "positions": FORBIDDEN,
        "approvals": FORBIDDEN, "vacancies": {"NV-BUP-A", "NV-BUP-B", "SS-DPS-A"},
        "audit-events": FORBIDDEN,
    },
    "admin_ada": {
        "units": ALL_UNITS, "employees": {"Erik", "Kari", "Siri", "Tor"},
        "positions": {"Erik", "Kari", "Siri", "Tor"}, "approvals": {"Erik"},
        "vacancies": {"NV-BUP-A", "NV-BUP-B", "SS-DPS-A"}, "audit-events": 200,
    },
}
CASES = [(persona, endpoint, expected) for persona, endpoints in EXPECTED.items()
         for endpoint, expected in endpoints.items()]


@pytest.fixture
def vacancies(world):
    for unit, profession in [(world.section_a, world.psychologist),
                             (world.section_b, world.doctor),
                             (world.other_section, world.nurse)]:
        services.open_vacancy(None, unit=unit, profession=profession, fte_percent=100,
                              opened_on=dt.date(2026, 1, 5))


def identifiers(world, endpoint: str, rows: list[dict]) -> set[str]:
    """What identifies a row to a reader of this test: unit code or the person's first name."""
    people = {e.pk: e.first_name for e in (world.erik, world.kari, world.siri, world.tor)}
    if endpoint == "units":
        return {row["code"] for row in rows}
    if endpoint == "employees":
        return {row["first_name"] for row in rows}
    if endpoint in ("positions", "approvals"):
        return {people[row["employee"]] for row in rows}
    if endpoint == "vacancies":
        return {row["unit_code"] for row in rows}
    raise AssertionError(endpoint)


@pytest.mark.parametrize(("persona", "endpoint", "expected"), CASES,
                         ids=[f"{p}-{e}" for p, e, _ in CASES])
def test_list_endpoint_as_persona(world, vacancies, login, persona, endpoint, expected):
    response = login(persona).get(f"/api/{endpoint}/")
    if expected == FORBIDDEN:
        assert response.status_code == 403
        return
    assert response.status_code == 200
    if endpoint == "audit-events":
        assert response.json()["count"] > 0  # the world's own create events
        return
    assert identifiers(world, endpoint, response.json()["results"]) == expected


@pytest.mark.parametrize("persona", list(EXPECTED))
def test_professions_are_reference_data_for_every_role(world, login, persona):
    response = login(persona).get("/api/professions/")
    assert response.status_code == 200
    assert {row["code"] for row in response.json()["results"]} == {
        "psychologist", "doctor", "nurse", "social-worker"}


@pytest.mark.parametrize("endpoint", ["units", "professions", "employees", "positions",
                                      "approvals", "vacancies", "audit-events", "specialties"])
def test_anonymous_gets_403(world, client: Client, endpoint):
    assert client.get(f"/api/{endpoint}/").status_code == 403


def test_detail_outside_scope_is_404_like_a_missing_record(world, login):
    """Lise leads NV-BUP-A: Siri (NV-BUP-B) and Tor (other trust) are not hers."""
    lise = login("leader_lise")
    assert lise.get(f"/api/employees/{world.erik.pk}/").status_code == 200
    assert lise.get(f"/api/employees/{world.siri.pk}/").status_code == 404
    assert lise.get(f"/api/employees/{world.tor.pk}/").status_code == 404
    tor_position = world.tor.positions.get()
    assert lise.get(f"/api/positions/{tor_position.pk}/").status_code == 404
    assert lise.get(f"/api/units/{world.section_b.pk}/").status_code == 404


def test_employee_sees_own_record_only(world, login):
    erik = login("employee_erik")
    assert erik.get(f"/api/employees/{world.erik.pk}/").status_code == 200
    assert erik.get(f"/api/employees/{world.kari.pk}/").status_code == 404


def test_planner_is_refused_person_details(world, login):
    pia = login("planner_pia")
    assert pia.get(f"/api/employees/{world.erik.pk}/").status_code == 403
    assert pia.get(f"/api/units/{world.section_a.pk}/").status_code == 200


def test_employee_detail_carries_history(world, login):
    """Erik: one permanent 100 % position in NV-BUP-A from 01.01.2015, one approval PS-BU."""
    data = login("adviser_arne").get(f"/api/employees/{world.erik.pk}/").json()
    assert data["employee_number"] == "1001"
    assert data["profession_code"] == "psychologist"
    assert data["positions"] == [{
        "id": world.erik.positions.get().pk, "employee": world.erik.pk,
        "unit": world.section_a.pk, "unit_code": "NV-BUP-A", "fte_percent": 100.0,
        "kind": "permanent", "start_date": "2015-01-01", "end_date": None,
        "leaving_reason": "",
    }]
    assert [a["specialty_code"] for a in data["approvals"]] == ["PS-BU"]


def test_writes_are_not_allowed(world, login):
    admin = login("admin_ada")
    assert admin.post("/api/employees/", {"first_name": "Ny"}).status_code == 405
    assert admin.delete(f"/api/employees/{world.erik.pk}/").status_code == 405


def test_browsable_api_lists_no_names_outside_scope(world, login):
    """The browsable API's filter form would list every employee in its select boxes."""
    html = login("leader_lise").get("/api/positions/", HTTP_ACCEPT="text/html")
    assert html.status_code == 200
    text = html.content.decode()
    assert "NV-BUP-A" in text  # the unit code of her own staff's positions
    assert "Terapeut" not in text and "Sykepleier" not in text
