"""Plain register records as FHIR R4 resources, per HL7 Norway's basis profiles (no-basis).

No Django here: the adapter (fagkraft.adapter.fhir) reads the querysets into the records
below, and this module turns them into fhir.resources R4B models, which validate every
field as they are built (R4B's Practitioner, PractitionerRole, Organization and Bundle
are R4's, field for field).

What goes where (docs/api.md, "FHIR export"):
- Practitioner: the HPR number as identifier (system urn:oid:2.16.578.1.12.4.1.4.4), the
  official name, the health-personnel category (Profession.hpr_category, code system
  urn:oid:2.16.578.1.12.4.1.1.9060) and each specialist approval (code system
  urn:oid:2.16.578.1.12.4.1.1.7426, with its period) as a qualification. Birth date and
  sex are left out: a competence export does not need them (data minimisation).
- PractitionerRole: one per position, with the unit as Organization, the position's
  period and its share of full time as the extension SHARE_EXTENSION (valueQuantity in
  percent, UCUM "%"). PractitionerRole.code would be bound to 2.16.578.1.12.4.1.1.9034
  and specialty to 2.16.578.1.12.4.1.1.8451; the register holds neither code, so code
  carries the profession as text only and specialty is left out rather than guessed.
- Organization: one per unit, the unit code as identifier (UNIT_CODE_SYSTEM: the units
  have no organisation number in the register), partOf the parent unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.capabilitystatement import CapabilityStatement
from fhir.resources.R4B.organization import Organization
from fhir.resources.R4B.practitioner import Practitioner
from fhir.resources.R4B.practitionerrole import PractitionerRole
from fhir.resources.R4B.resource import Resource

HPR_SYSTEM = "urn:oid:2.16.578.1.12.4.1.4.4"
HEALTH_PERSONNEL_CATEGORY_SYSTEM = "urn:oid:2.16.578.1.12.4.1.1.9060"
SPECIALTY_SYSTEM = "urn:oid:2.16.578.1.12.4.1.1.7426"
UNIT_CODE_SYSTEM = "urn:fagkraft:unit-code"
SHARE_EXTENSION = "urn:fagkraft:fhir:StructureDefinition:position-share"
UCUM = "http://unitsofmeasure.org"
PROFILE = "http://hl7.no/fhir/StructureDefinition/no-basis-{}"
ORGANIZATION_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/organization-type"


@dataclass(frozen=True)
class UnitRecord:
    id: int
    code: str
    name: str
    parent_id: int | None = None
    parent_name: str = ""


@dataclass(frozen=True)
class ApprovalRecord:
    code: str
    name: str
    start: dt.date
    end: dt.date | None  # ended_on, else valid_until, else open


@dataclass(frozen=True)
class PractitionerRecord:
    id: int
    given: str
    family: str
    hpr_number: str = ""
    category_code: str = ""  # Profession.hpr_category
    profession_name: str = ""
    approvals: Sequence[ApprovalRecord] = field(default_factory=tuple)
    active: bool = True


@dataclass(frozen=True)
class RoleRecord:
    id: int
    practitioner_id: int
    practitioner_name: str
    unit_id: int
    unit_name: str
    start: dt.date
    end: dt.date | None
    fte_percent: Decimal
    profession_name: str = ""


def _meta(kind: str) -> dict[str, Any]:
    return {"profile": [PROFILE.format(kind)]}


def _period(start: dt.date, end: dt.date | None) -> dict[str, str]:
    period = {"start": start.isoformat()}
    if end is not None:
        period["end"] = end.isoformat()
    return period


def organization(unit: UnitRecord) -> Organization:
    data: dict[str, Any] = {
        "id": str(unit.id),
        "meta": _meta("Organization"),
        "identifier": [{"system": UNIT_CODE_SYSTEM, "value": unit.code}],
        "active": True,
        "type": [{"coding": [{"system": ORGANIZATION_TYPE_SYSTEM, "code": "dept"}]}],
        "name": unit.name,
    }
    if unit.parent_id is not None:
        data["partOf"] = {"reference": f"Organization/{unit.parent_id}",
                          "display": unit.parent_name or None}
    return Organization.model_validate(data)


def practitioner(person: PractitionerRecord) -> Practitioner:
    data: dict[str, Any] = {
        "id": str(person.id),
        "meta": _meta("Practitioner"),
        "active": person.active,
        "name": [{"use": "official", "family": person.family, "given": [person.given],
                  "text": f"{person.given} {person.family}"}],
    }
    if person.hpr_number:
        data["identifier"] = [{"use": "official", "system": HPR_SYSTEM,
                               "value": person.hpr_number}]
    qualifications: list[dict[str, Any]] = []
    if person.category_code:
        qualifications.append({"code": {
            "coding": [{"system": HEALTH_PERSONNEL_CATEGORY_SYSTEM,
                        "code": person.category_code}],
            "text": person.profession_name or None}})
    for approval in person.approvals:
        qualifications.append({
            "code": {"coding": [{"system": SPECIALTY_SYSTEM, "code": approval.code}],
                     "text": approval.name},
            "period": _period(approval.start, approval.end)})
    if qualifications:
        data["qualification"] = qualifications
    return Practitioner.model_validate(data)


def practitioner_role(role: RoleRecord, today: dt.date) -> PractitionerRole:
    active = role.start <= today and (role.end is None or role.end >= today)
    data: dict[str, Any] = {
        "id": str(role.id),
        "meta": _meta("PractitionerRole"),
        "extension": [{"url": SHARE_EXTENSION, "valueQuantity": {
            "value": role.fte_percent, "unit": "%", "system": UCUM, "code": "%"}}],
        "active": active,
        "period": _period(role.start, role.end),
        "practitioner": {"reference": f"Practitioner/{role.practitioner_id}",
                         "display": role.practitioner_name},
        "organization": {"reference": f"Organization/{role.unit_id}",
                         "display": role.unit_name},
    }
    if role.profession_name:
        data["code"] = [{"text": role.profession_name}]
    return PractitionerRole.model_validate(data)


def searchset(resources: Sequence[Resource], *, base_url: str, self_url: str, total: int,
              next_url: str | None = None) -> Bundle:
    """A searchset Bundle of the resources found; `total` counts every match, not a page."""
    links = [{"relation": "self", "url": self_url}]
    if next_url is not None:
        links.append({"relation": "next", "url": next_url})
    entries = [{"fullUrl": f"{base_url}{resource.get_resource_type()}/{resource.id}",
                "resource": resource, "search": {"mode": "match"}}
               for resource in resources]
    return Bundle.model_validate({"type": "searchset", "total": total, "link": links,
                                  "entry": entries or None})


def as_json(resource: Resource) -> dict[str, Any]:
    """The resource as FHIR JSON (no empty elements), ready for a JSON renderer."""
    return resource.model_dump(mode="json", by_alias=True, exclude_none=True)


# Search parameters this server answers, per resource type (its CapabilityStatement).
SEARCH_PARAMS: dict[str, tuple[tuple[str, str], ...]] = {
    "Practitioner": (("identifier", "token"), ("organization", "string")),
    "PractitionerRole": (("organization", "string"), ("practitioner", "reference")),
    "Organization": (("identifier", "token"),),
}


def capability_statement(today: dt.date) -> CapabilityStatement:
    resources = [
        {"type": kind, "profile": PROFILE.format(kind),
         "interaction": [{"code": "read"}, {"code": "search-type"}],
         "searchParam": [{"name": name, "type": kind_of} for name, kind_of in params]}
        for kind, params in SEARCH_PARAMS.items()]
    return CapabilityStatement.model_validate({
        "status": "active", "date": today.isoformat(), "kind": "instance",
        "fhirVersion": "4.0.1", "format": ["application/fhir+json"],
        "implementation": {"description": "Fagkraft read-only FHIR export"},
        "rest": [{"mode": "server", "resource": resources}]})
