"""The building blocks of the access matrix (tests/test_access_matrix.py): personas,
cases and URL builders. Each app's cases live in tests/matrix_<app>.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from tests.personas import World

PERSONAS = ("employee_erik", "leader_lise", "leader_ola", "adviser_arne", "adviser_sara",
            "planner_pia", "admin_ada")
EVERYONE = frozenset(PERSONAS)
NOBODY: frozenset[str] = frozenset()


def only(*names: str) -> frozenset[str]:
    return frozenset(names)


@dataclass(frozen=True)
class Case:
    name: str  # URL name
    url: Callable[[World, dict], str]
    allowed: frozenset[str]


def page(name: str, *args: str) -> Callable[[World, dict], str]:
    """A URL built from the world: page("workforce:unit", "section_a") reverses with the
    section's pk; an argument starting with "=" is passed as it is ("=xlsx")."""

    def build(world: World, extra: dict) -> str:
        values = []
        for arg in args:
            if arg.startswith("="):
                values.append(arg[1:])
            else:
                values.append((extra[arg] if arg in extra else getattr(world, arg)).pk)
        return reverse(name, args=values)

    return build


ADVISERS_AND_UP = only("adviser_arne", "admin_ada")
SECTION_A_READERS = only("leader_lise", "adviser_arne", "planner_pia", "admin_ada")
SECTION_A_PERSON_READERS = only("leader_lise", "adviser_arne", "admin_ada")
PERSON_READERS = only("employee_erik", "leader_lise", "leader_ola", "adviser_arne",
                      "adviser_sara", "admin_ada")
IMPORTERS = only("leader_lise", "leader_ola", "adviser_arne", "adviser_sara", "admin_ada")
