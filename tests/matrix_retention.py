"""Access-matrix rows for the retention app's pages and API (see tests/test_access_matrix.py).

Retention is for every role with unit pages, each in their scope (access/retention.py):
section A's figures for its leader, Nordvik's adviser, the region's planner and the
administrator; the employee never (403), the other leaders and adviser not found (404).
The priority-rule monitor compares a trust's or region's service areas: advisers,
planners and administrators; leaders and employees never (403).
"""

from __future__ import annotations

from tests.matrix_support import SECTION_A_READERS, Case, only, page
from tests.personas import World

TRUST_PLANNERS = only("adviser_arne", "planner_pia", "admin_ada")

CASES: list[Case] = [
    Case("retention:unit", page("retention:unit", "section_a"), SECTION_A_READERS),
    Case("retention:unit_export", page("retention:unit_export", "section_a"),
         SECTION_A_READERS),
    Case("retention-unit", page("retention-unit", "section_a"), SECTION_A_READERS),
    Case("retention:backtest", page("retention:backtest", "section_a"), SECTION_A_READERS),
    Case("retention-backtest", page("retention-backtest", "section_a"), SECTION_A_READERS),
    Case("retention:backtest_export", page("retention:backtest_export", "section_a"),
         SECTION_A_READERS),
    # The priority rule: advisers, planners and administrators (not leaders), per trust.
    Case("retention:priority", page("retention:priority", "trust"), TRUST_PLANNERS),
    Case("retention:priority_export", page("retention:priority_export", "trust"),
         TRUST_PLANNERS),
    Case("retention-priority", page("retention-priority", "trust"), TRUST_PLANNERS),
    Case("retention:priority", page("retention:priority", "other_trust"),
         only("adviser_sara", "planner_pia", "admin_ada")),
]

NOT_IN_MATRIX: set[str] = set()


def extra(world: World) -> dict:
    return {}
