"""Unit pages cold (first view after a change): p95 per level against a trivial page.

Seeds a benchmark database as `run.py` does (same helpers, same fixed day), then, logged
in as the adviser `radgiver` (Nordvik HF) and the regional planner `planlegger`, requests
the trust, a clinic, a department, a section and the region page with the cache emptied
before every request, and a trivial page (the login form in the same base template) in
the same run. Prints p50/p95 per page, the ratio of each p95 to the trivial page's, the
data sizes, and whether each page reads the kept monthly counts (UnitMonth) or positions.

    .venv/bin/python benchmarks/unit_pages_cold.py --employees 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
        .venv/bin/python benchmarks/unit_pages_cold.py --employees 20000

Targets (issue 16): p95 under 150 ms at every level, and within 5x the trivial page.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402
from run import TODAY, percentile, prepare_environment, run_cli  # noqa: E402

TARGET_MS = 150
TARGET_RATIO = 5


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--sqlite", default="/tmp/fagkraft_bench_cold.sqlite3")
    parser.add_argument("--pg-database", default="fagkraft_bench_cold")
    parser.add_argument("--reuse", action="store_true", help="skip migrate and seed")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--profile", action="store_true",
                        help="print a cProfile of one cold request per page (cumulative)")
    parser.add_argument("--explain", action="store_true",
                        help="plan every query of the section page and the leader's to-do "
                             "list; list any full scan of a large table")
    parser.add_argument("--only", default="", help="time only pages whose label contains this")
    return parser.parse_args()


def sizes() -> dict[str, int]:
    from fagkraft.workforce.models import Employee, Position, Unit, UnitMonth

    return {"units": Unit.objects.count(), "employees": Employee.objects.count(),
            "positions": Position.objects.count(), "unit_months": UnitMonth.objects.count()}


def time_cold(client, url: str, requests: int, warmup: int) -> dict:
    from django.core.cache import cache

    status = None
    for _ in range(warmup):
        status = client.get(url).status_code
    timings = []
    for _ in range(requests):
        cache.clear()
        started = time.perf_counter()
        status = client.get(url).status_code
        timings.append((time.perf_counter() - started) * 1000)
    return {"url": url, "status": status, "p50_ms": statistics.median(timings),
            "p95_ms": percentile(timings, 0.95), "max_ms": max(timings)}


def profile_cold(client, url: str, lines: int = 90) -> None:
    import cProfile
    import io
    import pstats

    from django.core.cache import cache

    cache.clear()
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(lines)
    print(out.getvalue(), flush=True)


def explain_section(clients: dict, section_url: str) -> None:
    """Plans of every read of the section page (leader, adviser) and the leader's /todo/,
    flagged where they read a large table whole (tests/test_section_query_plans.py)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.test_section_query_plans import _full_scans, _statements

    for user, url in (("seksjonsleder", section_url), ("radgiver", section_url),
                      ("seksjonsleder", "/todo/")):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            clients[user].get(url)
        statements = _statements(captured.captured_queries)
        if connection.vendor == "postgresql":
            connection.set_autocommit(False)  # SET LOCAL needs a transaction
        scans = [(sql, found) for sql in statements if (found := _full_scans(sql))]
        # PostgreSQL as it plans on these statistics (no index forced): what it chooses.
        chosen = ([(sql, found) for sql in statements
                   if (found := _full_scans(sql, force_index=False))]
                  if connection.vendor == "postgresql" else scans)
        if connection.vendor == "postgresql":
            connection.rollback()
            connection.set_autocommit(True)
        print(f"  plans {user} {url}: {len(statements)} reads, {len(scans)} with no index "
              f"for a large table, {len(chosen)} planned with a full scan", flush=True)
        for sql, found in chosen:
            print(f"    {sql[:300]}\n      -> {found}", flush=True)


