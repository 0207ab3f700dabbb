"""Writing the audit log. Every service that touches personal data calls these."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connections, models, router, transaction
from django.utils import timezone

from fagkraft.audit.models import AuditEvent, AuditPerson
from fagkraft.core.bulk import insert_returning_ids, insert_rows

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


def trust_id_of(obj: models.Model) -> int | None:
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


# Fields through which a record names people besides its `employee`: the supervisor of a
# session, the one who signed an activity.
_OTHER_PERSON_FIELDS = ("supervisor_id", "signed_by_id")


def person_ids_of(obj: models.Model) -> list[int]:
    """The employees a record is about: itself, its employee, and supervisors named in it."""
    label = obj._meta.label_lower
    if obj.pk is None and label in {"workforce.employee", "audit.auditevent", "auth.user"}:
        return []
    if label == "workforce.employee":
        return [obj.pk]
    if label == "audit.auditevent":  # reading the log reads the persons in it
        return list(obj.persons.values_list("employee_id", flat=True))
    if label == "auth.user":  # an account is about the employee record it is tied to
        employee_id = getattr(getattr(obj, "profile", None), "employee_id", None)
    elif hasattr(obj, "employee_id"):
        employee_id = obj.employee_id
    else:  # candidate records reach their employee through a property
        employee_id = getattr(getattr(obj, "employee", None), "pk", None)
    ids = [employee_id] if employee_id else []
    for field in _OTHER_PERSON_FIELDS:
        other = getattr(obj, field, None)
        if other and other not in ids:
            ids.append(other)
    return ids


def _save_persons(pairs: Iterable[tuple[AuditEvent, Iterable[int]]]) -> None:
    rows = [AuditPerson(event_id=event.pk, employee_id=person)
            for event, persons in pairs for person in dict.fromkeys(persons)]
    AuditPerson.objects.bulk_create(rows, batch_size=2000)


def filter_of(query: Any) -> dict[str, list[str]]:
    """A request's query (GET or DRF query_params) as the filter a list read was made with."""
    return {key: query.getlist(key) for key in sorted(query)}


def _event(actor: Actor, action: str, obj: models.Model, via: str, detail: dict[str, Any]):
    user = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent(
        user=user,
        username=user.get_username() if user else SYSTEM,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk or ""),
        object_repr=str(obj)[:200],
        trust_id=trust_id_of(obj),
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
    persons: Iterable[int] | None = None,
) -> AuditEvent:
    """One event on one record; the persons default to those the record is about."""
    event = _event(actor, action, obj, via, detail or {})
    # The event and its persons together; inside a service this joins its transaction.
    with transaction.atomic(savepoint=False):
        event.save()
        _save_persons([(event, person_ids_of(obj) if persons is None else persons)])
    return event


def acting_user(actor: Actor) -> Any:
    """The logged-in user behind an actor, or None for the system (CLI, seeder)."""
    return actor if actor is not None and actor.is_authenticated else None


def create_recorded(
    actor: Actor, obj: models.Model, via: str = "", *, detail: dict[str, Any] | None = None
) -> Any:
    """Validate, save and log a new record: the one way the apps' services create."""
    obj.full_clean()
    with transaction.atomic(savepoint=False):  # the record and its event, or neither
        obj.save()
        record(actor, AuditEvent.Action.CREATE, obj, via=via, detail=detail)
    return obj


def update_recorded(actor: Actor, obj: models.Model, changes: dict[str, Any]) -> Any:
    """Apply changes, validate, save and log which fields changed."""
    for field, value in changes.items():
        setattr(obj, field, value)
    obj.full_clean()
    with transaction.atomic(savepoint=False):
        obj.save()
        record(actor, AuditEvent.Action.UPDATE, obj, detail={"changed": sorted(changes)})
    return obj


