import os

import pytest
from django.test import Client

from tests.personas import PASSWORD, World, build_world
from tests.shared_data import SHARED, fresh, module_data

IN_CI = os.environ.get("CI", "").lower() == "true"

# Fixtures (and markers) that give a test a database; a test with none of them is marked
# `nodb`: it gives the same result on every database, so `make test` runs it only once.
# A test that reaches the configured database another way (a server process of its own,
# DATABASE_URL read by hand) says so with `@pytest.mark.database`.
DATABASE_FIXTURES = frozenset({"db", "transactional_db", "django_db_reset_sequences",
                               "django_db_serialized_rollback", "live_server"})

# The personas' world is built once per test module (tests/shared_data.py).
module_world = module_data(build_world, name="module_world")


@pytest.fixture
def world(module_world: World, db, request: pytest.FixtureRequest) -> World:
    """The personas' world: each test gets its own copy of the objects, and whatever it
    writes to the database is rolled back after it."""
    if DATABASE_FIXTURES.intersection(request.fixturenames) - {"db"}:
        # The module's world lives in a transaction that is never committed: a live server
        # would not see it, and transactional_db's flush would wipe it for the module.
        pytest.fail("`world` is shared by the module's db tests; a transactional or "
                    "live-server test builds its own (see tests/browser/test_login.py)")
    return fresh(module_world)


@pytest.fixture
def login(client: Client, world: World):
    """`login("leader_lise")` returns the test client logged in as that persona."""

    def _login(username: str) -> Client:
        assert client.login(username=username, password=PASSWORD)
        return client

    return _login


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory: pytest.TempPathFactory):
    # Uploaded certificates go to a directory of the run's own, never ./var/media.
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness costs seconds per persona; tests need no such protection.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Each test rolls its data back, and SQLite may then hand out the same ids again: a
    # summary cached under one test's data version must not be served to the next test.
    from django.core.cache import cache

    from fagkraft.core import recent

    cache.clear()
    recent.clear()
    yield
    cache.clear()
    recent.clear()


def _uses_shared_data(item: pytest.Item) -> bool:
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return False
    return any(getattr(fixturedef.func, SHARED, False)
               for name in info.names_closure
               for fixturedef in info.name2fixturedefs.get(name, ()))


def _uses_database(item: pytest.Item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    return (bool(names & DATABASE_FIXTURES) or item.get_closest_marker("django_db") is not None
            or item.get_closest_marker("database") is not None)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if not _uses_database(item):
            item.add_marker(pytest.mark.nodb)
    # Shared data stays in the database until its module ends: run each module's other
    # tests (which may count rows, or commit through transactional_db) before it is built.
    first_of_module: dict[object, int] = {}
    for index, item in enumerate(items):
        first_of_module.setdefault(item.module if hasattr(item, "module") else None, index)
    items.sort(key=lambda item: (first_of_module[getattr(item, "module", None)],
                                 _uses_shared_data(item)))
