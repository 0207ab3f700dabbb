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
    # Plain tuples in one fetch (no model instances; no chunked or server-side cursor,
    # whose round trips cost more than the rows' memory at a trust's size), then one
    # spell per row; the reasons' causes are looked up once per distinct reason.
    causes = {reason: cause_of(reason) for reason in
              ("", *(value for value, _label in Position.LeavingReason.choices))}
    return [Spell(str(employee), start, end,
                  (causes.get(reason) or cause_of(reason)) if end else None,
                  {"profession": profession, "specialist": employee in specialists,
                   "unit": code, "unit_path": path, "position_type": kind,
                   "birth_year": born})
            for (employee, start, end, reason, kind, code, path, profession, born)
            in positions.values_list(*_COLUMNS)]
