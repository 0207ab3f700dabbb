"""The HR import against its floor: `import_employees` vs a bare bulk_create, as a ratio.

Seeds a small benchmark database for the organisation (as `run.py`, same helpers), writes
an HR file of N new employees (`run.write_hr_file`), and times in the same process:

1. floor: the same employees and positions (the import's own plan, built untimed)
   written with two plain `bulk_create` calls in one transaction, then rolled back;
2. product: `fagkraft.workforce.imports.import_employees` on the file (read, validate,
   plan, write with one audit event per row and the kept monthly counts, one transaction).

Best of --repeat for the floor; the product runs once per repeat on a fresh copy of the
rows (employee numbers shifted, so every run imports new people). `--profile` prints the
product's top functions by cumulative time (cProfile).

    .venv/bin/python benchmarks/import_ratio.py --rows 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python benchmarks/import_ratio.py --rows 20000

Target (issue 16): ratio under 1.5.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import sys
import time
from pathlib import Path

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


def floor_seconds(data: bytes) -> float:
    """Two bulk_create calls of the plan's employees and positions, rolled back."""
    from django.db import transaction

    from fagkraft.core.validation import ProblemCollector, read_or_report
    from fagkraft.workforce.imports import Registers, plan_writes, validate_rows
    from fagkraft.workforce.models import Employee, Position

    problems = ProblemCollector()
    table = read_or_report("floor.csv", data, problems)
    rows, present = validate_rows(table, Registers.load(None), problems, None)
    plan = plan_writes(rows, present)
    assert not problems.problems and len(plan.new_employees) == len(rows)
    started = time.perf_counter()
    with transaction.atomic():
        Employee.objects.bulk_create(plan.new_employees, batch_size=2000)
        for position in plan.new_positions:
            position.employee = position.employee
        Position.objects.bulk_create(plan.new_positions, batch_size=2000)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds


def product_seconds(data: bytes, profile: bool) -> float:
    from fagkraft.workforce.imports import import_employees

    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler:
        profiler.enable()
    result = import_employees(None, "bench.csv", data)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - started
    assert result.written and not result.errors, result.errors[:3]
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)
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
    floors, products = [], []
    for attempt in range(args.repeat):
        # A fresh range of employee numbers each run, also across runs with --reuse.
        batch = shifted(data, (int(time.time()) * 10 + attempt) * 1_000_000)
        floors.append(floor_seconds(batch))
        products.append(product_seconds(batch, args.profile and attempt == args.repeat - 1))
        print(f"  run {attempt + 1}: floor {floors[-1]:.2f} s, product {products[-1]:.2f} s, "
              f"ratio {products[-1] / floors[-1]:.2f}", flush=True)
    floor, product = min(floors), min(products)
    figures = {"database": label, "rows": args.rows, "floor_s": floor, "product_s": product,
               "ratio": product / floor}
    print(f"best: floor {floor:.2f} s, product {product:.2f} s, ratio {product / floor:.2f} "
          f"(target < {TARGET})")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
