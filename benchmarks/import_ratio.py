"""The HR import against its floor: `import_employees` vs a bare bulk_create, as a ratio.

Seeds a small benchmark database for the organisation (as `run.py`, same helpers), writes
an HR file of N new employees (`run.write_hr_file`), and times in the same process:

1. floor: the same employees and positions (the import's own plan, built untimed)
   written with two plain `bulk_create` calls in one transaction, its deferred foreign-key
   checks forced as a commit would run them (PostgreSQL), then rolled back; with the
   garbage collector paused, as the import pauses it;
2. product: `fagkraft.workforce.imports.import_employees` on the file (read, validate,
   plan, write with one audit event per row and the kept monthly counts, one transaction).

Best of --repeat for the floor; the product runs once per repeat on a fresh copy of the
rows (employee numbers shifted, so every run imports new people). `--profile` prints the
product's top functions by cumulative time (cProfile). Each product run prints its
parts (validation, planning, audit events, kept compliance statuses of new and of
changed people).

    .venv/bin/python benchmarks/import_ratio.py --rows 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python benchmarks/import_ratio.py --rows 20000

Target (issue 16): ratio under 1.5.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import os
import pstats
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402

TARGET = 1.5


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--employees", type=int, default=600, help="demo seed for the units")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--sqlite", default="/tmp/fagkraft_bench_import.sqlite3")
    parser.add_argument("--pg-database", default="fagkraft_bench_import")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--json", type=Path)
    return parser.parse_args()


def shifted(data: bytes, offset: int) -> bytes:
    """The file with every employee number raised by `offset` (new people again)."""
    lines = data.decode("utf-8").splitlines()
    out = [lines[0]]
    for line in lines[1:]:
        number, rest = line.split(";", 1)
        out.append(f"{int(number) + offset};{rest}")
    return ("\n".join(out) + "\n").encode("utf-8")


def floor_seconds(data: bytes) -> tuple[float, float]:
    """Two bulk_create calls of the plan's employees and positions, rolled back.

    Returns (seconds with the foreign-key checks a commit makes, seconds without). On
    PostgreSQL Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: a commit runs one
    check per row written, a rollback none, so the floor forces them
    (`SET CONSTRAINTS ALL IMMEDIATE`) before rolling back, as the product's commit does.
    SQLite counts violations while writing; its commit checks a counter (both the same).
    """
    from django.db import connection, transaction

    from fagkraft.core import collector
    from fagkraft.core.validation import ProblemCollector, read_or_report
    from fagkraft.workforce.imports import Registers, plan_writes, validate_rows
    from fagkraft.workforce.models import Employee, Position

    problems = ProblemCollector()
    table = read_or_report("floor.csv", data, problems)
    rows, present = validate_rows(table, Registers.load(None), problems, None)
    plan = plan_writes(rows, present)
    assert not problems.problems and len(plan.new_employees) == len(rows)
    started = time.perf_counter()
    # With the garbage collector paused, as the import runs (fagkraft.core.collector):
    # the floor gains from it too, so the ratio compares like with like.
    with collector.paused(), transaction.atomic():
        Employee.objects.bulk_create(plan.new_employees, batch_size=2000)
        for position in plan.new_positions:
            position.employee = position.employee
        Position.objects.bulk_create(plan.new_positions, batch_size=2000)
        unchecked = time.perf_counter() - started
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds, unchecked


PARTS = {  # part of the product -> (module, function) timed inside it
    "validate": ("fagkraft.workforce.imports", "validate_rows"),
    "plan": ("fagkraft.workforce.imports", "plan_writes"),
    "audit": ("fagkraft.workforce.services", "audit"),  # its record_many, see below
    # New people from the plan in bulk (issue 16 point 4); changed people recomputed.
    # (When the kept table is a day behind, the first calls the second: counted in both.)
    "kept compliance new": ("fagkraft.competence.kept", "people_added"),
    "kept compliance changed": ("fagkraft.competence.kept", "persons_changed"),
}


@contextlib.contextmanager
def timed_parts(spent: dict[str, float]) -> Iterator[None]:
    """Time the parts of the product (wrapping the module functions for one run)."""
    import importlib

    from fagkraft.audit import services as audit

    def timer(name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - started
        return timed

    saved = []
    for name, (module_name, attribute) in PARTS.items():
        module: Any = importlib.import_module(module_name)
        if attribute == "audit":
            module, attribute = audit, "record_many"
        saved.append((module, attribute, getattr(module, attribute)))
        setattr(module, attribute, timer(name, getattr(module, attribute)))
    try:
        yield
    finally:
        for module, attribute, original in saved:
            setattr(module, attribute, original)


def product_seconds(data: bytes, profile: bool) -> float:
    from fagkraft.workforce.imports import import_employees

    profiler = cProfile.Profile() if profile else None
    spent: dict[str, float] = {}
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    with timed_parts(spent):
        result = import_employees(None, "bench.csv", data)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - started
    print("    product parts: " + ", ".join(f"{name} {spent.get(name, 0):.2f} s"
                                            for name in PARTS), flush=True)
    assert result.written and not result.errors, result.errors[:3]
    if profiler:
        lines = int(os.environ.get("PROFILE_LINES", "35"))
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(lines)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(20)
    return seconds


def main() -> None:
    args = parse_args()
    run.BENCH_DB_NAME = args.pg_database
    args.skip_import = False
    label = run.prepare_environment(args)
    print(f"Database: {label}", flush=True)
    if not args.reuse:
        run.run_cli("migrate", "--noinput", "-v", "0")
        run.run_cli("seed-demo", "--employees", str(args.employees), "--today", run.TODAY)

    import django

    django.setup()
    from fagkraft.workforce.models import Employee, Position, UnitMonth

    path = Path("/tmp") / f"fagkraft_bench_import_{args.rows}.csv"
    run.write_hr_file(args.rows, path)
    data = path.read_bytes()
    print(f"{args.rows:,} new rows; register before: {Employee.objects.count():,} employees, "
          f"{Position.objects.count():,} positions, {UnitMonth.objects.count():,} unit months",
          flush=True)
    floors, products, uncheckeds = [], [], []
    for attempt in range(args.repeat):
        # A fresh range of employee numbers each run, also across runs with --reuse.
        batch = shifted(data, (int(time.time()) * 10 + attempt) * 1_000_000)
        floor, unchecked = floor_seconds(batch)
        floors.append(floor)
        uncheckeds.append(unchecked)
        products.append(product_seconds(batch, args.profile and attempt == args.repeat - 1))
        print(f"  run {attempt + 1}: floor {floor:.2f} s (without the commit's key checks "
              f"{unchecked:.2f} s), product {products[-1]:.2f} s, "
              f"ratio {products[-1] / floor:.2f}", flush=True)
    floor, product = min(floors), min(products)
    figures = {"database": label, "rows": args.rows, "floor_s": floor,
               "floor_unchecked_s": min(uncheckeds), "product_s": product,
               "ratio": product / floor, "load": os.getloadavg()}
    print(f"best: floor {floor:.2f} s (without key checks {min(uncheckeds):.2f} s), product "
          f"{product:.2f} s, ratio {product / floor:.2f} (target < {TARGET}); load average "
          + " ".join(f"{value:.2f}" for value in os.getloadavg()))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
