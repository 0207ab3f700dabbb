"""A job survives its worker (issue 15 point 3), on both queues Huey is run with here.

Persona: the HR adviser whose 300-row import is being written when the server's job
worker is killed (-9: the machine ran out of memory, an operator's mistake). Real
processes throughout: a real consumer (`fagkraft run_huey`, tests/jobs_consumer.py) on
a scratch database seeded by `fagkraft seed-demo`, with its queue in an SQLite file or in
Redis (127.0.0.1:6379, required: no skip), and the import enqueued by another process.

The worker is stopped inside the import's transaction. Then, worked out by hand:
  * while it hangs there, another connection sees 0 of the 300 new people (not committed);
  * killed, the register still holds 0 of them and the job is "running" with 1 attempt;
  * its lease (3 s here) runs out, a new consumer starts, its sweep queues the job again,
    and the job ends "done" after 2 attempts with all 300 people written;
  * with FAGKRAFT_JOBS_MAX_ATTEMPTS=1 the new consumer marks it "failed" with a message
    instead, and the register holds 0 of them.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.parse
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
FAGKRAFT = str(BIN / "fagkraft")
CONSUMER = str(Path(__file__).with_name("jobs_consumer.py"))
REDIS_URL = "redis://127.0.0.1:6379/0"
ROWS = 300
FIRST_NUMBER = 880_000
UNITS = ["NVHF-PHBU-BUP-NORD", "NVHF-PHBU-BUP-SOR"]
HEADER = ("ansattnummer;fornavn;etternavn;fødselsdato;kjønn;hpr_nummer;yrke;enhet;"
          "stillingsprosent;stillingstype;startdato;sluttdato;sluttårsak")
LEASE_SECONDS = 3

# The consumer and the database follow the suite's backend (DATABASE_URL): this module
# runs in the PostgreSQL pass of `make test` too.
pytestmark = pytest.mark.database


def base_env() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("FAGKRAFT_", "DJANGO_")) and name != "DATABASE_URL"}
    env["FAGKRAFT_DEV_MODE"] = "true"
    return env


@pytest.fixture(scope="module")
def database_env(tmp_path_factory) -> Iterator[dict[str, str]]:
    env = base_env()
    url = os.environ.get("DATABASE_URL")
    if not url:
        env["FAGKRAFT_DB"] = str(tmp_path_factory.mktemp("jobs") / "jobs.sqlite3")
    else:
        import psycopg

        parts = urllib.parse.urlsplit(url)
        name = f"{parts.path.lstrip('/')}_jobs_worker"
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    run(env, "migrate", "--noinput")
    run(env, "seed-demo", "--employees", "20", "--seed", "2026")
    yield env
    if url:
        import psycopg

        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([FAGKRAFT, *args], env=env, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def shell(env: dict[str, str], code: str) -> str:
    """The last line `fagkraft shell -c` printed (Django prints its own lines first)."""
    return run(env, "shell", "-c", code).strip().splitlines()[-1]


def query(env: dict[str, str], sql: str, *params: object) -> tuple:
    """One row from the scratch database, over a connection of this test's own."""
    if "DATABASE_URL" in env:
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as connection:
            return connection.execute(sql.replace("?", "%s"), params).fetchone()
    with sqlite3.connect(env["FAGKRAFT_DB"], timeout=30) as connection:
        return connection.execute(sql, params).fetchone()


def new_people(env: dict[str, str], first: int) -> int:
    return query(env, "SELECT count(*) FROM workforce_employee WHERE employee_number "
                      "BETWEEN ? AND ?", str(first), str(first + ROWS - 1))[0]


def job_row(env: dict[str, str], job_id: int) -> tuple:
    return query(env, "SELECT state, attempts, message FROM jobs_job WHERE id = ?", job_id)


def hr_file(path: Path, first: int) -> Path:
    lines = [HEADER]
    for index, number in enumerate(range(first, first + ROWS)):
        lines.append(f"{number};Testperson;Jobbsen{index};01.0{1 + index % 9}.1980;K;;"
                     f"psychologist;{UNITS[index % 2]};100;fast;01.03.2020;;")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


ENQUEUE = """
from django.contrib.auth import get_user_model
from fagkraft.imports import services
from fagkraft.imports.jobs import commit_in_background
user, _ = get_user_model().objects.get_or_create(
    username="jobs_admin", defaults={"is_superuser": True, "is_staff": True})
path = __PATH__
job = services.create_job(user, file_name="hr.csv", data=open(path, "rb").read(),
                          column_map=None)
assert services.preview_job(user, job).ok
print(commit_in_background(user, job).pk)
"""


@pytest.fixture(params=["sqlite", "redis"])
def queue_env(request, database_env, tmp_path) -> Iterator[dict[str, str]]:
    name = f"fagkraft-test-{uuid.uuid4().hex[:12]}"
    env = {**database_env, "FAGKRAFT_JOBS": request.param, "FAGKRAFT_JOBS_QUEUE_NAME": name,
           "FAGKRAFT_JOBS_LEASE_SECONDS": str(LEASE_SECONDS),
           "FAGKRAFT_JOBS_FILE": str(tmp_path / "queue.sqlite3")}
    if request.param == "redis":
        env["FAGKRAFT_REDIS_URL"] = REDIS_URL
        import redis

        redis.Redis.from_url(REDIS_URL).ping()  # no Redis is a failure, never a skip
    yield env
    if request.param == "redis":
        import redis

        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(f"*{name}*"):
            client.delete(key)


