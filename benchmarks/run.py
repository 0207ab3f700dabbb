"""Benchmarks: seed 100,000 employees, import a 100,000-row HR file, time the unit pages.

Run on demand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/run.py                     # SQLite, /tmp/fagkraft_bench.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/run.py

With DATABASE_URL set the script creates (drops first) a database named fagkraft_bench on
that server. Steps, each timed and printed:

1. a fresh database, `fagkraft migrate`, `fagkraft seed-demo --employees N`;
2. response times of the unit page (section, department, clinic), the trust page and the
   API employee list, as the adviser (radgiver) and the unit leader (leder), measured
   in-process with django.test.Client: a warm-up, then R requests each, p50/p95/max;
3. an HR file with M new employees (employee numbers 900000 and up, which the demo never
   uses) spread over the sections of all trusts, in the import format of
   fagkraft.workforce.hr_columns, imported with `fagkraft import employees FILE`.

Targets from the issue: import under 60 s; unit page p95 under 300 ms.
See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from timing import percentile

REPO = Path(__file__).resolve().parent.parent
FAGKRAFT = str(Path(sys.executable).with_name("fagkraft"))
BENCH_DB_NAME = "fagkraft_bench"
TODAY = "2026-06-30"  # fixed, so runs on different days compare


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=100_000)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--sqlite", default="/tmp/fagkraft_bench.sqlite3",
                        help="SQLite file when DATABASE_URL is not set")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the existing benchmark database: skip creating and seeding")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    return parser.parse_args()


# --- 1. database and seed ---------------------------------------------------------------


def prepare_environment(args: argparse.Namespace) -> str:
    """Point this process and its children at the benchmark database; return a label."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagkraft.settings")
    os.environ.setdefault("FAGKRAFT_DEV_MODE", "true")  # a local run: development key
    url = os.environ.get("DATABASE_URL")
    if url:
        parts = urlsplit(url)
        bench_url = urlunsplit(parts._replace(path=f"/{BENCH_DB_NAME}"))
        os.environ["DATABASE_URL"] = bench_url
        if not args.reuse:
            _recreate_postgres_database(url)
        return f"PostgreSQL ({parts.hostname}:{parts.port or 5432}/{BENCH_DB_NAME})"
    os.environ["FAGKRAFT_DB"] = args.sqlite
    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(args.sqlite + suffix).unlink(missing_ok=True)
    return f"SQLite ({args.sqlite})"


def _recreate_postgres_database(admin_url: str) -> None:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB_NAME}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{BENCH_DB_NAME}"')


