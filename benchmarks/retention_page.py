"""The retention page's whole path, database read included, for a trust by profession on
a 100,000-employee demo register (issue 13; target under 1 s).

    .venv/bin/python benchmarks/retention_page.py [--employees 100000] [--repeat 7] [--reuse]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python benchmarks/retention_page.py [--reuse]

Seeds (unless --reuse) a benchmark database as `run.py` does: SQLite in --sqlite
(default /tmp/fagkraft_bench_retention.sqlite3), or with DATABASE_URL a PostgreSQL
database --pg-database (default fagkraft_bench_retention, dropped and created), then
`fagkraft migrate` and `fagkraft seed-demo --employees N --today 2026-06-30`.

Timed for the trust Nordvik HF (NVHF), median and p95 (nearest rank) of --repeat runs,
all in one process so they compare:

1. floor: the bare query of the spells' columns into a list of tuples (no Python objects);
2. read, before: `adapter.retention.spells_for_unit` as it was (kept here);
3. read, after: `adapter.retention.spells_for_unit` now;
4. page path, adviser: read + `retention.reports.retention_report(by=profession)`
   (no disclosure control);
5. page path, planner, tree table cached: the same with disclosure control, the tree's
   protected table already in the cache (every view after the first of the day's data);
6. page path, planner, cold: the cache emptied before each run, so the tree's table
   (every unit of the region, read and protected) is built each time.

The load average is printed with the figures: the machine is shared.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402
from run import TODAY, prepare_environment, run_cli  # noqa: E402
from timing import timed  # noqa: E402

AS_OF = dt.date.fromisoformat(TODAY)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--cold-repeat", type=int, default=3)
    parser.add_argument("--sqlite", default="/tmp/fagkraft_bench_retention.sqlite3")
    parser.add_argument("--pg-database", default="fagkraft_bench_retention")
    parser.add_argument("--reuse", action="store_true", help="skip migrate and seed")
    parser.add_argument("--unit", default="NVHF")
    return parser.parse_args()


def spells_before(unit):  # type: ignore[no-untyped-def]
    """adapter.retention.spells_for_unit before this change, for the comparison."""
    from fagkraft.engine.retention import Spell, cause_of
    from fagkraft.workforce.models import Position, SpecialistApproval, Unit

    columns = ("employee_id", "start_date", "end_date", "leaving_reason", "kind",
               "unit__code", "unit__path", "employee__profession__code",
               "employee__birth_year")
    positions = Position.objects.filter(Unit.subtree_q(unit.path, "unit__")).order_by()
    specialists = set(SpecialistApproval.objects.filter(
        employee_id__in=positions.values("employee_id")).values_list("employee_id", flat=True))
    spells = []
    for (employee, start, end, reason, kind, code, path, profession,
         born) in positions.values_list(*columns).iterator(chunk_size=2000):
        facts = {"profession": profession, "specialist": employee in specialists,
                 "unit": code, "unit_path": path, "position_type": kind, "birth_year": born}
        spells.append(Spell(str(employee), start, end, cause_of(reason) if end else None,
                            facts))
    return spells


def main() -> None:
    args = parse_args()
    args.skip_import = True
    run.BENCH_DB_NAME = args.pg_database
    label = prepare_environment(args)
    print(f"Database: {label}", flush=True)
    if not args.reuse:
        run_cli("migrate", "--noinput", "-v", "0")
        seconds, _ = run_cli("seed-demo", "--employees", str(args.employees), "--today", TODAY)
        print(f"seed-demo --employees {args.employees}: {seconds:.0f} s", flush=True)

    import django

    django.setup()
    from django.core.cache import cache

    from fagkraft.adapter.retention import _COLUMNS, spells_for_unit
    from fagkraft.retention.reports import Selection, retention_report
    from fagkraft.workforce.models import Employee, Position, Unit

    unit = Unit.objects.get(code=args.unit)
    region = unit.region or unit
    positions = Position.objects.filter(Unit.subtree_q(unit.path, "unit__")).order_by()
    spells = spells_for_unit(unit)
    print(f"Data: {Employee.objects.count():,} employees, {Position.objects.count():,} "
          f"positions, {Unit.objects.count():,} units; {unit.code}: {len(spells):,} spells "
          f"({sum(1 for s in spells if s.end is None):,} open); region {region.code}: "
          f"{len(spells_for_unit(region)):,} spells", flush=True)
    assert spells_before(unit) == spells, "the read changed its result"

    selection = Selection(by="profession")
    paths: list[tuple[str, Callable[[], object], Callable[[], object] | None, int]] = [
        ("floor: bare query to tuples", lambda: list(positions.values_list(*_COLUMNS)),
         None, args.repeat),
        ("read, before (spells_for_unit as it was)", lambda: spells_before(unit), None,
         args.repeat),
        ("read, after (spells_for_unit)", lambda: spells_for_unit(unit), None, args.repeat),
        ("page path, adviser (read + report)",
         lambda: retention_report(unit, selection, AS_OF, protected=False), None,
         args.repeat),
        ("page path, planner, tree table cached",
         lambda: retention_report(unit, selection, AS_OF, protected=True), None,
         args.repeat),
        ("page path, planner, cold (tree table built)",
         lambda: retention_report(unit, selection, AS_OF, protected=True), cache.clear,
         args.cold_repeat),
    ]
    retention_report(unit, selection, AS_OF, protected=True)  # warm the cache once
    for name, work, before, repeat in paths:
        median, p95 = timed(repeat, work, before)
        load = " ".join(f"{value:.2f}" for value in os.getloadavg())
        print(f"{name}: p50 {median:.3f} s, p95 {p95:.3f} s ({repeat} runs; "
              f"load average {load})", flush=True)


if __name__ == "__main__":
    main()
