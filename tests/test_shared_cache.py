"""Several workers share one cache with FAGKRAFT_REDIS_URL (issue 15 point 4).

Persona: the operations team running four gunicorn workers. Each probe below is its own
Python process (tests/cache_probe.py) on one scratch database seeded by `seed-demo`, so
nothing is shared between them but the database and, when set, Redis (127.0.0.1:6379,
required: no skip). Worked out by hand from what each process does:

  * with Redis, process 1 computes the unit page's figures (1 computation) and process 2
    shows the same page from the shared cache (0 computations, same headcount);
  * process 3 ends one of the unit's positions through the service: a write;
  * process 4 then computes the page again (1 computation: the write moved the data
    version the cache key carries) and its headcount is one lower; process 5 reads that
    new figure from the cache (0);
  * without Redis each process has its own cache: the second process computes again;
  * the login throttle counts in the shared cache: five failed logins in five processes
    lock the name out (the fifth is answered 429), and so is a sixth process that has the
    right password.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

FAGKRAFT = str(Path(sys.executable).with_name("fagkraft"))
PROBE = str(Path(__file__).with_name("cache_probe.py"))
REDIS_URL = "redis://127.0.0.1:6379/0"
UNIT = "NVHF-PHBU-BUP-NORD"
PASSWORD = "fagkraft-demo"

pytestmark = pytest.mark.database


@pytest.fixture(scope="module")
def database_env(tmp_path_factory) -> Iterator[dict[str, str]]:
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("FAGKRAFT_", "DJANGO_")) and name != "DATABASE_URL"}
    env["FAGKRAFT_DEV_MODE"] = "true"
    url = os.environ.get("DATABASE_URL")
    if not url:
        env["FAGKRAFT_DB"] = str(tmp_path_factory.mktemp("cache") / "cache.sqlite3")
    else:
        import psycopg

        parts = urllib.parse.urlsplit(url)
        name = f"{parts.path.lstrip('/')}_shared_cache"
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    for args in (["migrate", "--noinput"], ["seed-demo", "--employees", "20", "--seed", "7"]):
        done = subprocess.run([FAGKRAFT, *args], env=env, capture_output=True, text=True,
                              timeout=600, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
    yield env
    if url:
        import psycopg

        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def redis_env(database_env) -> Iterator[dict[str, str]]:
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    client.ping()  # no Redis is a failure, never a skip
    prefix = f"fagkraft-test-{uuid.uuid4().hex[:12]}"
    yield {**database_env, "FAGKRAFT_REDIS_URL": REDIS_URL, "FAGKRAFT_CACHE_PREFIX": prefix,
           "FAGKRAFT_JOBS": "immediate"}
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def probe(env: dict[str, str], *args: str) -> dict:
    done = subprocess.run([sys.executable, PROBE, *args], env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_write_in_one_process_invalidates_the_page_the_others_share(redis_env):
    first = probe(redis_env, "page", UNIT)
    assert first["status"] == 200 and first["computed"] == 1
    second = probe(redis_env, "page", UNIT)
    assert second == {**first, "computed": 0}  # from the shared cache
    probe(redis_env, "end-one", UNIT)
    after_write = probe(redis_env, "page", UNIT)
    assert after_write["computed"] == 1
    assert after_write["headcount"] == first["headcount"] - 1
    assert probe(redis_env, "page", UNIT) == {**after_write, "computed": 0}


def test_without_redis_each_process_computes_for_itself(database_env):
    env = {**database_env, "FAGKRAFT_JOBS": "immediate"}
    assert probe(env, "page", UNIT)["computed"] == 1
    assert probe(env, "page", UNIT)["computed"] == 1


def test_failed_logins_in_other_processes_lock_the_name_out(redis_env):
    env = {**redis_env, "FAGKRAFT_LOGIN_THROTTLE": "true"}
    # The fifth failure reaches FAGKRAFT_LOGIN_FAILURE_LIMIT and is answered with 429.
    failures = [probe(env, "login", "leder", "wrong password")["status"] for _ in range(5)]
    assert failures == [200, 200, 200, 200, 429]
    assert probe(env, "login", "leder", PASSWORD)["status"] == 429
