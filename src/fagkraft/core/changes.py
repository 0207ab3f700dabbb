"""Tell other apps that people's positions or profession changed, without importing them.

The workforce services call `persons_changed` inside their transaction; the competence
app registers (in AppConfig.ready) the function that keeps its compliance statuses up to
date. Listeners are dotted paths, imported on first use, like core/menu.py's entries. The
admin site writes models directly; it reports what it wrote through `records_changed`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.utils.module_loading import import_string

_listeners: dict[str, str] = {}
_record_listeners: dict[str, str] = {}
_added_listeners: dict[str, str] = {}


def register(name: str, dotted_path: str) -> None:
    """`dotted_path` names a function taking an iterable of employee ids."""
    _listeners[name] = dotted_path


def persons_changed(employee_ids: Iterable[int]) -> None:
    ids = set(employee_ids)
    if not ids:
        return
    for path in _listeners.values():
        listener: Callable[[Iterable[int]], None] = import_string(path)
        listener(ids)


def register_added(name: str, dotted_path: str) -> None:
    """`dotted_path` names a function taking the positions (employee and unit loaded) of
    people just inserted; it stands in for the `register` listener of the same name."""
    _added_listeners[name] = dotted_path


def people_added(positions: Sequence[Any]) -> None:
    """People just inserted, with all their positions in memory (an HR import): listeners
    registered with `register_added` work from these; the others get the ids. Call it
    before `persons_changed` of the other people the same write concerns."""
    if not positions:
        return
    for name, path in _listeners.items():
        added = _added_listeners.get(name)
        if added is None:
            listener: Callable[[Iterable[int]], None] = import_string(path)
            listener({position.employee_id for position in positions})
        else:
            import_string(added)(positions)


def records_changed(objects: Iterable[object]) -> None:
    """The admin site wrote these records directly (not through the services): hand the
    people they concern on, and let `register_records` listeners see the rest."""
    people: set[int] = set()
    others: list[object] = []
    for obj in objects:
        employee_id = getattr(obj, "employee_id", None)
        meta = getattr(obj, "_meta", None)
        if meta is not None and meta.label == "workforce.Employee":
            employee_id = getattr(obj, "pk", None)
        if employee_id is not None:
            people.add(employee_id)
        else:
            others.append(obj)
    persons_changed(people)
    for path in _record_listeners.values():
        import_string(path)(others)



def register_records(name: str, dotted_path: str) -> None:
    """`dotted_path` names a function taking the records the admin wrote (not people's)."""
    _record_listeners[name] = dotted_path
