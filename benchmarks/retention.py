"""Timing of the retention engine (issue 13). Run: .venv/bin/python benchmarks/retention.py

A generated register of 100,000 employment spells (seeded; invented ids) over 2001-2024,
half of them ended with a random cause, the register observed from 01.01.2015:

1. Kaplan-Meier curves by profession (five groups). Target under 1 s.
2. The CLI's whole summary: the curve, cumulative incidence per cause, and the year's
   leaver rate and stability index, overall and per cause.

Each figure is the best of --repeat runs (wall clock). The database read (adapter) is
not included: this times the engine on its plain inputs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time
from collections.abc import Callable

from fagkraft.engine import retention as r

PROFESSIONS = ("psychologist", "doctor", "nurse", "social-worker", "other")
AS_OF = dt.date(2024, 12, 31)
OBSERVED_FROM = dt.date(2015, 1, 1)


def register(count: int, seed: int = 2026) -> tuple[list[r.Spell], dict[str, str]]:
    generator = random.Random(seed)
    first = dt.date(2010, 1, 1)
    spells, profession = [], {}
    for number in range(count):
        start = first + dt.timedelta(days=generator.randint(-3000, 5000))
        ended = generator.random() < 0.5
        end = start + dt.timedelta(days=generator.randint(0, 4000)) if ended else None
        employee = f"B{number}"
        spells.append(r.Spell(employee, start, end, generator.choice(r.CAUSES) if ended else None))
        profession[employee] = generator.choice(PROFESSIONS)
    return spells, profession


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--spells", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    spells, profession = register(args.spells)
    by_profession = best_of(args.repeat, lambda: r.curves_by_group(
        spells, lambda spell: profession[spell.employee], AS_OF, OBSERVED_FROM))
    summary = best_of(args.repeat, lambda: r.summarise(spells, AS_OF, OBSERVED_FROM))
    print(f"{args.spells} spells: curves by profession {by_profession:.3f} s (target < 1 s); "
          f"whole summary {summary:.3f} s")


if __name__ == "__main__":
    main()
