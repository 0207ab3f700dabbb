"""Test data built once per module (or session) and shared by its tests, each test still
isolated from the next.

`shared_data()` opens one transaction on every test database and builds the data inside
it; pytest-django then runs each `db` test inside that transaction in a savepoint of its
own and rolls the savepoint back afterwards (the way Django's `setUpTestData` works). When
the module is done, the outer transaction is rolled back too: nothing is ever committed.

A fixture built this way is marked with `SHARED` so that `tests/conftest.py` can run the
module's other tests (those without the shared data, e.g. ones that count rows or use
`transactional_db`) before the shared data is built.

Model instances handed to a test must be copies (`copy.deepcopy`), like Django's
`TestData` does, so that a test that changes an object in memory does not hand the change
on to the next test.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

import pytest
from django.db import connections, transaction
from django.test.utils import override_settings

T = TypeVar("T")

SHARED = "_fagkraft_shared_data"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextmanager
def shared_data(django_db_blocker) -> Iterator[None]:
    """Data built inside this block (under `building()`) lives until the block ends and
    is then rolled back."""
    atomics = {}
    with django_db_blocker.unblock():
        for alias in connections:
            atomic = transaction.atomic(using=alias)
            # Services open `atomic(durable=True)`; Django allows that inside a test case's
            # own transactions only, and this one plays the part of a test case's.
            atomic._from_testcase = True
            atomic.__enter__()
            atomics[alias] = atomic
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            for alias, atomic in reversed(atomics.items()):
                transaction.set_rollback(True, using=alias)
                atomic.__exit__(None, None, None)


@contextmanager
def building(django_db_blocker) -> Iterator[None]:
    """Database access for building shared data, with the tests' fast password hashing
    (PBKDF2 would cost seconds per persona; see _fast_password_hashing)."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield


def shared_fixture(*, scope: str = "module", name: str | None = None):
    """`@pytest.fixture(scope=...)` for a fixture that builds shared data in
    `shared_data()`, marked so that its module's other tests run before it."""

    def decorate(function):
        setattr(function, SHARED, True)
        return pytest.fixture(scope=scope, name=name)(function)

    return decorate


def module_data(build: Callable[[], T], *, scope: str = "module",
                name: str | None = None) -> Callable[..., Iterator[T]]:
    """A module-scoped fixture returning `build()`, built once in `shared_data()`.

    Tests should take a function-scoped fixture that depends on it and `db` and returns
    `fresh(...)` of it (see `world` in tests/conftest.py)."""

    def fixture(django_db_setup, django_db_blocker) -> Iterator[T]:
        with shared_data(django_db_blocker):
            with building(django_db_blocker):
                value = build()
            yield value

    fixture.__name__ = name or f"shared_{build.__name__}"
    return shared_fixture(scope=scope, name=name)(fixture)


def fresh(value: T) -> T:
    """A test's own copy of shared model instances."""
    return copy.deepcopy(value)


def demo_fixtures(*, today: Any, employees: int = 300, seed: int = 2026
                  ) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """The demo seeded once per module on a fixed day, as two fixtures: the module's
    (`module_seeded`) and each test's fresh copy of its result (`seeded`). Assign both
    to module-level names:

        module_seeded, seeded = demo_fixtures(today=TODAY)
    """

    def seed_the_demo() -> Any:
        from fagkraft.demo.seed import seed_demo

        return seed_demo(employees=employees, seed=seed, today=today)

    module_seeded = module_data(seed_the_demo, name="module_seeded")

    @pytest.fixture
    def seeded(module_seeded, db):
        return fresh(module_seeded)

    return module_seeded, seeded
