"""Benchmark: compliance roll-ups and a section dashboard from the kept statuses (issue 16).

Run on demand from the repository root (not part of the test suite):

    .venv/bin/python benchmarks/compliance_kept.py --employees 100000 --completions 2000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python benchmarks/compliance_kept.py --employees 100000

With DATABASE_URL the script creates (drops first) a database fagkraft_bench_kept_h on that
server; otherwise a fresh SQLite file. Steps:

1. `fagkraft migrate`, `fagkraft seed-demo --employees N` (which ends by building the kept
   table), then older approved completions added in bulk until there are C in all (each
   dated before the person's latest one of the competence, so no status changes; they are
   there because the old design read every completion on every view);
2. timed in-process, each beside its floor, a plain GROUP BY over the kept table for the
   same rows in the same run: a trust's roll-up (`reports.rollup`, target < 300 ms), the
   region's (< 1 s), the compliance dashboard of sections (`reports.unit_compliance`,
   p95 < 100 ms); product / floor < 3 each;
3. with `--old`, the same trust roll-up recomputed by the engine from every completion
   (the path before the kept table), once, for comparison;
4. with `--explain`, the database's query plans of a section's reads.

Smaller sizes (`--employees 3000 --completions 60000`) run in a minute or two.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parent.parent
FAGKRAFT = str(Path(sys.executable).with_name("fagkraft"))
BENCH_DB_NAME = "fagkraft_bench_kept_h"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--completions", type=int, default=2_000_000,
                        help="completions in all after padding (at least the seeded ones)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs per roll-up")
    parser.add_argument("--sections", type=int, default=30, help="sections timed")
    parser.add_argument("--sqlite", default="/tmp/fagkraft_bench_kept_h.sqlite3")
    parser.add_argument("--pg-name", default=BENCH_DB_NAME,
                        help="the PostgreSQL database's name (with DATABASE_URL)")
    parser.add_argument("--reuse", action="store_true", help="skip creating and seeding")
    parser.add_argument("--seeded", action="store_true",
                        help="the database is migrated and seeded: pad, rebuild and time")
    parser.add_argument("--rebuild", action="store_true",
                        help="rebuild the kept table after padding (the padded completions "
                             "are older than each person's latest: no status changes)")
    parser.add_argument("--old", action="store_true", help="also time the old recomputation")
    parser.add_argument("--explain", action="store_true", help="print a section's query plans")
    return parser.parse_args()


def prepare_environment(args: argparse.Namespace) -> str:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagkraft.settings")
    os.environ.setdefault("FAGKRAFT_DEV_MODE", "true")
    url = os.environ.get("DATABASE_URL")
    if url:
        parts = urlsplit(url)
        name = args.pg_name
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}"))
        if not args.reuse and not args.seeded:
            import psycopg

            with psycopg.connect(url, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                connection.execute(f'CREATE DATABASE "{name}"')
        return "PostgreSQL"
    os.environ["FAGKRAFT_DB"] = args.sqlite
    if not args.reuse and not args.seeded:
        for suffix in ("", "-wal", "-shm"):
            Path(args.sqlite + suffix).unlink(missing_ok=True)
    return "SQLite"


def run_cli(*args: str) -> float:
    started = time.perf_counter()
    done = subprocess.run([FAGKRAFT, *args], cwd=REPO, capture_output=True, text=True)
    if done.returncode != 0:
        output = (done.stdout + done.stderr)[-3000:]
        raise SystemExit(f"`fagkraft {' '.join(args)}` failed:\n{output}")
    return time.perf_counter() - started


def pad_completions(target: int) -> int:
    """Add older approved completions of requirements already completed, up to `target`.

    In SQL (INSERT ... SELECT), the kept table's completed requirements times as many
    copies as needed, each dated 1 to 4,000 days before the latest (from the ids)."""
    from django.db import connection, transaction

    from fagkraft.competence.models import Completion, KeptRequirement

    have = Completion.objects.count()
    pairs = (KeptRequirement.objects.filter(completed_on__isnull=False)
             .values_list("employee_id", "competence_id", "completed_on").distinct().count())
    if have >= target or not pairs:
        return have
    need = target - have
    copies = -(-need // pairs)
    offset = "1 + (p.employee_id * 31 + p.competence_id * 7 + copy.c * 997) %% 4000"
    if connection.vendor == "sqlite":
        series = (f"WITH RECURSIVE copy(c) AS (SELECT 1 UNION ALL SELECT c + 1 FROM copy "
                  f"WHERE c < {copies}) ")
        source, day, now = "copy", f"date(p.completed_on, '-' || ({offset}) || ' days')", \
            "CURRENT_TIMESTAMP"
    else:
        series, source = "", f"generate_series(1, {copies}) AS copy(c)"
        day, now = f"p.completed_on - ({offset})::integer", "now()"
    sql = (
        f"INSERT INTO {Completion._meta.db_table} (employee_id, competence_id, completed_on, "
        "source, status, note, certificate, certificate_type, certificate_name, created_at) "
        f"{series}SELECT p.employee_id, p.competence_id, {day}, %s, %s, '', '', '', '', {now} "
        "FROM (SELECT DISTINCT employee_id, competence_id, completed_on "
        f"FROM {KeptRequirement._meta.db_table} WHERE completed_on IS NOT NULL) p "
        f"CROSS JOIN {source} LIMIT {need}")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [Completion.Source.IMPORT, Completion.Status.APPROVED])
    return Completion.objects.count()


def analyze() -> None:
    """PostgreSQL: statistics of every table, as autovacuum would gather after the loads
    (it is off on the development server; without statistics the planner takes the
    freshly loaded tables for empty)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"ANALYZE: {time.perf_counter() - started:.1f} s")


