"""No request fails while an import writes (issue 10, point 5).

A real server (`fagkraft runserver`, threaded) on a database of its own, a real import
(`fagkraft import employees`, another process) of a generated HR file big enough to take
several seconds, and while it runs, from threads of this process:

  * readers: the HR adviser `radgiver` opens the staff list, the home page and the API's
    employee list, over and over;
  * writers: the unit leader `leder` logs in again and again (each login writes a session
    and last_login; django-axes writes its access log).

Every answer must come (slower is fine): no 500, no "database is locked" in the server's
log. The backend is the suite's: SQLite (WAL, busy timeout, BEGIN IMMEDIATE) or, when
DATABASE_URL is set, PostgreSQL (a database `<name>_concurrency` made and dropped here).
"""

from __future__ import annotations

import http.cookiejar
import os
import random
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

FAGKRAFT = str(Path(sys.executable).with_name("fagkraft"))
DEMO_PASSWORD = "fagkraft-demo"
# 4,000 new people and positions: 20-40 s on a busy 2-core machine, a few of them in
# the one write transaction. The 100,000 rows took minutes; the shape is the same.
IMPORT_ROWS = 4_000
UNITS = ["NVHF-PHBU-BUP-NORD", "NVHF-PHBU-BUP-SOR"]
HEADER = ("ansattnummer;fornavn;etternavn;fødselsdato;kjønn;hpr_nummer;yrke;enhet;"
          "stillingsprosent;stillingstype;startdato;sluttdato;sluttårsak")
READ_URLS = ["/employees/", "/", "/api/employees/?limit=50"]

# The server and the import use the suite's database backend (DATABASE_URL): keep this
# module in the PostgreSQL pass of `make test` (see tests/conftest.py).
pytestmark = pytest.mark.database


@dataclass
class Tally:
    answers: list[tuple[str, int, float]] = field(default_factory=list)  # url, status, s
    failures: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, url: str, status: int, seconds: float) -> None:
        with self.lock:
            self.answers.append((url, status, seconds))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def base_env() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("FAGKRAFT_", "DJANGO_")) and name != "DATABASE_URL"}
    env["FAGKRAFT_DEV_MODE"] = "true"
    # runserver answers each request in a new thread; kept connections would pile up
    # until PostgreSQL refuses clients (seen in CI: "too many clients already").
    env["FAGKRAFT_DB_CONN_MAX_AGE"] = "0"
    return env


@pytest.fixture(scope="module")
def database_env(tmp_path_factory) -> Iterator[dict[str, str]]:
    env = base_env()
    url = os.environ.get("DATABASE_URL")
    if not url:
        env["FAGKRAFT_DB"] = str(tmp_path_factory.mktemp("concurrency") / "live.sqlite3")
        yield env
        return
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"{parts.path.lstrip('/')}_concurrency"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))
    yield env
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([FAGKRAFT, *args], env=env, capture_output=True, text=True,
                          timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def hr_file(path: Path) -> Path:
    """IMPORT_ROWS invented people, each with one permanent position in a BUP section."""
    rng = random.Random(2026)
    first = ["Åsne", "Øystein", "Mette", "Håkon", "Ingrid", "Sindre", "Tuva", "Eirik"]
    last = ["Bjørklund", "Kvalø", "Særheim", "Lyngstad", "Tveit", "Aasen", "Hovda"]
    professions = ["psychologist", "doctor", "specialist-nurse"]
    lines = [HEADER]
    for number in range(700_000, 700_000 + IMPORT_ROWS):
        lines.append(
            f"{number};{rng.choice(first)};{rng.choice(last)};"
            f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(1960, 1998)};"
            f"K;;{rng.choice(professions)};{rng.choice(UNITS)};100;fast;"
            f"01.{rng.randint(1, 12):02d}.2018;;")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def live_server_url(database_env, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    run(database_env, "migrate", "--noinput")
    run(database_env, "seed-demo", "--employees", "40", "--seed", "2026")
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    with log.open("w") as sink:
        server = subprocess.Popen(
            [FAGKRAFT, "runserver", "--noreload", f"127.0.0.1:{port}"],
            env=database_env, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{url}/login/", timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError):
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"server did not start:\n{log.read_text()}")
                time.sleep(0.3)
        yield url, log
    finally:
        server.terminate()
        server.wait(timeout=30)


def browser() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
        NoRedirect())


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return None  # a login's 302 is the answer we want to see


def fetch(opener: urllib.request.OpenerDirector, url: str,
          form: dict[str, str] | None = None) -> tuple[int, str]:
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    try:
        with opener.open(url, data=data, timeout=180) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as answer:
        return answer.code, answer.read().decode("utf-8", "replace")


