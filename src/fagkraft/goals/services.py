"""The only code that writes goals, indicators and manual values. Every write is audited.

Each function takes the acting user first (None for the system: seeding). Who may call
what is checked by the callers through fagkraft.access.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.services import Actor
from fagkraft.goals.indicators import REGISTRY
from fagkraft.goals.models import Goal, Indicator, ManualValue
from fagkraft.workforce.models import Unit


@transaction.atomic(durable=True)
def create_goal(actor: Actor, *, unit: Unit, text: str, deadline: dt.date,
                kind: str = Goal.Kind.EFFECT, owner: Any = None, programme: str = "",
                via: str = "") -> Goal:
    owner = owner if owner is not None else audit.acting_user(actor)
    return audit.create_recorded(actor, Goal(unit=unit, text=text, deadline=deadline,
                                             kind=kind, owner=owner, programme=programme), via)


@transaction.atomic(durable=True)
def update_goal(actor: Actor, goal: Goal, **changes: Any) -> Goal:
    return audit.update_recorded(actor, goal, changes)


@transaction.atomic(durable=True)
def delete_goal(actor: Actor, goal: Goal) -> None:
    audit.record(actor, AuditEvent.Action.DELETE, goal)
    goal.delete()


@transaction.atomic(durable=True)
def add_indicator(actor: Actor, goal: Goal, *, kind: str, baseline: float,
                  baseline_on: dt.date, target: float, unit: Unit | None = None,
                  direction: str = "", profession_group: str = "", name: str = "",
                  via: str = "") -> Indicator:
    definition = REGISTRY.get(kind)
    direction = direction or (definition.direction if definition else "")
    return audit.create_recorded(actor, Indicator(
        goal=goal, kind=kind, unit=unit or goal.unit, baseline=baseline,
        baseline_on=baseline_on, target=target, direction=direction,
        profession_group=profession_group, name=name), via)


@transaction.atomic(durable=True)
def delete_indicator(actor: Actor, indicator: Indicator) -> None:
    audit.record(actor, AuditEvent.Action.DELETE, indicator)
    indicator.delete()


@transaction.atomic(durable=True)
def add_manual_value(actor: Actor, indicator: Indicator, *, period_end: dt.date,
                     value: float, source: str, via: str = "") -> ManualValue:
    """A manual indicator's value for a period; a second value for the same period
    replaces the first (both writes logged)."""
    if not REGISTRY[indicator.kind].manual:
        raise ValidationError(_("Only manual indicators take typed-in values."))
    existing = ManualValue.objects.filter(indicator=indicator, period_end=period_end).first()
    if existing is not None:
        return audit.update_recorded(actor, existing, {
            "value": value, "source": source, "entered_by": audit.acting_user(actor)})
    return audit.create_recorded(actor, ManualValue(
        indicator=indicator, period_end=period_end, value=value, source=source,
        entered_by=audit.acting_user(actor)), via)