def start_consumer(env: dict[str, str], log: Path, **extra: str) -> subprocess.Popen:
    with log.open("a") as sink:
        return subprocess.Popen([sys.executable, CONSUMER], env={**env, **extra},
                                stdout=sink, stderr=subprocess.STDOUT)


def wait_for(condition, seconds: float, what: str, log: Path) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {seconds} s; consumer log:\n{log.read_text()}")
        time.sleep(0.2)


def kill_mid_write(env: dict[str, str], tmp_path: Path, first: int) -> tuple[int, Path]:
    """Enqueue the import, let a consumer stop inside its write, kill -9 it."""
    path = hr_file(tmp_path / "hr.csv", first)
    job_id = int(shell(env, ENQUEUE.replace("__PATH__", repr(str(path)))))
    assert job_row(env, job_id)[:2] == ("queued", 0)
    log, block = tmp_path / "consumer.log", tmp_path / "blocked"
    worker = start_consumer(env, log, JOBS_TEST_BLOCK_FILE=str(block))
    try:
        wait_for(block.exists, 120, "the worker did not reach the import's write", log)
        assert job_row(env, job_id)[:2] == ("running", 1)
        assert new_people(env, first) == 0  # written, but not committed
    finally:
        worker.send_signal(signal.SIGKILL)
        worker.wait(timeout=30)
    assert worker.returncode == -signal.SIGKILL
    assert new_people(env, first) == 0  # rolled back with the process
    assert job_row(env, job_id)[:2] == ("running", 1)
    time.sleep(LEASE_SECONDS + 1)  # the dead worker's lease runs out
    return job_id, log


def test_a_job_killed_mid_write_is_run_again_and_writes_everything(queue_env, tmp_path):
    first = FIRST_NUMBER + (0 if queue_env["FAGKRAFT_JOBS"] == "sqlite" else 10_000)
    job_id, log = kill_mid_write(queue_env, tmp_path, first)
    worker = start_consumer(queue_env, log)
    try:
        wait_for(lambda: job_row(queue_env, job_id)[0] in ("done", "failed"), 180,
                 "the job did not finish after the restart", log)
        state, attempts, _ = job_row(queue_env, job_id)
        assert (state, attempts) == ("done", 2)
        assert new_people(queue_env, first) == ROWS
        assert query(queue_env, "SELECT status FROM imports_importjob ORDER BY id DESC"
                     )[0] == "committed"
        # The consumer swept on start: /healthz's job state says a worker is alive.
        health = shell(queue_env, "from fagkraft.jobs import queue; print(queue.state())")
        assert health == "ok"
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def test_a_job_whose_worker_dies_too_often_fails_with_a_message(queue_env, tmp_path):
    first = FIRST_NUMBER + (20_000 if queue_env["FAGKRAFT_JOBS"] == "sqlite" else 30_000)
    env = {**queue_env, "FAGKRAFT_JOBS_MAX_ATTEMPTS": "1"}
    job_id, log = kill_mid_write(env, tmp_path, first)
    worker = start_consumer(env, log)
    try:
        wait_for(lambda: job_row(env, job_id)[0] != "running", 120,
                 "the sweep did not settle the job", log)
        state, attempts, message = job_row(env, job_id)
        assert (state, attempts) == ("failed", 1)
        assert message == ("Arbeidsprosessen stoppet under jobben 1 gang, og den ble ikke "
                           "kjørt igjen. Ingenting ble endret: start den på nytt.")
        assert new_people(env, first) == 0
    finally:
        worker.terminate()
        worker.wait(timeout=30)


PAGE_RUN = """
from django.contrib.auth import get_user_model
from fagkraft.jobs.models import Job
from fagkraft.projections import jobs, runs
from fagkraft.projections.models import Scenario
Job.objects.filter(kind=jobs.RUN).delete()  # the other queue's run, on the same database
user = get_user_model().objects.get(username="admin")
scenario = Scenario.objects.order_by("pk").first()
page = jobs.page_run(user, scenario, runs.Options())
print(page.job.pk if page.result is None else "computed in the request")
"""

SAME_AS_IN_THE_REQUEST = """
from django.core.cache import cache
from fagkraft.jobs.models import Job
from fagkraft.projections import runs
from fagkraft.projections.models import Scenario
job = Job.objects.get(pk=__JOB__)
document = Scenario.objects.get(pk=job.params["scenario"]).document
cache.delete(job.params["key"])  # this run's own key only: the cache may be shared
print(job.result["run"] == runs.run(document), job.result["key"] == runs.run_key(document))
"""


def test_the_scenario_page_s_run_is_done_by_the_worker(queue_env, tmp_path):
    """The demo scenario's page asks for its projection; a real consumer computes it, and
    the job's result is what the page computed in the request before (issue 15)."""
    # A cache of this test's own: a Redis cache is shared with whatever else uses it (the
    # fixture removes the keys that carry the queue's name afterwards).
    queue_env = {**queue_env, "FAGKRAFT_CACHE_PREFIX": queue_env["FAGKRAFT_JOBS_QUEUE_NAME"]}
    job_id = int(shell(queue_env, PAGE_RUN))
    assert job_row(queue_env, job_id)[0] == "queued"
    log = tmp_path / "consumer.log"
    worker = start_consumer(queue_env, log)
    try:
        wait_for(lambda: job_row(queue_env, job_id)[0] == "done", 120,
                 "the worker did not finish the scenario's run", log)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert shell(queue_env, SAME_AS_IN_THE_REQUEST.replace("__JOB__", str(job_id))) == (
        "True True")
