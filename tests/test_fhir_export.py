"""The FHIR export (/api/fhir/): Erik's resources field by field, the searchset Bundles by
unit and by HPR number, the access scope, and an audit event per read.

Erik Ansatt (tests/personas.py) gets, for this module: HPR number 1234567; besides his
permanent 100 % position in BUP Nord (NV-BUP-A) from 01.01.2015, an earlier temporary
80 % position there from 01.08.2012 to 31.12.2014; besides his child-psychology approval
(PS-BU, 01.06.2019, open), an adult-psychology approval (PS-VO) from 01.01.2016 valid
until 01.01.2021.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from fagkraft.audit.models import AuditEvent
from fagkraft.engine import fhir_mapping as mapping
from fagkraft.workforce import services
from fagkraft.workforce.models import Position
from tests.personas import build_world

HPR = "urn:oid:2.16.578.1.12.4.1.4.4"
CATEGORY = "urn:oid:2.16.578.1.12.4.1.1.9060"
SPECIALTY = "urn:oid:2.16.578.1.12.4.1.1.7426"
FHIR_JSON = "application/fhir+json"


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    """The personas' world plus Erik's extra history, once; rolled back after the module."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer._from_testcase = True  # as TestCase.setUpTestData: durable services still run
        outer.__enter__()
        try:
            world = build_world()
            services.update_employee(None, world.erik, hpr_number="1234567")
            earlier = services.add_position(
                None, world.erik, unit=world.section_a, fte_percent=80, kind="temporary",
                start_date=dt.date(2012, 8, 1), end_date=dt.date(2014, 12, 31),
                leaving_reason="end_of_contract")
            adult = services.create_specialty(None, code="PS-VO", name="Voksenpsykologi",
                                              profession=world.psychologist)
            services.add_approval(None, world.erik, specialty=adult,
                                  approved_on=dt.date(2016, 1, 1),
                                  valid_until=dt.date(2021, 1, 1))
            current = Position.objects.get(employee=world.erik, start_date=dt.date(2015, 1, 1))
            yield world, {"earlier": earlier, "current": current}
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def world(built, db):
    return built[0]


@pytest.fixture
def positions(built, db):
    return built[1]


def _get(client, world, persona: str, url: str):
    client.force_login(world.users[persona])
    response = client.get(url)
    client.logout()
    return response


def _events(user, since: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pk__gt=since, user=user,
                                          action=AuditEvent.Action.READ)
                .prefetch_related("persons"))


