"""Access-matrix rows for the background jobs' pages (see tests/test_access_matrix.py).

Every signed-in user has a list of their own jobs; a job's page is its owner's alone
(anyone else: 404, like a job that does not exist), whatever the other's role.
"""

from __future__ import annotations

from fagkraft.jobs import services
from tests.matrix_support import EVERYONE, Case, only, page
from tests.personas import World

CASES: list[Case] = [
    Case("jobs:list", page("jobs:list"), EVERYONE),
    Case("jobs:detail", page("jobs:detail", "planner_job"), only("planner_pia")),
]

NOT_IN_MATRIX: set[str] = set()


def extra(world: World) -> dict:
    """A queued (never run) Monte Carlo job of the planner's."""
    job = services.create(world.users["planner_pia"], "projections.monte_carlo",
                          params={"scenario": 0, "draws": 10})
    return {"planner_job": job}
