"""Access-matrix rows for the retention app's pages and API (see tests/test_access_matrix.py).

Retention is for every role with unit pages, each in their scope (access/retention.py):
section A's figures for its leader, Nordvik's adviser, the region's planner and the
administrator; the employee never (403), the other leaders and adviser not found (404).
"""

from __future__ import annotations

from tests.matrix_support import SECTION_A_READERS, Case, page
from tests.personas import World

CASES: list[Case] = [
    Case("retention:unit", page("retention:unit", "section_a"), SECTION_A_READERS),
    Case("retention:unit_export", page("retention:unit_export", "section_a"),
         SECTION_A_READERS),
    Case("retention-unit", page("retention-unit", "section_a"), SECTION_A_READERS),
]

NOT_IN_MATRIX: set[str] = set()


def extra(world: World) -> dict:
    return {}
