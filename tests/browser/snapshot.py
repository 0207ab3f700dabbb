"""A copy of every row of the test database in memory, to write back before a test.

Seeding the demo takes many seconds; writing its rows back takes a fraction of that. The
rows go back exactly as they were (same primary keys, same timestamps: a raw insert calls
no `auto_now`), inside one transaction, so foreign keys (deferred on SQLite and
PostgreSQL) may point forward.
"""

from __future__ import annotations

from django.apps import apps
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.models import Model

Snapshot = list[tuple[type[Model], list[Model]]]


def _stored_models(alias: str) -> list[type[Model]]:
    connection = connections[alias]
    return [model for model in apps.get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
            and model._meta.can_migrate(connection)
            and router.allow_migrate_model(alias, model)]


def take_snapshot(alias: str = DEFAULT_DB_ALIAS) -> Snapshot:
    return [(model, list(model._base_manager.using(alias).order_by("pk")))
            for model in _stored_models(alias)]


def flush(*, inhibit_post_migrate: bool, alias: str = DEFAULT_DB_ALIAS) -> None:
    """Empty every table as TransactionTestCase does (sequences are not reset, so rows
    written back keep their keys and new rows get keys above them)."""
    call_command("flush", verbosity=0, interactive=False, database=alias,
                 reset_sequences=False, allow_cascade=False,
                 inhibit_post_migrate=inhibit_post_migrate)


def restore(snapshot: Snapshot, alias: str = DEFAULT_DB_ALIAS) -> None:
    """Replace the database's rows with the snapshot's."""
    # Without post_migrate: content types and permissions come back with their own keys.
    flush(inhibit_post_migrate=True, alias=alias)
    connection = connections[alias]
    with transaction.atomic(using=alias):
        for model, rows in snapshot:
            if not rows:
                continue
            fields = [field for field in model._meta.local_concrete_fields
                      if not getattr(field, "generated", False)]
            size = max(1, connection.ops.bulk_batch_size(fields, rows))
            manager = model._base_manager.using(alias)
            for start in range(0, len(rows), size):
                # raw=True: the stored values as they are, no auto_now/pre_save.
                manager._insert(rows[start:start + size], fields=fields, raw=True,
                                using=alias)