def run_cli(*args: str) -> tuple[float, str]:
    """Run a fagkraft command; return its wall time in seconds and its output."""
    started = time.perf_counter()
    done = subprocess.run([FAGKRAFT, *args], cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    output = done.stdout + done.stderr
    if done.returncode != 0:
        raise SystemExit(f"`fagkraft {' '.join(args)}` failed:\n{output[-3000:]}")
    return seconds, output


# --- 2. page timings ---------------------------------------------------------------------


def time_pages(args: argparse.Namespace) -> list[dict]:
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client

    from fagkraft.workforce.models import Unit

    units = {unit.code: unit.pk for unit in Unit.objects.filter(code__in=[
        "NVHF", "NVHF-PHBU", "NVHF-PHBU-BUP", "NVHF-PHBU-BUP-NORD"])}
    pages = {
        "radgiver": [
            ("trust page NVHF", f"/units/{units['NVHF']}/"),
            ("clinic NVHF-PHBU", f"/units/{units['NVHF-PHBU']}/"),
            ("department NVHF-PHBU-BUP", f"/units/{units['NVHF-PHBU-BUP']}/"),
            ("section NVHF-PHBU-BUP-NORD", f"/units/{units['NVHF-PHBU-BUP-NORD']}/"),
            ("API employees (trust)", "/api/employees/?limit=100"),
            ("API positions (trust)", "/api/positions/?limit=100"),
        ],
        "seksjonsleder": [
            ("section NVHF-PHBU-BUP-NORD", f"/units/{units['NVHF-PHBU-BUP-NORD']}/"),
            ("API employees (section)", "/api/employees/?limit=100"),
        ],
    }
    pages["planlegger"] = [("trust page NVHF (aggregates)", f"/units/{units['NVHF']}/")]
    results = []
    for username, targets in pages.items():
        client = Client(raise_request_exception=False)  # a broken page reports 500
        client.force_login(get_user_model().objects.get(username=username))
        for label, url in targets:
            status = None
            for _ in range(args.warmup):
                status = client.get(url).status_code
            # "cold": the cache emptied before each request, as on the first view after
            # any change to the data; "warm": later views of unchanged data.
            for mode in ("cold", "warm"):
                timings = []
                for _ in range(args.requests):
                    if mode == "cold":
                        cache.clear()
                    started = time.perf_counter()
                    status = client.get(url).status_code
                    timings.append((time.perf_counter() - started) * 1000)
                row = {
                    "user": username, "page": label, "url": url, "status": status,
                    "cache": mode,
                    "p50_ms": statistics.median(timings), "p95_ms": percentile(timings, 0.95),
                    "max_ms": max(timings),
                }
                results.append(row)
                flag = "" if status == 200 else f"  (HTTP {status}: page missing or refused)"
                print(f"  {username:<13} {label:<30} {mode:<4} p50 {row['p50_ms']:7.1f} ms  "
                      f"p95 {row['p95_ms']:7.1f} ms  max {row['max_ms']:7.1f} ms{flag}",
                      flush=True)
    return results


# --- 3. HR file and import ---------------------------------------------------------------


def write_hr_file(rows: int, path: Path) -> None:
    """New employees in the HR import format, spread over every section of every trust."""
    import csv
    import datetime as dt
    import random

    from faker import Faker

    from fagkraft.workforce.hr_columns import (
        COLUMN_NAMES,
        POSITION_KIND_WORDS,
        SEX_WORDS,
        export_word,
    )
    from fagkraft.workforce.models import Profession, Unit

    rng = random.Random(99)
    fake = Faker("no_NO")
    fake.seed_instance(99)
    sections = list(Unit.objects.filter(level="section").order_by("code")
                    .values_list("code", flat=True))
    professions = list(Profession.objects.order_by("code").values_list(
        "code", "hpr_category"))
    kinds = [export_word(POSITION_KIND_WORDS, kind) for kind in
             ("permanent", "permanent", "permanent", "temporary", "education")]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(COLUMN_NAMES)
        for index in range(rows):
            female = rng.random() < 0.8
            code, hpr_category = professions[rng.randrange(len(professions))]
            birth = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randint(0, 40 * 365))
            start = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3500))
            # Demo employee numbers stay below 900000, so these are all new people.
            number = 900000 + index
            writer.writerow([
                str(number),
                fake.first_name_female() if female else fake.first_name_male(),
                fake.last_name(),
                birth.strftime("%d.%m.%Y"),
                export_word(SEX_WORDS, "F" if female else "M"),
                str(2000000 + index) if hpr_category else "",
                code,
                sections[_section_for(index, len(sections))],
                rng.choice(("100", "80", "50")),
                rng.choice(kinds),
                start.strftime("%d.%m.%Y"),
                "",
                "",
            ])


def _section_for(index: int, sections: int) -> int:
    # A large prime stride spreads consecutive rows over the sections of all trusts.
    return (index * 7919) % sections


def main() -> None:
    args = parse_args()
    label = prepare_environment(args)
    figures: dict = {"database": label, "employees": args.employees}
    print(f"Database: {label}", flush=True)
    if not args.reuse:
        seconds, _ = run_cli("migrate", "--noinput", "-v", "0")
        print(f"migrate: {seconds:.1f} s", flush=True)
        print(f"seed-demo --employees {args.employees} ...", flush=True)
        seconds, output = run_cli("seed-demo", "--employees", str(args.employees),
                                  "--today", TODAY)
        figures["seed_seconds"] = seconds
        print(output.strip().splitlines()[-2], flush=True)
        print(f"seed: {seconds:.1f} s wall time", flush=True)

    import django

    django.setup()
    from django.db import connections

    print(f"Page response times ({args.requests} requests each after "
          f"{args.warmup} warm-up, django.test.Client in-process):", flush=True)
    figures["pages"] = time_pages(args)
    connections.close_all()

    if not args.skip_import:
        path = Path("/tmp") / f"fagkraft_bench_hr_{args.import_rows}.csv"
        started = time.perf_counter()
        write_hr_file(args.import_rows, path)
        connections.close_all()
        print(f"HR file: {args.import_rows} rows, {path.stat().st_size / 1e6:.1f} MB, "
              f"written in {time.perf_counter() - started:.1f} s", flush=True)
        seconds, output = run_cli("import", "employees", str(path))
        figures["import_seconds"] = seconds
        print(output.strip(), flush=True)
        print(f"import: {seconds:.1f} s wall time (target < 60 s)", flush=True)

    for mode in ("cold", "warm"):
        worst = max((row["p95_ms"] for row in figures["pages"]
                     if row["status"] == 200 and row["cache"] == mode), default=None)
        if worst is not None:
            print(f"worst p95 ({mode} cache) of the pages that answered 200: {worst:.1f} ms "
                  "(target < 300 ms)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
