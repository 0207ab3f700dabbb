"""National scale (issue 15 point 7): 50 logged-in users of mixed roles for 60 s against
gunicorn (4 workers), PostgreSQL and Redis, on 150,000 employees in four regions.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python benchmarks/national_load.py            # create, seed, run
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python benchmarks/national_load.py --reuse    # the seeded database again

Steps:

1. the database `fagkraft_bench_national` on the server of DATABASE_URL (PostgreSQL only):
   dropped, created, migrated and seeded with
   `nice -n 5 fagkraft seed-demo --employees N --regions R` (the real today, so the pages
   show the data as of the day they are viewed). `--reuse` keeps it: `migrate` (nothing to
   do) and `refresh-compliance` (the daily task, for a run on a later day) only; then
   `ANALYZE`, as autovacuum would after the loads (it is off on the development server);
2. `collectstatic` into /tmp/fagkraft_bench_national_static (as `make demo`);
3. the Redis database of FAGKRAFT_REDIS_URL (default redis://127.0.0.1:6379/7) emptied,
   so the run starts with a cold cache, and used for the cache, the login throttle and
   the job queue;
4. gunicorn with `make serve`'s configuration (fagkraft.gunicorn_conf), FAGKRAFT_WORKERS
   (default 4) on a free port of 127.0.0.1; its log in /tmp/fagkraft_bench_national_gunicorn.log;
5. the load: U users (default 50) log in through the login form (four at a time; the
   password check is deliberately slow, so logins are timed apart), each with a login of
   the seeded regions (`seed-demo --regions`: planners, advisers, department and section
   leaders, employees; the funding programme's secretariat `programadmin`), the roles
   mixed 30 % leaders, 24 % advisers, 12 % planners, 24 % employees, 10 % secretariat.
   Each user first opens each page of its role once ("first pass", reported apart: the
   cold cache), then for D seconds (default 60) requests a random page of its role and
   waits a think time (default uniform 0.5-2.5 s, `--think MIN MAX`; 0 0 for a stress
   run) before the next. Pages per role: the start page (`/`, followed to the role's start
   page), the unit page, the to-do list it loads, the employees list, the competence
   dashboard or roll-up, education, the projections list, goals, the retention page and
   the API lists; employees their own competence, education and record.

It prints, per page and role: requests, errors, p50, p95, max; the whole; the load average
(sampled every 5 s); the CPU seconds the load generator and the gunicorn workers used.
The load generator is threads with `requests`: light, but it shares the 2 cores with the
server, PostgreSQL and whatever else runs. Exit status 1 if any request failed (HTTP 4xx/5xx
or no answer), 2 if a page's p95 misses the target (1 s) with no errors.

Options: --users, --duration, --reuse, --employees, --regions, --workers, --think,
--redis-url, --pg-database, --port, --seed, --json FILE.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
DB_NAME = "fagkraft_bench_national"
STATIC_ROOT = "/tmp/fagkraft_bench_national_static"
GUNICORN_LOG = "/tmp/fagkraft_bench_national_gunicorn.log"
DEFAULT_REDIS = "redis://127.0.0.1:6379/7"
PASSWORD = "fagkraft-demo"
TARGET_P95_MS = 1000
# Share of the users per role (they add up to 1).
ROLE_MIX = (("leader", 0.30), ("adviser", 0.24), ("planner", 0.12), ("employee", 0.24),
            ("secretariat", 0.10))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--employees", type=int, default=150_000)
    parser.add_argument("--regions", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--think", type=float, nargs=2, default=(0.5, 2.5),
                        metavar=("MIN", "MAX"), help="seconds between a user's requests")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the seeded database: no drop, create or seed")
    parser.add_argument("--redis-url", default=os.environ.get("FAGKRAFT_REDIS_URL",
                                                              DEFAULT_REDIS))
    parser.add_argument("--pg-database", default=DB_NAME,
                        help=f"the benchmark database (default {DB_NAME})")
    parser.add_argument("--port", type=int, default=0, help="0: a free port")
    parser.add_argument("--seed", type=int, default=2026, help="the users' random choices")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    return parser.parse_args()


# --- 1-3. database, static files, cache ---------------------------------------------------


def prepare_environment(args: argparse.Namespace) -> dict[str, str]:
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL server, e.g. "
                         "postgres://postgres@127.0.0.1:5432/postgres")
    parts = urlsplit(url)
    env = dict(os.environ)
    env.update({
        "DJANGO_SETTINGS_MODULE": "fagkraft.settings",
        "DATABASE_URL": urlunsplit(parts._replace(path=f"/{args.pg_database}")),
        "FAGKRAFT_REDIS_URL": args.redis_url,
        "FAGKRAFT_JOBS": "redis",
        "FAGKRAFT_DEV_MODE": "true",  # plain http on 127.0.0.1, the development key
        "FAGKRAFT_DEBUG": "false",
        "FAGKRAFT_STATIC_ROOT": STATIC_ROOT,
        "FAGKRAFT_WORKERS": str(args.workers),
    })
    os.environ.update(env)
    if not args.reuse:
        import psycopg

        admin = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{args.pg_database}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{args.pg_database}"')
    return env


def fagkraft(env: dict[str, str], *args: str, nice: bool = False) -> float:
    command = [str(BIN / "fagkraft"), *args]
    if nice:
        command = ["nice", "-n", "5", *command]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"`fagkraft {' '.join(args)}` failed:\n"
                         f"{(done.stdout + done.stderr)[-3000:]}")
    return time.perf_counter() - started


def empty_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()  # this database number only


# --- 4. gunicorn --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(env: dict[str, str], port: int) -> subprocess.Popen:
    server_env = {**env, "FAGKRAFT_BIND": f"127.0.0.1:{port}",
                  "FAGKRAFT_CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{port}"}
    log = open(GUNICORN_LOG, "w")  # noqa: SIM115 - open while the server runs
    server = subprocess.Popen([str(BIN / "gunicorn"), "-c", "python:fagkraft.gunicorn_conf"],
                              cwd=REPO, env=server_env, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped; see {GUNICORN_LOG}")
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code == 200:
                return server
        except requests.RequestException:
            pass
        time.sleep(0.5)
    server.terminate()
    raise SystemExit(f"gunicorn did not answer /healthz in 120 s; see {GUNICORN_LOG}")


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()


def children_cpu_seconds(pid: int) -> float:
    """User + system CPU of a process's live children (the gunicorn workers)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:  # ppid
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