def log_in(base: str, username: str) -> tuple[urllib.request.OpenerDirector, int]:
    opener = browser()
    _, page = fetch(opener, f"{base}/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, page[:500]
    status, _ = fetch(opener, f"{base}/login/", {
        "csrfmiddlewaretoken": token.group(1), "username": username,
        "password": DEMO_PASSWORD, "next": "/"})
    return opener, status


def reader(base: str, stop: threading.Event, tally: Tally) -> None:
    opener, status = log_in(base, "radgiver")
    if status != 302:
        tally.failures.append(f"reader login answered {status}")
        return
    while not stop.is_set():
        for path in READ_URLS:
            started = time.monotonic()
            status, _ = fetch(opener, base + path)
            tally.add(path, status, time.monotonic() - started)


def writer(base: str, stop: threading.Event, tally: Tally) -> None:
    while not stop.is_set():
        started = time.monotonic()
        _, status = log_in(base, "leder")
        tally.add("login", status, time.monotonic() - started)


# The 100,000-row import holds its write transaction far longer than this machine
# can afford in a test; this holds one of the same shape (bulk inserts of people, in one
# transaction, readers reading the same table) open for HOLD_SECONDS: longer than SQLite's
# default 5-second busy timeout, well within Fagkraft's 60.
HOLD_SECONDS = 12
LONG_WRITE = f"""
import time
from django.db import transaction
from fagkraft.workforce.models import Employee, Profession, Unit
trust = Unit.objects.get(code="NVHF")
profession = Profession.objects.get(code="psychologist")
with transaction.atomic():
    Employee.objects.bulk_create(
        [Employee(trust=trust, employee_number=str(600_000 + n), first_name="Tuva",
                  last_name="Hovda", birth_year=1980, profession=profession)
         for n in range(10_000)], batch_size=500)
    time.sleep({HOLD_SECONDS})
print("10000 written")
"""


def hammer_while(base: str, command: list[str], env: dict[str, str]
                 ) -> tuple[subprocess.CompletedProcess[str], float, Tally, int]:
    """Run `command` while two readers and two login writers hit the server."""
    stop, tally = threading.Event(), Tally()
    workers = [threading.Thread(target=reader, args=(base, stop, tally)) for _ in range(2)]
    workers += [threading.Thread(target=writer, args=(base, stop, tally)) for _ in range(2)]
    for worker in workers:
        worker.start()
    time.sleep(1)  # the workers are signed in and busy before the write starts
    started = time.monotonic()
    done = subprocess.run([FAGKRAFT, *command], env=env, capture_output=True, text=True,
                          timeout=900, check=False)
    seconds = time.monotonic() - started
    during = len(tally.answers)
    stop.set()
    for worker in workers:
        worker.join(timeout=300)
    return done, seconds, tally, during


def assert_every_request_answered(tally: Tally, during: int, log: Path) -> None:
    assert tally.failures == []
    bad = [answer for answer in tally.answers if answer[1] not in (200, 302)]
    assert bad == [], f"failed answers: {bad[:10]}"
    statuses = {(url, status) for url, status, _ in tally.answers}
    assert {url for url, _ in statuses} == {*READ_URLS, "login"}
    assert all(status == 302 for url, status in statuses if url == "login")
    assert during >= 8, f"only {during} answers while the write ran"
    server_log = log.read_text()
    assert "database is locked" not in server_log
    assert "Traceback" not in server_log


def test_reads_and_logins_get_answers_while_an_import_writes(live_server_url, database_env,
                                                             tmp_path):
    base, log = live_server_url
    source = hr_file(tmp_path / "stor_hr_fil.csv")
    done, seconds, tally, during = hammer_while(
        base, ["import", "employees", str(source)], database_env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{IMPORT_ROWS}" in done.stdout
    assert seconds > 3, "the import must take long enough to overlap the requests"
    assert_every_request_answered(tally, during, log)
    slowest = max(answer[2] for answer in tally.answers)
    print(f"\nimport {seconds:.1f} s; {len(tally.answers)} answers "
          f"({during} during it); slowest {slowest:.1f} s")


def test_reads_and_logins_get_answers_during_a_long_write_transaction(
        live_server_url, database_env):
    base, log = live_server_url
    done, seconds, tally, during = hammer_while(
        base, ["shell", "-c", LONG_WRITE], database_env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "10000 written" in done.stdout
    assert seconds > HOLD_SECONDS
    assert_every_request_answered(tally, during, log)
    # Logins waited for the write lock (they write), readers did not have to.
    slowest_login = max(answer[2] for answer in tally.answers if answer[0] == "login")
    print(f"\nwrite held {seconds:.1f} s; {len(tally.answers)} answers ({during} during "
          f"it); slowest login {slowest_login:.1f} s")
