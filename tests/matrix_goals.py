"""Access-matrix rows for the goals app's pages and API (see tests/test_access_matrix.py).

Goals: one of the region (TST, owned by the planner), one of Nordvik HF (owned by its
adviser, a manual indicator) and one of Solstad HF. A goal is read by every role with unit
pages whose scope holds it or lies under it; employees never (403); elsewhere 404.
"""

from __future__ import annotations

import datetime as dt

from fagkraft.goals import services
from tests.matrix_support import EVERYONE, Case, only, page
from tests.personas import World

READERS = EVERYONE - {"employee_erik"}
NORDVIK_READERS = only("leader_lise", "leader_ola", "adviser_arne", "planner_pia", "admin_ada")
SOLSTAD_READERS = only("adviser_sara", "planner_pia", "admin_ada")
DEFINERS = only("adviser_arne", "adviser_sara", "planner_pia", "admin_ada")

CASES: list[Case] = [
    Case("goals:goal_list", page("goals:goal_list"), READERS),
    Case("goals:goal_create", page("goals:goal_create"), DEFINERS),
    Case("goals:goal", page("goals:goal", "region_goal"), READERS),
    Case("goals:goal", page("goals:goal", "trust_goal"), NORDVIK_READERS),
    Case("goals:goal", page("goals:goal", "other_trust_goal"), SOLSTAD_READERS),
    Case("goals:region", page("goals:region", "region_goal"), READERS),
    Case("goals:export", page("goals:export", "trust_goal"), NORDVIK_READERS),
    Case("goals:indicator_add", page("goals:indicator_add", "trust_goal"),
         only("adviser_arne", "planner_pia", "admin_ada")),
    Case("goals-api-root", page("goals-api-root"), EVERYONE),
    Case("goal-list", page("goal-list"), READERS),
    Case("goal-detail", page("goal-detail", "trust_goal"), NORDVIK_READERS),
    Case("goal-status", page("goal-status", "trust_goal"), NORDVIK_READERS),
    Case("goalindicator-list", page("goalindicator-list"), READERS),
    Case("goalindicator-detail", page("goalindicator-detail", "trust_indicator"),
         NORDVIK_READERS),
    Case("goalindicator-status", page("goalindicator-status", "region_indicator"), READERS),
    Case("goalvalue-list", page("goalvalue-list"), READERS),
    Case("goalvalue-detail", page("goalvalue-detail", "trust_value"), NORDVIK_READERS),
]

# URL names of this app that only take POST (tests/test_goals.py covers who may post).
NOT_IN_MATRIX: set[str] = {"goals:value_add", "goals:indicator_delete"}


def extra(world: World) -> dict:
    """Objects this app's URLs need beyond the personas' world, by name."""
    users = world.users
    region_goal = services.create_goal(
        users["planner_pia"], unit=world.region, text="Redusert turnover",
        deadline=dt.date(2027, 12, 31))
    region_indicator = services.add_indicator(
        None, region_goal, kind="hires", profession_group="psychologist", baseline=1,
        baseline_on=dt.date(2024, 12, 31), target=3)
    trust_goal = services.create_goal(
        users["adviser_arne"], unit=world.trust, text="Flere spesialister",
        deadline=dt.date(2027, 12, 31), kind="result")
    trust_indicator = services.add_indicator(
        None, trust_goal, kind="manual", name="Veiledere", baseline=10,
        baseline_on=dt.date(2024, 12, 31), target=20)
    trust_value = services.add_manual_value(None, trust_indicator,
                                            period_end=dt.date(2025, 12, 31), value=12,
                                            source="Telling")
    other_trust_goal = services.create_goal(
        users["adviser_sara"], unit=world.other_trust, text="Færre ledige stillinger",
        deadline=dt.date(2027, 12, 31))
    return {"region_goal": region_goal, "region_indicator": region_indicator,
            "trust_goal": trust_goal, "trust_indicator": trust_indicator,
            "trust_value": trust_value, "other_trust_goal": other_trust_goal}
