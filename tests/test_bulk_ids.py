"""fagkraft.core.bulk.reserve_ids: new keys from the sequence, however they are drawn."""

from __future__ import annotations

import pytest
from django.db import connection

from fagkraft.core.bulk import reserve_ids
from fagkraft.workforce.models import Profession

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="keys are reserved from PostgreSQL's sequences")


def sequence_step(step: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [Profession._meta.db_table])
        [name] = cursor.fetchone()
        cursor.execute(f"ALTER SEQUENCE {name} INCREMENT BY {int(step)}")


@pytest.mark.django_db
def test_reserved_keys_are_the_next_ones_and_unused():
    first = reserve_ids(Profession, 4)
    # Drawn one after the other by one session: four consecutive values, one run.
    assert first == list(range(first[0], first[0] + 4))
    assert reserve_ids(Profession, 3)[0] == first[-1] + 1
    created = Profession.objects.create(code="p-next", name="Neste", group="nurse")
    assert created.pk == first[-1] + 4
    assert reserve_ids(Profession, 0) == []


@pytest.mark.django_db
def test_values_with_gaps_come_back_every_one():
    # Other sessions drawing meanwhile leave gaps; a sequence stepping by 3 makes every
    # value a run of its own: 5 values, 5 runs, all returned in order.
    start = reserve_ids(Profession, 1)[0]
    sequence_step(3)
    try:
        assert reserve_ids(Profession, 5) == [start + 3, start + 6, start + 9, start + 12,
                                              start + 15]
    finally:
        sequence_step(1)
