"""Retention: positions of a unit's subtree read as employment spells for the engine.

Each position is one spell; its leaving reason becomes the engine's competing cause
(left the trust, internal move, retired). Persons are identified by their database id,
never by name: the engine reports groups only.
"""

from __future__ import annotations

from fagkraft.engine.retention import Spell, cause_of
from fagkraft.workforce.models import Position, Unit


def spells_for_unit(unit: Unit) -> list[Spell]:
    """Every position ever held in the unit and its subtree, as a spell."""
    rows = (Position.objects.filter(Unit.subtree_q(unit.path, "unit__")).order_by()
            .values_list("employee_id", "start_date", "end_date", "leaving_reason"))
    return [
        Spell(str(employee), start, end, cause_of(reason) if end else None)
        for employee, start, end, reason in rows.iterator(chunk_size=2000)
    ]
