"""fagkraft.core.bulk.filter_in: the rows whose field is one of many values, on both
databases (one array on PostgreSQL, IN lists of IN_CHUNK values on SQLite)."""

from __future__ import annotations

import pytest

from fagkraft.core.bulk import IN_CHUNK, filter_in
from fagkraft.workforce.models import Profession

CODES = [f"p{number:04d}" for number in range(IN_CHUNK * 2 + 7)]  # three IN lists


@pytest.fixture(scope="module")
def professions(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        made = Profession.objects.bulk_create(
            Profession(code=code, name=f"Yrke {code}", group="other") for code in CODES)
        yield made
        Profession.objects.filter(code__in=CODES).delete()


@pytest.mark.django_db
def test_every_asked_row_comes_back_once_and_no_other(professions):
    # Every third code asked for, beside codes nobody has: 336 of the 1,007 rows.
    asked = [*CODES[::3], "unknown-1", "unknown-2"]
    found = list(filter_in(Profession.objects.all(), "code", asked))
    assert sorted(profession.code for profession in found) == CODES[::3]
    assert len(found) == len(CODES[::3]) == 336


@pytest.mark.django_db
def test_values_querysets_and_keys_work_too(professions):
    ids = [profession.pk for profession in professions[:IN_CHUNK + 1]]
    rows = set(filter_in(Profession.objects.values_list("pk", "code"), "pk", ids))
    assert rows == {(profession.pk, profession.code) for profession in professions[:IN_CHUNK + 1]}


@pytest.mark.django_db
def test_no_values_no_query(professions, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert list(filter_in(Profession.objects.all(), "code", [])) == []
