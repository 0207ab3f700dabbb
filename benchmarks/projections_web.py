"""Time the web side of projections on a seeded demo database (not part of the tests).

    FAGKRAFT_DB=/path/demo.sqlite3 .venv/bin/python benchmarks/projections_web.py [--draws N]

Prints, for Nordvik HF's PHBU clinic (psychologists and child psychiatrists): the time to
build a scenario from the register (stock, demand, turnover estimate, recruits, pipeline),
a run with the web's draws (projection, tornado and intake; cache cleared first), and a
cached run. Nothing is written: the scenario document is built but not saved.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--draws", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagkraft.settings")
    os.environ.setdefault("FAGKRAFT_DEV_MODE", "true")  # a local run: development key
    import django

    django.setup()
    from django.core.cache import cache

    from fagkraft.projections import register, runs
    from fagkraft.workforce.models import Unit

    trust = Unit.objects.get(code="NVHF")
    today = dt.date.today()
    started = time.perf_counter()
    built = register.build(name="bench", unit=trust, service_area="phbu",
                           professions=["psychologist", "child-psychiatrist"], today=today,
                           base_year=today.year, end_year=2040, area={"counties": ["31"]})
    print(f"build from the register: {time.perf_counter() - started:.3f} s")
    options = runs.Options(draws=args.draws)
    timings = []
    for _ in range(args.repeat):
        cache.clear()
        started = time.perf_counter()
        runs.run(built.document, options)
        timings.append(time.perf_counter() - started)
    draws = args.draws if args.draws is not None else runs.web_draws()
    print(f"run with {draws} draws (uncached): min {min(timings):.3f} s, "
          f"max {max(timings):.3f} s over {args.repeat}")
    started = time.perf_counter()
    runs.run(built.document, options)
    print(f"cached run: {(time.perf_counter() - started) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
