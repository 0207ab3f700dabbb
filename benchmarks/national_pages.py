"""One user at a time on the national register: each page's own cost, cold and warm.

The load test (`national_load.py`) shows what 50 users get; when the workers are
saturated every page waits behind the others and its figures say little about which page
costs what. This script takes the same logins and pages, one user of each kind (the first
`national_load.plan_users` picks), and requests each page in-process (Django's test
client, logged in without the password check): once after emptying the cache ("cold"),
then `--warm` times ("warm", the median), counting the SQL queries of the warm run.
Run it on the database `national_load.py` seeded (it must exist):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python benchmarks/national_pages.py [--warm 3] [--only PAGE]

Prints per page and kind of user: cold ms, warm ms, warm queries; the load average.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
import national_load  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warm", type=int, default=3)
    parser.add_argument("--only", default="", help="only pages whose name contains this")
    parser.add_argument("--regions", type=int, default=4)
    parser.add_argument("--pg-database", default=national_load.DB_NAME)
    parser.add_argument("--redis-url", default=national_load.DEFAULT_REDIS)
    parser.add_argument("--queries", type=int, default=0, metavar="N",
                        help="print the N slowest SQL queries of each page's last warm run")
    parser.add_argument("--profile", choices=("cold", "warm"),
                        help="print a cProfile (top 30, cumulative) of one more run")
    args = parser.parse_args()
    national_load.prepare_environment(SimpleNamespace(
        pg_database=args.pg_database, redis_url=args.redis_url, workers=1, reuse=True))
    os.environ["FAGKRAFT_DEV_MODE"] = "true"
    kinds = national_load.plan_users(SimpleNamespace(regions=args.regions, users=50))
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from fagkraft.core import recent

    seen: set[str] = set()
    print(f"{'page':<22} {'user':<20} {'cold ms':>8} {'warm ms':>8} {'queries':>8}")
    for user in kinds:
        if user.label in seen:
            continue
        seen.add(user.label)
        client = Client()
        client.force_login(get_user_model().objects.get(username=user.username))
        for page, path in user.pages:
            if args.only and args.only not in page:
                continue
            cache.clear()
            recent.clear()  # and what this process keeps (core.recent)
            started = time.perf_counter()
            status = client.get(path, follow=True).status_code
            cold = (time.perf_counter() - started) * 1000
            warm = []
            for _ in range(args.warm):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    client.get(path, follow=True)
                    warm.append((time.perf_counter() - started) * 1000)
            note = "" if status == 200 else f"  (HTTP {status})"
            print(f"{page:<22} {user.label:<20} {cold:>8.0f} {statistics.median(warm):>8.0f} "
                  f"{len(queries):>8}{note}", flush=True)
            slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
            for query in slowest[:args.queries]:
                print(f"    {float(query['time']) * 1000:7.1f} ms  {query['sql'][:400]}")
            if args.profile:
                if args.profile == "cold":
                    cache.clear()
                    recent.clear()  # and what this process keeps (core.recent)
                profile = cProfile.Profile()
                profile.runcall(client.get, path, follow=True)
                lines = int(os.environ.get("PROFILE_LINES", "30"))
                pstats.Stats(profile).sort_stats("cumulative").print_stats(lines)
                pstats.Stats(profile).sort_stats("tottime").print_stats(15)
    print(f"load {Path('/proc/loadavg').read_text().strip()}")


if __name__ == "__main__":
    main()