def _mark() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_erik_as_practitioner_field_by_field(world, client):
    response = _get(client, world, "leader_lise", f"/api/fhir/Practitioner/{world.erik.pk}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(FHIR_JSON)
    body = response.json()
    assert body["resourceType"] == "Practitioner"
    assert body["id"] == str(world.erik.pk)
    assert body["meta"]["profile"] == [
        "http://hl7.no/fhir/StructureDefinition/no-basis-Practitioner"]
    assert body["identifier"] == [{"use": "official", "system": HPR, "value": "1234567"}]
    assert body["name"] == [{"use": "official", "family": "Ansatt", "given": ["Erik"],
                             "text": "Erik Ansatt"}]
    assert body["active"] is True  # the 2015 position is open
    # Category PS (psychologist), then approvals oldest first, each with its period.
    assert body["qualification"] == [
        {"code": {"coding": [{"system": CATEGORY, "code": "PS"}], "text": "Psykolog"}},
        {"code": {"coding": [{"system": SPECIALTY, "code": "PS-VO"}],
                  "text": "Voksenpsykologi"},
         "period": {"start": "2016-01-01", "end": "2021-01-01"}},
        {"code": {"coding": [{"system": SPECIALTY, "code": "PS-BU"}],
                  "text": "Barne- og ungdomspsykologi"},
         "period": {"start": "2019-06-01"}},
    ]
    assert "birthDate" not in body and "gender" not in body  # data minimisation


def test_erik_positions_as_practitioner_roles_field_by_field(world, positions, client):
    current = _get(client, world, "leader_lise",
                   f"/api/fhir/PractitionerRole/{positions['current'].pk}").json()
    earlier = _get(client, world, "leader_lise",
                   f"/api/fhir/PractitionerRole/{positions['earlier'].pk}").json()
    for role in (current, earlier):
        assert role["resourceType"] == "PractitionerRole"
        assert role["meta"]["profile"] == [
            "http://hl7.no/fhir/StructureDefinition/no-basis-PractitionerRole"]
        assert role["practitioner"] == {"reference": f"Practitioner/{world.erik.pk}",
                                        "display": "Erik Ansatt"}
        assert role["organization"] == {"reference": f"Organization/{world.section_a.pk}",
                                        "display": "BUP Nord"}
        assert role["code"] == [{"text": "Psykolog"}]
    assert current["id"] == str(positions["current"].pk)
    assert current["period"] == {"start": "2015-01-01"}
    assert current["active"] is True
    assert current["extension"] == [{"url": mapping.SHARE_EXTENSION, "valueQuantity": {
        "value": 100.0, "unit": "%", "system": "http://unitsofmeasure.org", "code": "%"}}]
    assert earlier["period"] == {"start": "2012-08-01", "end": "2014-12-31"}
    assert earlier["active"] is False
    assert earlier["extension"][0]["valueQuantity"]["value"] == 80.0


def test_the_unit_as_organization(world, client):
    body = _get(client, world, "leader_lise",
                f"/api/fhir/Organization/{world.section_a.pk}").json()
    assert body["identifier"] == [{"system": mapping.UNIT_CODE_SYSTEM, "value": "NV-BUP-A"}]
    assert body["name"] == "BUP Nord"
    assert body["partOf"] == {"reference": f"Organization/{world.department.pk}",
                              "display": "BUP-avdelingen"}
    # The planner opens units (aggregates), not people.
    assert _get(client, world, "planner_pia",
                f"/api/fhir/Organization/{world.section_a.pk}").status_code == 200


def test_search_by_hpr_number(world, client):
    url = f"/api/fhir/Practitioner?identifier={HPR}|1234567"
    body = _get(client, world, "adviser_arne", url).json()
    assert body["resourceType"] == "Bundle" and body["type"] == "searchset"
    assert body["total"] == 1
    (entry,) = body["entry"]
    assert entry["resource"]["id"] == str(world.erik.pk)
    assert entry["fullUrl"] == f"http://testserver/api/fhir/Practitioner/{world.erik.pk}"
    assert entry["search"] == {"mode": "match"}
    # The number alone (any system) finds him; another system finds nobody.
    assert _get(client, world, "adviser_arne",
                "/api/fhir/Practitioner?identifier=1234567").json()["total"] == 1
    other = _get(client, world, "adviser_arne",
                 "/api/fhir/Practitioner?identifier=urn:oid:1.2.3|1234567").json()
    assert other["total"] == 0 and "entry" not in other
    # Sara (the other trust's adviser) gets the same empty answer as for an unknown number.
    assert _get(client, world, "adviser_sara", url).json()["total"] == 0


def test_search_by_unit_takes_the_subtree(world, client):
    def ids(persona: str, url: str) -> set[str]:
        return {entry["resource"]["id"]
                for entry in _get(client, world, persona, url).json().get("entry", [])}

    # NV-BUP holds sections A (Erik, Kari) and B (Siri).
    department = {str(world.erik.pk), str(world.kari.pk), str(world.siri.pk)}
    assert ids("adviser_arne", "/api/fhir/Practitioner?organization=NV-BUP") == department
    assert ids("adviser_arne", "/api/fhir/Practitioner?organization=NV-BUP-A") == {
        str(world.erik.pk), str(world.kari.pk)}
    # Roles: Erik's two, Kari's one and Siri's one in the department.
    roles = _get(client, world, "adviser_arne",
                 "/api/fhir/PractitionerRole?organization=NV-BUP").json()
    assert roles["total"] == 4
    assert {entry["resource"]["practitioner"]["reference"] for entry in roles["entry"]} == {
        f"Practitioner/{pk}" for pk in department}
    assert _get(client, world, "adviser_arne",
                "/api/fhir/PractitionerRole?organization=NO-SUCH").json()["total"] == 0


def test_paging_links(world, client):
    body = _get(client, world, "admin_ada", "/api/fhir/Practitioner?_count=2").json()
    assert body["total"] == 4 and len(body["entry"]) == 2  # Erik, Kari, Siri, Tor
    links = {link["relation"]: link["url"] for link in body["link"]}
    assert links["next"] == "http://testserver/api/fhir/Practitioner?_count=2&_offset=2"
    bad = _get(client, world, "admin_ada", "/api/fhir/Practitioner?_count=0")
    assert bad.status_code == 400
    assert bad.json()["resourceType"] == "OperationOutcome"
    unknown = _get(client, world, "admin_ada", "/api/fhir/Practitioner?name=Erik")
    assert unknown.status_code == 400


def test_leader_sees_own_unit_only(world, positions, client):
    assert _get(client, world, "leader_ola",
                f"/api/fhir/Practitioner/{world.siri.pk}").status_code == 200
    other = _get(client, world, "leader_ola", f"/api/fhir/Practitioner/{world.erik.pk}")
    missing = _get(client, world, "leader_ola", "/api/fhir/Practitioner/999999")
    assert other.status_code == missing.status_code == 404
    assert other.json() == missing.json()  # out of scope answers exactly like missing
    assert other.json()["issue"][0]["code"] == "not-found"
    assert _get(client, world, "leader_ola",
                f"/api/fhir/PractitionerRole/{positions['current'].pk}").status_code == 404
    everyone = _get(client, world, "leader_ola", "/api/fhir/Practitioner").json()
    assert [entry["resource"]["id"] for entry in everyone["entry"]] == [str(world.siri.pk)]


def test_planner_gets_no_person(world, client):
    for url in (f"/api/fhir/Practitioner/{world.erik.pk}", "/api/fhir/Practitioner",
                "/api/fhir/PractitionerRole?organization=NV-BUP"):
        response = _get(client, world, "planner_pia", url)
        assert response.status_code == 403, url  # as /api/employees/ answers a planner
        assert response.json()["resourceType"] == "OperationOutcome"


def test_every_read_is_audited(world, positions, client):
    lise = world.users["leader_lise"]
    mark = _mark()
    _get(client, world, "leader_lise", f"/api/fhir/Practitioner/{world.erik.pk}")
    (event,) = _events(lise, mark)
    assert (event.object_type, event.object_id) == ("workforce.employee", str(world.erik.pk))
    assert [person.employee_id for person in event.persons.all()] == [world.erik.pk]

    mark = _mark()
    _get(client, world, "leader_lise", f"/api/fhir/PractitionerRole/{positions['current'].pk}")
    (event,) = _events(lise, mark)
    assert event.object_type == "workforce.position"
    assert [person.employee_id for person in event.persons.all()] == [world.erik.pk]

    mark = _mark()
    _get(client, world, "leader_lise", "/api/fhir/Practitioner?organization=NV-BUP-A")
    (event,) = _events(lise, mark)  # one trust among the rows: one event
    assert event.object_type == "workforce.employee" and event.object_repr == "2"
    assert {person.employee_id for person in event.persons.all()} == {
        world.erik.pk, world.kari.pk}
    assert event.detail["filter"] == {"organization": ["NV-BUP-A"]}

    mark = _mark()
    _get(client, world, "leader_lise", f"/api/fhir/Practitioner?identifier={HPR}|000000")
    (event,) = _events(lise, mark)  # an empty answer is logged with what was asked
    assert event.object_repr == "0"
    assert event.detail["filter"] == {"identifier": [f"{HPR}|000000"]}


def test_metadata(world, client):
    body = _get(client, world, "employee_erik", "/api/fhir/metadata").json()
    assert body["resourceType"] == "CapabilityStatement"
    assert body["fhirVersion"] == "4.0.1"
    assert [resource["type"] for resource in body["rest"][0]["resource"]] == [
        "Practitioner", "PractitionerRole", "Organization"]


def test_the_mapping_validates_through_fhir_resources():
    """fhir.resources checks R4's rules as a resource is built, not when it is sent: a code
    may hold no leading or trailing blank ("PS " from a sloppy import), a name part no
    empty string."""
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="qualification.0.code.coding.0.code"):
        mapping.practitioner(mapping.PractitionerRecord(id=7, given="Test", family="Person",
                                                        category_code="PS "))
    with pytest.raises(ValidationError, match="name.0.given.0"):
        mapping.practitioner(mapping.PractitionerRecord(id=7, given="", family="Person"))


def test_plain_json_on_request_and_queries_do_not_grow_with_rows(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.users["admin_ada"])
    response = client.get("/api/fhir/PractitionerRole", HTTP_ACCEPT="application/json")
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["total"] == 5  # Erik 2, Kari, Siri, Tor

    def queries(url: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    # One row or every row of one trust (Arne's: 3 people, 4 positions): the same queries
    # (select_related/prefetch, none per row; the audit log writes one event per trust).
    client.force_login(world.users["adviser_arne"])
    for kind in ("Practitioner", "PractitionerRole"):
        assert queries(f"/api/fhir/{kind}?_count=1") == queries(f"/api/fhir/{kind}?_count=4")