def time_turnover(codes: dict[str, str], repeat: int) -> list[dict]:
    """The part the kept counts replace, per level: turnover from the kept monthly rows
    (with today's headcount from the current positions) against reading positions."""
    from django.conf import settings

    from fagkraft.adapter import workforce as adapter
    from fagkraft.core.dates import today
    from fagkraft.workforce.models import Unit

    domain, day = settings.FAGKRAFT, today()
    rows = []
    for level, code in codes.items():
        unit = Unit.objects.get(code=code)
        ids = list(Unit.objects.filter(Unit.subtree_q(unit.path)).values_list("pk", flat=True))
        args = (ids, day, domain["TURNOVER_YEARS"], domain["INTERNAL_MOVE_GRACE_DAYS"],
                unit.path, unit.level in (Unit.Level.REGION, Unit.Level.TRUST))
        current = adapter.current_positions(ids, day, unit.path)
        kept, positions = [], []
        for _ in range(repeat):
            started = time.perf_counter()
            from_kept = adapter.turnover_by_year(*args, kept=(unit.pk, current))
            kept.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            from_positions = adapter.turnover_from_positions(*args)
            positions.append((time.perf_counter() - started) * 1000)
        row = {"level": level, "code": code, "kept_ms": statistics.median(kept),
               "positions_ms": statistics.median(positions),
               "equal": from_kept == from_positions}
        rows.append(row)
        print(f"  turnover {level:<11} kept counts {row['kept_ms']:6.1f} ms, from positions "
              f"{row['positions_ms']:6.1f} ms, same figures: {row['equal']}", flush=True)
    return rows


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
    from django.contrib.auth import get_user_model
    from django.test import Client

    from fagkraft.workforce.models import Unit

    figures: dict = {"database": label, "sizes": sizes(), "pages": []}
    print("Data:", ", ".join(f"{k} {v:,}" for k, v in figures["sizes"].items()), flush=True)
    codes = {"trust": "NVHF", "clinic": "NVHF-PHBU", "department": "NVHF-PHBU-BUP",
             "section": "NVHF-PHBU-BUP-NORD"}
    units = dict(Unit.objects.filter(code__in=codes.values()).values_list("code", "pk"))
    region = Unit.objects.get(code="NVHF").region_id
    clients = {}
    for username in ("radgiver", "leder", "seksjonsleder", "planlegger"):
        clients[username] = Client(raise_request_exception=False)
        clients[username].force_login(get_user_model().objects.get(username=username))
    if args.explain:
        explain_section(clients, f"/units/{units[codes['section']]}/")
    if not args.only:
        figures["turnover"] = time_turnover({**codes, "region": Unit.objects.get(
            code="NVHF").region.code}, args.requests)
    plan = [("radgiver", "trivial page (login form)", "/login/")]
    plan += [("radgiver", f"{level} {code}", f"/units/{units[code]}/")
             for level, code in codes.items()]
    plan += [("radgiver", "to-do list (/todo/)", "/todo/")]
    # The leaders' start pages: the department (leder) and the section (seksjonsleder).
    plan += [("leder", "trivial page (login form)", "/login/"),
             ("leder", "department NVHF-PHBU-BUP", f"/units/{units['NVHF-PHBU-BUP']}/"),
             ("leder", "to-do list (/todo/)", "/todo/"),
             ("seksjonsleder", "trivial page (login form)", "/login/"),
             ("seksjonsleder", "section NVHF-PHBU-BUP-NORD",
              f"/units/{units['NVHF-PHBU-BUP-NORD']}/"),
             ("seksjonsleder", "to-do list (/todo/)", "/todo/")]
    plan += [("planlegger", "trivial page (login form)", "/login/"),
             ("planlegger", "trust NVHF (aggregates)", f"/units/{units['NVHF']}/"),
             ("planlegger", "region", f"/units/{region}/")]
    for username, client in clients.items():
        trivial = None
        for user, page, url in plan:
            if user != username or (args.only and page.split()[0] != "trivial"
                                    and args.only not in f"{user} {page}"):
                continue
            if args.profile and page.split()[0] != "trivial":
                print(f"--- profile: {user} {page} ---", flush=True)
                profile_cold(client, url)
            row = {"user": user, "page": page,
                   **time_cold(client, url, args.requests, args.warmup)}
            trivial = trivial or row["p95_ms"]
            row["ratio"] = row["p95_ms"] / trivial
            figures["pages"].append(row)
            print(f"  {user:<13} {page:<28} HTTP {row['status']}  p50 {row['p50_ms']:6.1f}"
                  f"  p95 {row['p95_ms']:6.1f} ms  {row['ratio']:4.1f}x trivial", flush=True)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    misses = [row for row in figures["pages"] if row["page"].split()[0] != "trivial"
              and (row["p95_ms"] > TARGET_MS or row["ratio"] > TARGET_RATIO)]
    print(f"targets: p95 < {TARGET_MS} ms and < {TARGET_RATIO}x trivial: "
          + ("all met" if not misses else "missed by " + ", ".join(r["page"] for r in misses)))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
