"""Time the goal pages on a seeded demo database (not part of the tests).

    FAGKRAFT_DB=/path/demo.sqlite3 .venv/bin/python benchmarks/goals_page.py [--repeat N]

Signs in as the demo's planner (the widest scope: the region, with disclosure control)
and the adviser, and fetches every demo goal's page N times through Django's test client.
Prints per role: the first view of each page with the cache cleared (every register
series computed), and p50 / p95 / max over the repeated views (series from the cache,
keyed on the data version). Target (issue 13): p95 under 300 ms. Nothing is written but
the closed years of the series (goals.history), which the first view of a day keeps.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagkraft.settings")
    os.environ.setdefault("FAGKRAFT_DEV_MODE", "true")  # a local run: development key
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import setup_test_environment

    from fagkraft.goals.models import Goal

    setup_test_environment()  # the test client's ALLOWED_HOSTS ("testserver")
    goals = list(Goal.objects.order_by("pk").values_list("pk", flat=True))
    if not goals:
        raise SystemExit("No goals: seed the demo first (fagkraft seed-demo).")
    for username in ("planlegger", "radgiver"):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        cache.clear()
        cold = []
        for pk in goals:
            started = time.perf_counter()
            response = client.get(f"/goals/{pk}/")
            cold.append((time.perf_counter() - started) * 1000)
            if response.status_code not in (200, 404):
                raise SystemExit(f"/goals/{pk}/ answered {response.status_code}")
        warm = []
        for _ in range(args.repeat):
            for pk in goals:
                started = time.perf_counter()
                client.get(f"/goals/{pk}/")
                warm.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        client.get("/goals/")
        listing = (time.perf_counter() - started) * 1000
        print(f"{username}: {len(goals)} goals; first view (cache cleared) "
              f"median {statistics.median(cold):.0f} ms, max {max(cold):.0f} ms; "
              f"repeated views p50 {statistics.median(warm):.1f} ms, "
              f"p95 {_p95(warm):.1f} ms, max {max(warm):.1f} ms "
              f"({len(warm)} views); goal list {listing:.0f} ms")


if __name__ == "__main__":
    main()
