"""Access-matrix rows for the projections app's pages and API (see tests/test_access_matrix.py)."""

from __future__ import annotations

from tests.matrix_support import EVERYONE, Case, page
from tests.personas import World

CASES: list[Case] = [
    Case("projections-api-root", page("projections-api-root"), EVERYONE),
]

# URL names of this app that only take POST (their own tests cover who may post).
NOT_IN_MATRIX: set[str] = set()


def extra(world: World) -> dict:
    """Objects this app's URLs need beyond the personas' world, by name."""
    return {}