def record_many(
    actor: Actor, action: str, objects: Iterable[models.Model], *, via: str = ""
) -> int:
    """One event per record, written in batches (imports touch thousands of records).

    The rows go in as plain values, with the database's `RETURNING` giving the new ids
    for the persons' rows: building an AuditEvent and an AuditPerson instance per record
    and letting bulk_create prepare every field of every row cost more than writing the
    records themselves (100,000 imported rows make 200,000 events).
    """
    objects = list(objects)
    if not objects:
        return 0
    user = actor if actor is not None and actor.is_authenticated else None
    connection = connections[router.db_for_write(AuditEvent)]
    meta = AuditEvent._meta
    # Values the same for every row, prepared for the database once.
    at = meta.get_field("at").get_db_prep_save(timezone.now(), connection)
    # The empty detail as JSON text, which both databases store as it is (PostgreSQL's
    # COPY parses it); the field's own value would be serialised again for every row.
    detail = "{}"
    username = user.get_username() if user else SYSTEM
    user_id = user.pk if user else None
    via = via[:200]
    rows = [
        (at, user_id, username, action, obj._meta.label_lower, str(obj.pk or ""),
         str(obj)[:200], trust_id_of(obj), via, detail)
        for obj in objects
    ]
    columns = ["at", "user_id", "username", "action", "object_type", "object_id",
               "object_repr", "trust_id", "via", "detail"]
    with transaction.atomic(savepoint=False):
        ids = insert_returning_ids(AuditEvent, columns, rows)
        persons = [(event_id, person) for event_id, obj in zip(ids, objects, strict=True)
                   for person in dict.fromkeys(person_ids_of(obj))]
        insert_rows(AuditPerson, ["event_id", "employee_id"], persons)
    return len(rows)


def record_bulk_read(
    actor: Actor, action: str, object_type: str, count: int, *, trust_id: int | None,
    via: str = "", detail: dict[str, Any] | None = None,
    persons: Iterable[int] = (), filter: dict[str, Any] | None = None,
) -> AuditEvent:
    """A read or export of many records at once (an export, a list page) as one event.

    `persons` are the employees whose rows were shown or written out; `filter` is the
    query the list was asked for, so an empty list still says what was looked for.
    """
    user = actor if actor is not None and actor.is_authenticated else None
    detail = dict(detail or {})
    if filter is not None:
        detail["filter"] = filter
    with transaction.atomic(savepoint=False):
        event = AuditEvent.objects.create(
            user=user,
            username=user.get_username() if user else SYSTEM,
            action=action,
            object_type=object_type,
            object_repr=f"{count}",
            trust_id=trust_id,
            via=via[:200],
            detail=detail,
        )
        _save_persons([(event, persons)])
    return event


def record_list_read(
    actor: Actor, action: str, object_type: str,
    rows: Iterable[tuple[Iterable[int], int | None]], *, via: str = "",
    filter: dict[str, Any] | None = None, detail: dict[str, Any] | None = None,
    trust_id_if_empty: int | None = None,
) -> list[AuditEvent]:
    """A list, table page or export: one event per health trust among the rows shown.

    `rows` are (employee ids, trust id) pairs, one per row; each trust's advisers then see
    the reads of their own people. A list that showed nobody still leaves one event, with
    the filter that found nothing (an empty answer says something about people too).
    """
    persons: dict[int | None, list[int]] = {}
    counts: dict[int | None, int] = {}
    for person_ids, trust_id in rows:
        counts[trust_id] = counts.get(trust_id, 0) + 1
        persons.setdefault(trust_id, []).extend(person_ids)
    if not counts:
        counts[trust_id_if_empty], persons[trust_id_if_empty] = 0, []
    return [
        record_bulk_read(actor, action, object_type, counts[trust_id], trust_id=trust_id,
                         via=via, detail=detail, persons=persons[trust_id], filter=filter)
        for trust_id in sorted(counts, key=lambda trust: trust or 0)
    ]


def record_login(
    action: str, *, user: Any = None, attempted: str = "", method: str,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """A login, a logout or a refused login, by password or single sign-on (`method`).

    A refused login has no user: the name tried (or the claim the login service sent) is
    kept as the record, so repeated refusals of one name can be found in the log.
    """
    if user is not None:
        return record(user, action, user, via=method, detail=detail)
    with transaction.atomic(savepoint=False):
        return AuditEvent.objects.create(
            username=SYSTEM, action=action, object_type="auth.user",
            object_repr=attempted[:200], via=method[:200], detail=detail or {})
