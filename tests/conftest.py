import os

import pytest
from django.test import Client

from tests.personas import PASSWORD, World, build_world

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def login(client: Client, world: World):
    """`login("leader_lise")` returns the test client logged in as that persona."""

    def _login(username: str) -> Client:
        assert client.login(username=username, password=PASSWORD)
        return client

    return _login


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # PBKDF2's deliberate slowness costs seconds per persona; tests need no such protection.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Each test rolls its data back, and SQLite may then hand out the same ids again: a
    # summary cached under one test's data version must not be served to the next test.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
