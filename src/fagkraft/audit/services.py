"""Writing the audit log. Every service that touches personal data calls these."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import models

from fagkraft.audit.models import AuditEvent

Actor = AbstractBaseUser | AnonymousUser | None
SYSTEM = "system"
WRITE_ACTIONS = (
    AuditEvent.Action.CREATE,
    AuditEvent.Action.UPDATE,
    AuditEvent.Action.DELETE,
    AuditEvent.Action.IMPORT,
)


def data_version() -> int:
    """A number that changes whenever any data changes: the newest write event's id.

    Every write is audited (services, imports, the admin), so caches of computed figures
    can key on this and never serve figures older than the data. One indexed lookup per
    action; reads and exports, which are also logged, do not move it.
    """
    newest = [
        AuditEvent.objects.filter(action=action).order_by("-id").values_list("id", flat=True)
        .first()
        for action in WRITE_ACTIONS
    ]
    return max((number for number in newest if number is not None), default=0)


def _trust_id_of(obj: models.Model) -> int | None:
    # Employees carry their trust; positions and approvals reach it through the employee.
    for attr in ("trust_id",):
        if getattr(obj, attr, None):
            return getattr(obj, attr)
    employee = getattr(obj, "employee", None)
    if employee is not None:
        return employee.trust_id
    unit = getattr(obj, "unit", None)
    if unit is not None:
        return unit.trust_id
    return None


def _event(actor: Actor, action: str, obj: models.Model, via: str, detail: dict[str, Any]):
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent(
        user=user,
        username=user.get_username() if user else SYSTEM,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk or ""),
        object_repr=str(obj)[:200],
        trust_id=_trust_id_of(obj),
        via=via[:200],
        detail=detail,
    )


def record(
    actor: Actor,
    action: str,
    obj: models.Model,
    *,
    via: str = "",
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    event = _event(actor, action, obj, via, detail or {})
    event.save()
    return event


def acting_user(actor: Actor) -> Any:
    """The logged-in user behind an actor, or None for the system (CLI, seeder)."""
    return actor if actor is not None and actor.is_authenticated else None


def create_recorded(
    actor: Actor, obj: models.Model, via: str = "", *, detail: dict[str, Any] | None = None
) -> Any:
    """Validate, save and log a new record: the one way the apps' services create."""
    obj.full_clean()
    obj.save()
    record(actor, AuditEvent.Action.CREATE, obj, via=via, detail=detail)
    return obj


def update_recorded(actor: Actor, obj: models.Model, changes: dict[str, Any]) -> Any:
    """Apply changes, validate, save and log which fields changed."""
    for field, value in changes.items():
        setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    record(actor, AuditEvent.Action.UPDATE, obj, detail={"changed": sorted(changes)})
    return obj


def record_many(
    actor: Actor, action: str, objects: Iterable[models.Model], *, via: str = ""
) -> int:
    """One event per record, written in batches (imports touch thousands of records)."""
    events = [_event(actor, action, obj, via, {}) for obj in objects]
    AuditEvent.objects.bulk_create(events, batch_size=2000)
    return len(events)


def record_bulk_read(
    actor: Actor, action: str, object_type: str, count: int, *, trust_id: int | None,
    via: str = "", detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """A read or export of many records at once (an export, a list page) as one event."""
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        user=user,
        username=user.get_username() if user else SYSTEM,
        action=action,
        object_type=object_type,
        object_repr=f"{count}",
        trust_id=trust_id,
        via=via[:200],
        detail=detail or {},
    )
