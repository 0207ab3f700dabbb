"""A fingerprint of every table after `seed-demo`, to show a change to the seeder writes
the same data (benchmarks/README.md, "National scale under load").

    FAGKRAFT_DEV_MODE=true FAGKRAFT_DB=/tmp/empty-migrated-copy.sqlite3 \\
        PYTHONPATH=src python benchmarks/demo_fingerprint.py [--employees 1500] [--regions 1]

Seeds an empty, migrated database for a fixed day (2026-06-30, the pages' "today" too),
then prints per table its row count and a hash of its rows: every field but timestamps
(they are the clock's) and password hashes (salted), foreign keys as their ids. Ids are
those of the insertion order, the same when the seeder writes the same rows in the same
order; audit events are compared without their own id (a bulk service may write them in
another order), their persons by the event they belong to. Run it on two checkouts and
compare the output (`diff`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import sys
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagkraft.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.db import models  # noqa: E402

from fagkraft.audit.models import AuditEvent, AuditPerson  # noqa: E402
from fagkraft.core import dates  # noqa: E402
from fagkraft.demo.seed import seed_demo  # noqa: E402

TODAY = dt.date(2026, 6, 30)
SKIPPED = {"password", "last_login", "session_key", "session_data"}


def _fields(model: type[models.Model], *, with_pk: bool) -> list[str]:
    return [field.attname for field in model._meta.concrete_fields
            if not isinstance(field, models.DateTimeField) and field.name not in SKIPPED
            and (with_pk or not field.primary_key)]


def _digest(rows: list[tuple]) -> str:
    return hashlib.sha256(repr(sorted(rows, key=repr)).encode()).hexdigest()[:16]


def fingerprint() -> dict[str, tuple[int, str]]:
    found: dict[str, tuple[int, str]] = {}
    events: dict[int, tuple] = {}
    event_fields = _fields(AuditEvent, with_pk=False)
    for row in AuditEvent.objects.values_list("pk", *event_fields):
        events[row[0]] = tuple(row[1:])
    found[AuditEvent._meta.label] = (len(events), _digest(list(events.values())))
    persons = [(events[event], employee) for event, employee in
               AuditPerson.objects.values_list("event_id", "employee_id")]
    found[AuditPerson._meta.label] = (len(persons), _digest(persons))
    for model in apps.get_models():
        if model in (AuditEvent, AuditPerson) or model._meta.proxy:
            continue
        rows = list(model.objects.values_list(*_fields(model, with_pk=True)))
        found[model._meta.label] = (len(rows), _digest(rows))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--employees", type=int, default=1500)
    parser.add_argument("--regions", type=int, default=1)
    args = parser.parse_args()
    with mock.patch.object(dates, "today", return_value=TODAY):
        seed_demo(employees=args.employees, regions=args.regions, today=TODAY)
    for label, (count, digest) in sorted(fingerprint().items()):
        print(f"{label:45} {count:9} {digest}")


if __name__ == "__main__":
    main()