def timed(function, runs: int) -> list[float]:
    function()  # warm-up
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return times


def timed_pair(product, floor, runs: int) -> tuple[list[float], list[float]]:
    """Product and floor run by turns, so that a busy spell on a shared machine weighs
    on both alike."""
    products, floors = [], []
    for _ in range(runs):
        products += timed(product, 1)
        floors += timed(floor, 1)
    return products, floors


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def floor_query(unit):
    """The plain GROUP BY over the kept rows of a unit's subtree."""
    from django.db.models import Count

    from fagkraft.competence.models import KeptRequirement
    from fagkraft.workforce.models import Unit

    return lambda: list(KeptRequirement.objects.filter(Unit.subtree_q(unit.path, "unit__"))
                        .order_by().values("competence_id", "status").annotate(n=Count("*")))


def measure(args: argparse.Namespace, label: str) -> None:
    import django

    django.setup()
    from django.db import connection

    from fagkraft.competence import kept, reports
    from fagkraft.competence.models import Completion, KeptRequirement, KeptState
    from fagkraft.core import dates
    from fagkraft.workforce.models import Employee, Position, Unit

    today = KeptState.objects.get().as_of
    dates.today = lambda: today  # the day the table was built for
    trust = Unit.objects.get(code="NVHF")
    region = trust.region
    sizes = {
        "employees": Employee.objects.count(), "positions": Position.objects.count(),
        "completions": Completion.objects.count(),
        "kept rows": KeptRequirement.objects.count(),
        "trust people": reports.people_in(trust).count(),
        "trust requirements": KeptRequirement.objects.filter(
            Unit.subtree_q(trust.path, "unit__")).count(),
    }
    print(f"\n{label}, day {today}: " + ", ".join(f"{k} {v:,}" for k, v in sizes.items()))
    print(f"{'measure':<34}{'product ms':>12}{'floor ms':>10}{'ratio':>7}  target")
    for name, unit, target in (("trust roll-up NVHF (median)", trust, 300),
                               ("region roll-up (median)", region, 1000)):
        products, floors = timed_pair(lambda u=unit: reports.rollup(u, today),
                                      floor_query(unit), args.runs)
        product, floor = statistics.median(products), statistics.median(floors)
        print(f"{name:<34}{product:>12.1f}{floor:>10.1f}{product / floor:>7.2f}  < {target} ms")
    sections = list(Unit.objects.filter(level=Unit.Level.SECTION, path__startswith=trust.path)
                    .order_by("path"))
    rng = random.Random(16)
    chosen = rng.sample(sections, min(args.sections, len(sections)))
    products, floors = [], []
    for section in chosen:
        people = reports.people_in(section)
        times = timed_pair(lambda s=section, p=people: reports.unit_compliance(
            s, p, list(s.children.all()), today), floor_query(section), 2)
        products += times[0]
        floors += times[1]
    product, floor = p95(products), p95(floors)
    print(f"{'section dashboard (p95)':<34}{product:>12.1f}{floor:>10.1f}"
          f"{product / floor:>7.2f}  < 100 ms")
    if args.old:
        original = kept.ready_for
        kept.ready_for = lambda day: False
        started = time.perf_counter()
        reports.rollup(trust, today)
        kept.ready_for = original
        seconds = time.perf_counter() - started
        print(f"{'old path: trust roll-up, once':<34}{seconds * 1000:>12.1f}")
    started = time.perf_counter()
    people = kept.refresh(today + dt.timedelta(days=1))
    seconds = time.perf_counter() - started
    print(f"{'refresh-compliance, next day':<34}{seconds * 1000:>12.1f}  ({people} people)")
    if args.explain:
        section = chosen[0]
        queries = {
            "section statuses (kept.statuses)": KeptRequirement.objects.filter(
                employee__in=reports.people_in(section).values("pk")).values_list(
                "employee_id", "competence_id", "status").distinct(),
            "section people (people_in)": reports.people_in(section).values("pk"),
            "section GROUP BY (floor)": KeptRequirement.objects.filter(
                Unit.subtree_q(section.path, "unit__")).values("competence_id", "status"),
        }
        for name, query in queries.items():
            sql, params = query.query.sql_with_params()
            with connection.cursor() as cursor:
                prefix = "EXPLAIN QUERY PLAN " if connection.vendor == "sqlite" else "EXPLAIN "
                cursor.execute(prefix + sql, params)
                print(f"\n{name}:")
                for row in cursor.fetchall():
                    print("   ", " | ".join(str(cell) for cell in row))


def main() -> None:
    args = parse_args()
    label = prepare_environment(args)
    sys.path.insert(0, str(REPO / "src"))
    if not args.reuse and not args.seeded:
        print(f"migrate: {run_cli('migrate', '--no-input'):.1f} s")
        seconds = run_cli("seed-demo", "--employees", str(args.employees))
        print(f"seed-demo --employees {args.employees} (with the kept table): {seconds:.1f} s")
    if not args.reuse:
        import django

        django.setup()
        started = time.perf_counter()
        total = pad_completions(args.completions)
        print(f"completions padded to {total:,}: {time.perf_counter() - started:.1f} s")
        if args.rebuild:
            seconds = run_cli("rebuild-compliance")
            print(f"rebuild-compliance: {seconds:.1f} s")
        analyze()
    measure(args, label)


if __name__ == "__main__":
    main()
