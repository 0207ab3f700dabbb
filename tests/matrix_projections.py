"""Access-matrix rows for the projections app's pages and API (see tests/test_access_matrix.py).

The scenario in the world is built from Nordvik HF's PHBU clinic and owned by the planner:
leaders see scenarios of units in their subtree only (so not this one), advisers of their
trust, planners of their region; employees never.
"""

from __future__ import annotations

import datetime as dt

from fagkraft.projections import services
from tests.matrix_support import EVERYONE, Case, only, page
from tests.personas import World

USERS = only("leader_lise", "leader_ola", "adviser_arne", "adviser_sara", "planner_pia",
             "admin_ada")
SCENARIO_READERS = only("adviser_arne", "planner_pia", "admin_ada")

CASES: list[Case] = [
    Case("projections:list", page("projections:list"), USERS),
    Case("projections:new", page("projections:new"), USERS),
    Case("projections:compare", page("projections:compare"), USERS),
    Case("projections:detail", page("projections:detail", "phbu_scenario"), SCENARIO_READERS),
    Case("projections:document", page("projections:document", "phbu_scenario"),
         SCENARIO_READERS),
    Case("projections:export", page("projections:export", "phbu_scenario"), SCENARIO_READERS),
    Case("projections-api-root", page("projections-api-root"), EVERYONE),
    Case("scenario-list", page("scenario-list"), USERS),
    Case("scenario-detail", page("scenario-detail", "phbu_scenario"), SCENARIO_READERS),
    Case("scenario-result", page("scenario-result", "phbu_scenario"), SCENARIO_READERS),
]

# URL names of this app that only take POST (their own tests cover who may post).
NOT_IN_MATRIX: set[str] = {"projections:assumptions", "projections:copy",
                           "projections:delete", "projections:monte_carlo",
                           "scenario-assumptions"}


def extra(world: World) -> dict:
    """Objects this app's URLs need beyond the personas' world, by name."""
    scenario = services.create_from_register(
        world.users["planner_pia"], name="PHBU Nordvik", unit=world.clinic,
        service_area="phbu", professions=["psychologist"], today=dt.date(2026, 6, 30),
        base_year=2026, end_year=2030)
    return {"phbu_scenario": scenario}
