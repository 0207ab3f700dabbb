"""Retention: positions of a unit's subtree read as employment spells for the engine.

Each position is one spell; its leaving reason becomes the engine's competing cause
(left the trust, internal move, retired), and it carries the facts curves are grouped by
(engine.retention.FACTS). Persons are identified by their database id, never by name:
the engine reports groups only.
"""

from __future__ import annotations

from fagkraft.engine.retention import Spell, cause_of
from fagkraft.workforce.models import Position, SpecialistApproval, Unit

_COLUMNS = ("employee_id", "start_date", "end_date", "leaving_reason", "kind",
            "unit__code", "unit__path", "employee__profession__code", "employee__birth_year")


def spells_for_unit(unit: Unit) -> list[Spell]:
    """Every position ever held in the unit and its subtree, as a spell with its facts.

    `specialist` is whether the person holds or has held a specialist approval.
    """
    in_subtree = Unit.subtree_q(unit.path, "unit__")
    positions = Position.objects.filter(in_subtree).order_by()
    specialists = set(
        SpecialistApproval.objects.filter(
            employee_id__in=positions.values("employee_id")
        ).values_list("employee_id", flat=True)
    )
    spells = []
    for (employee, start, end, reason, kind, code, path, profession,
         born) in positions.values_list(*_COLUMNS).iterator(chunk_size=2000):
        facts = {"profession": profession, "specialist": employee in specialists,
                 "unit": code, "unit_path": path, "position_type": kind, "birth_year": born}
        spells.append(Spell(str(employee), start, end, cause_of(reason) if end else None,
                            facts))
    return spells