# --- 5. who requests what -----------------------------------------------------------------


@dataclass
class User:
    username: str
    role: str  # leader, adviser, planner, employee, secretariat
    label: str  # how the figures are grouped, e.g. "leader (section)"
    pages: list[tuple[str, str]]  # (page name, path)
    session: requests.Session = field(default_factory=requests.Session)


def plan_users(args: argparse.Namespace) -> list[User]:
    """Pick the logins (from the database) and the pages of each."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model

    from fagkraft.accounts.models import Role
    from fagkraft.demo.logins import regional_logins
    from fagkraft.funding.models import Programme

    logins = regional_logins(args.regions)
    if not logins:
        raise SystemExit("--regions must be above 1 (the logins of every region)")
    profiles = {u.username: u.profile for u in get_user_model().objects.filter(
        username__in=[login.username for login in logins] + ["programadmin"]
    ).select_related("profile__unit", "profile__employee")}
    # Per role, the logins of each region in turn (region 1's first, region 2's first,
    # ...), so that the users of a role are spread over every region.
    per_region: dict[str, list[list[str]]] = defaultdict(list)
    region = -1
    for login in logins:  # region by region, each region's planner first
        if login.role == Role.PLANNER:
            region += 1
        if login.username in profiles:
            lists = per_region[str(login.role)]
            while len(lists) <= region:
                lists.append([])
            lists[region].append(login.username)
    by_role: dict[str, list[str]] = {
        role: [names[i] for i in range(max(map(len, lists))) for names in lists
               if i < len(names)]
        for role, lists in per_region.items()}
    missing = sorted({login.username for login in logins} - set(profiles))
    if missing:
        raise SystemExit(f"The database is not fully seeded (no login {missing[0]} and "
                         f"{len(missing) - 1} more): seed it again without --reuse.")
    by_role["secretariat"] = ["programadmin"] if "programadmin" in profiles else []
    programme = Programme.objects.order_by("pk").first()

    counts = {role: int(args.users * share) for role, share in ROLE_MIX}
    for role, _share in ROLE_MIX:  # the rest by largest remainder, in table order
        if sum(counts.values()) >= args.users:
            break
        counts[role] += 1
    users: list[User] = []
    for role, _share in ROLE_MIX:
        names = by_role[role]
        for index in range(counts[role]):
            name = names[index % len(names)]
            profile = profiles[name]
            unit = profile.unit.pk if profile.unit else None
            if role == "leader":
                level = "section" if name.startswith("seksjon") else "department"
                users.append(User(name, role, f"leader ({level})", _leader_pages(unit)))
            elif role == "adviser":
                users.append(User(name, role, "adviser (trust)", _adviser_pages(unit)))
            elif role == "planner":
                users.append(User(name, role, "planner (region)", _planner_pages(unit)))
            elif role == "employee":
                users.append(User(name, role, "employee", _employee_pages(
                    profile.employee.pk if profile.employee else None)))
            else:
                assert profile.role == Role.PLANNER
                users.append(User(name, role, "secretariat", _secretariat_pages(
                    unit, programme.pk if programme else None)))
    return users


def _leader_pages(unit: int | None) -> list[tuple[str, str]]:
    return [("start page", "/"), ("unit page", f"/units/{unit}/"), ("to-do list", "/todo/"),
            ("employees list", "/employees/"),
            ("competence dashboard", f"/competence/units/{unit}/"),
            ("education", f"/education/units/{unit}/"),
            ("retention", f"/retention/units/{unit}/"), ("goals", "/goals/"),
            ("API employees", "/api/employees/"), ("API positions", "/api/positions/")]


def _adviser_pages(unit: int | None) -> list[tuple[str, str]]:
    return [*_leader_pages(unit),
            ("competence roll-up", f"/competence/units/{unit}/rollup/"),
            ("projections list", "/projections/")]


def _planner_pages(unit: int | None) -> list[tuple[str, str]]:
    return [("start page", "/"), ("unit page", f"/units/{unit}/"), ("to-do list", "/todo/"),
            ("competence roll-up", f"/competence/units/{unit}/rollup/"),
            ("education pipeline", f"/education/units/{unit}/pipeline/"),
            ("retention", f"/retention/units/{unit}/"), ("projections list", "/projections/"),
            ("goals", "/goals/"), ("API units", "/api/units/")]


def _employee_pages(employee: int | None) -> list[tuple[str, str]]:
    return [("start page", "/"), ("my competence", "/competence/"),
            ("my education", "/education/"), ("own record", f"/employees/{employee}/"),
            ("to-do list", "/todo/")]


def _secretariat_pages(unit: int | None, programme: int | None) -> list[tuple[str, str]]:
    return [("start page", "/"), ("funding programmes", "/funding/"),
            ("funding programme", f"/funding/programmes/{programme}/"),
            ("unit page", f"/units/{unit}/"), ("projections list", "/projections/"),
            ("goals", "/goals/")]


# --- the load -----------------------------------------------------------------------------


@dataclass
class Sample:
    label: str
    page: str
    status: int  # 0: no answer
    ms: float
    phase: str  # "first pass" or "load"


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def log_in(base: str, user: User) -> float:
    started = time.perf_counter()
    form = user.session.get(f"{base}/login/", timeout=60)
    token = CSRF.search(form.text)
    if token is None:
        raise SystemExit(f"no CSRF token on the login form (HTTP {form.status_code})")
    answer = user.session.post(f"{base}/login/", timeout=60, allow_redirects=False, data={
        "csrfmiddlewaretoken": token.group(1), "username": user.username,
        "password": PASSWORD}, headers={"Referer": f"{base}/login/"})
    if answer.status_code != 302:
        raise SystemExit(f"login of {user.username} failed: HTTP {answer.status_code}")
    return (time.perf_counter() - started) * 1000


def fetch(base: str, user: User, page: str, path: str, phase: str) -> Sample:
    started = time.perf_counter()
    try:
        status = user.session.get(f"{base}{path}", timeout=60).status_code
    except requests.RequestException:
        status = 0
    return Sample(user.label, page, status, (time.perf_counter() - started) * 1000, phase)


def run_load(base: str, users: list[User], args: argparse.Namespace) -> list[Sample]:
    samples: list[Sample] = []
    lock = threading.Lock()
    first_pass_done = threading.Barrier(len(users) + 1)
    go = threading.Event()
    stop_at = [0.0]

    def user_loop(index: int, user: User) -> None:
        rng = random.Random(args.seed * 1000 + index)
        mine = [fetch(base, user, page, path, "first pass") for page, path in user.pages]
        first_pass_done.wait()
        go.wait()
        low, high = args.think
        time.sleep(rng.uniform(0, max(high, 0.1)))  # users do not start in step
        while time.monotonic() < stop_at[0]:
            page, path = rng.choice(user.pages)
            mine.append(fetch(base, user, page, path, "load"))
            time.sleep(rng.uniform(low, high))
        with lock:
            samples.extend(mine)

    threads = [threading.Thread(target=user_loop, args=(i, u), daemon=True)
               for i, u in enumerate(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    first_pass_done.wait()
    print(f"First pass (every page of every user once, cold cache): "
          f"{time.perf_counter() - started:.1f} s", flush=True)
    stop_at[0] = time.monotonic() + args.duration
    go.set()
    for thread in threads:
        thread.join()
    return samples


def percentile(values: list[float], share: float) -> float:
    """Nearest rank."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(-(-share * len(ordered) // 1)) - 1))
    return ordered[index]


