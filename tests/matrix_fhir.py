"""Access-matrix rows for the FHIR export at /api/fhir/ (see tests/test_access_matrix.py).

Practitioner and PractitionerRole are person-level, as /api/employees/ and
/api/positions/: a planner is refused (403), others search their scope (which may be
empty) and read records in it. Organization follows /api/units/.
"""

from __future__ import annotations

from tests.matrix_support import (
    EVERYONE,
    PERSON_READERS,
    SECTION_A_READERS,
    Case,
    only,
    page,
)
from tests.personas import World

ERIK_READERS = only("employee_erik", "leader_lise", "adviser_arne", "admin_ada")

CASES: list[Case] = [
    Case("fhir-metadata", page("fhir-metadata"), EVERYONE),
    Case("fhir-practitioner-search", page("fhir-practitioner-search"), PERSON_READERS),
    Case("fhir-practitioner", page("fhir-practitioner", "erik"), ERIK_READERS),
    Case("fhir-practitionerrole-search", page("fhir-practitionerrole-search"),
         PERSON_READERS),
    Case("fhir-practitionerrole", page("fhir-practitionerrole", "erik_position"),
         ERIK_READERS),
    Case("fhir-organization-search", page("fhir-organization-search"), EVERYONE),
    Case("fhir-organization", page("fhir-organization", "section_a"), SECTION_A_READERS),
]

NOT_IN_MATRIX: set[str] = set()


def extra(world: World) -> dict:
    """Nothing beyond the world and the shared objects (erik_position)."""
    return {}