def summarise(samples: list[Sample]) -> list[dict]:
    groups: dict[tuple[str, str], list[Sample]] = defaultdict(list)
    for sample in samples:
        groups[(sample.page, sample.label)].append(sample)
    rows = []
    for (page, label), group in sorted(groups.items()):
        times = [s.ms for s in group]
        rows.append({"page": page, "role": label, "requests": len(group),
                     "errors": sum(1 for s in group if not 200 <= s.status < 400),
                     "statuses": sorted({s.status for s in group}),
                     "p50_ms": percentile(times, 0.50), "p95_ms": percentile(times, 0.95),
                     "max_ms": max(times)})
    return rows


def print_table(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    print(f"{'page':<22} {'role':<20} {'requests':>8} {'errors':>6} {'p50 ms':>8} "
          f"{'p95 ms':>8} {'max ms':>8}")
    for row in rows:
        flag = "  <- p95 over 1 s" if row["p95_ms"] > TARGET_P95_MS else ""
        errors = f"{row['errors']}" + (f" {row['statuses']}" if row["errors"] else "")
        print(f"{row['page']:<22} {row['role']:<20} {row['requests']:>8} {errors:>6} "
              f"{row['p50_ms']:>8.0f} {row['p95_ms']:>8.0f} {row['max_ms']:>8.0f}{flag}")


def main() -> None:
    args = parse_args()
    env = prepare_environment(args)
    figures: dict = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                     "users": args.users, "duration_s": args.duration,
                     "workers": args.workers, "think_s": list(args.think),
                     "database": args.pg_database, "redis": args.redis_url}
    if args.reuse:
        fagkraft(env, "migrate", "--noinput", "-v", "0")
        fagkraft(env, "refresh-compliance")
    else:
        fagkraft(env, "migrate", "--noinput", "-v", "0")
        seconds = fagkraft(env, "seed-demo", "--employees", str(args.employees),
                           "--regions", str(args.regions), nice=True)
        figures["seed_s"] = seconds
        print(f"seed-demo --employees {args.employees} --regions {args.regions} "
              f"(nice -n 5): {seconds:.0f} s", flush=True)
    # The statistics autovacuum would gather after such loads (autovacuum is off on the
    # development server): without them the planner took a trust's 16,789 employees for
    # 122 and 89,237 current positions for 10,453 (the unit page's staff query 71 ms,
    # 37 ms after ANALYZE).
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"ANALYZE: {time.perf_counter() - started:.1f} s", flush=True)
    shutil.rmtree(STATIC_ROOT, ignore_errors=True)
    fagkraft(env, "collectstatic", "--noinput", "-v", "0", "--ignore", "widgetbundle.js",
             "--ignore", "datasets", "--ignore", "templates")
    users = plan_users(args)
    from fagkraft.workforce.models import Employee, Position, Unit

    figures["data"] = {"units": Unit.objects.count(), "employees": Employee.objects.count(),
                       "positions": Position.objects.count(),
                       "regions": Unit.objects.filter(level="rhf").count()}
    print(f"Data: {figures['data']}", flush=True)
    from django.db import connections

    connections.close_all()
    empty_redis(args.redis_url)
    port = args.port or free_port()
    server = start_server(env, port)
    base = f"http://127.0.0.1:{port}"
    print(f"gunicorn: {args.workers} workers on {base} (log {GUNICORN_LOG})", flush=True)
    mix = defaultdict(int)
    for user in users:
        mix[user.label] += 1
    figures["mix"] = dict(mix)
    print(f"{len(users)} users: " + ", ".join(f"{n} {label}" for label, n in mix.items()),
          flush=True)
    loads: list[float] = []
    sampling = threading.Event()

    def sample_load() -> None:
        while not sampling.wait(5):
            loads.append(os.getloadavg()[0])

    try:
        started = time.perf_counter()
        with ThreadPoolExecutor(4) as pool:
            login_ms = list(pool.map(lambda user: log_in(base, user), users))
        print(f"Logins: {len(users)} in {time.perf_counter() - started:.1f} s "
              f"(p50 {percentile(login_ms, 0.5):.0f} ms, four at a time)", flush=True)
        figures["login_p50_ms"] = percentile(login_ms, 0.5)
        load_before = os.getloadavg()
        cpu_client, cpu_server = time.process_time(), children_cpu_seconds(server.pid)
        threading.Thread(target=sample_load, daemon=True).start()
        samples = run_load(base, users, args)
        cpu_client = time.process_time() - cpu_client
        cpu_server = children_cpu_seconds(server.pid) - cpu_server
        sampling.set()
        load_after = os.getloadavg()
    finally:
        stop_server(server)

    first = summarise([s for s in samples if s.phase == "first pass"])
    load = summarise([s for s in samples if s.phase == "load"])
    timed = [s for s in samples if s.phase == "load"]
    times = [s.ms for s in timed]
    overall = {"requests": len(timed),
               "errors": sum(1 for s in timed if not 200 <= s.status < 400),
               "per_second": len(timed) / args.duration,
               "p50_ms": percentile(times, 0.5), "p95_ms": percentile(times, 0.95),
               "max_ms": max(times)}
    print_table("First pass (each user's pages once, from a cold cache):", first)
    print_table(f"Load: {args.users} users, {args.duration:.0f} s, think time "
                f"{args.think[0]}-{args.think[1]} s:", load)
    print(f"\nOverall under load: {overall['requests']} requests "
          f"({overall['per_second']:.1f}/s), {overall['errors']} errors, "
          f"p50 {overall['p50_ms']:.0f} ms, p95 {overall['p95_ms']:.0f} ms, "
          f"max {overall['max_ms']:.0f} ms")
    during = f"{min(loads):.1f}-{max(loads):.1f}" if loads else "n/a"
    print(f"Load average (1 min): {load_before[0]:.2f} before, {during} during "
          f"(every 5 s, first pass and load), {load_after[0]:.2f} after; "
          f"{os.cpu_count()} cores")
    print(f"CPU used during the load: gunicorn workers {cpu_server:.0f} s, this load "
          f"generator {cpu_client:.0f} s (of {args.duration:.0f} s x {os.cpu_count()} "
          "cores). The load generator, PostgreSQL, Redis and any other jobs on the "
          "machine share its cores with the server.")
    figures.update({"first_pass": first, "load": load, "overall": overall,
                    "loadavg_before": load_before[0], "loadavg_during": loads,
                    "loadavg_after": load_after[0], "cpu_server_s": cpu_server,
                    "cpu_client_s": cpu_client})
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
    if overall["errors"] or any(row["errors"] for row in first):
        sys.exit(1)
    if any(row["p95_ms"] > TARGET_P95_MS for row in load):
        sys.exit(2)


if __name__ == "__main__":
    main()
