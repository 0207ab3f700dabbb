"""Timing of a trust's retention curves by profession on a 100,000-employee register
(issue 13; target under 1 s). Run: .venv/bin/python benchmarks/retention_curves.py

A synthetic register is generated in memory with a seeded numpy RNG (invented ids): N
people over 4 trusts and 8 professions, hire dates uniform over the 20 years before
30.06.2026, tenure exponential (mean 10 years), so people hired long ago have mostly
left; a leaver's cause is left the trust / internal move / retired (70 / 20 / 10 %).

Timed, for the first trust (about N/4 spells), median and p95 of --repeat runs:

1. engine: the engine calls the retention page makes for "by profession" (the total
   curve, a curve per profession, the hiring cohorts' curves, the leaver rate and
   stability index of each of the ten years shown, and the competing causes);
2. report: the page's own report function, `retention.reports.retention_report`, with
   `by=profession` for a planner (disclosure control on), its database read of the
   spells replaced by the generated ones: the engine plus the disclosure table;
3. region: the same report for all 4 trusts together (N spells).

The database read (adapter.retention.spells_for_unit) is not included.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time
from collections.abc import Callable
from typing import Any

import numpy as np
from timing import timed

from fagkraft.engine import retention as engine

TODAY = dt.date(2026, 6, 30)
TRUSTS = ("T1", "T2", "T3", "T4")
PROFESSIONS = ("psychologist", "doctor", "nurse", "social_worker", "specialist_nurse",
               "child_welfare", "occupational_therapist", "other")
# Shares of the professions in a mental health service (invented, roughly realistic).
PROFESSION_SHARES = (0.15, 0.12, 0.30, 0.10, 0.10, 0.08, 0.05, 0.10)
CAUSE_SHARES = (0.7, 0.2, 0.1)  # engine.CAUSES: left the trust, internal move, retired
MEAN_TENURE_DAYS = 10 * 365


def register(people: int, seed: int = 2026) -> list[engine.Spell]:
    rng = np.random.default_rng(seed)
    first = TODAY - dt.timedelta(days=20 * 365)
    hired = rng.integers(0, 20 * 365, size=people)
    tenure = rng.exponential(MEAN_TENURE_DAYS, size=people).astype(int) + 1
    trust = rng.integers(0, len(TRUSTS), size=people)
    profession = rng.choice(len(PROFESSIONS), size=people, p=PROFESSION_SHARES)
    specialist = rng.random(size=people) < 0.4
    cause = rng.choice(len(engine.CAUSES), size=people, p=CAUSE_SHARES)
    birth_year = rng.integers(1955, 2000, size=people)
    spells = []
    for i in range(people):
        start = first + dt.timedelta(days=int(hired[i]))
        end = start + dt.timedelta(days=int(tenure[i]))
        ended = end <= TODAY
        code = TRUSTS[int(trust[i])]
        spells.append(engine.Spell(
            f"E{i}", start, end if ended else None,
            engine.CAUSES[int(cause[i])] if ended else None,
            {"profession": PROFESSIONS[int(profession[i])],
             "specialist": bool(specialist[i]), "unit": code, "unit_path": f"/{code}/",
             "position_type": "permanent", "birth_year": int(birth_year[i])}))
    return spells


def engine_path(spells: list[engine.Spell]) -> None:
    """The engine calls of reports.retention_report for by=profession (see there)."""
    observed_from = min(s.start for s in spells)
    observation = engine.observe(spells, TODAY, observed_from)
    engine.kaplan_meier(observation)
    engine.curves_by_group(spells, engine.GROUP_KEYS["profession"], TODAY, observed_from,
                           min_group_size=1)
    engine.curves_by_group(spells, engine.hiring_cohort, TODAY, observed_from,
                           min_group_size=1)
    table = engine.SpellTable.of(spells)
    for year in range(TODAY.year - 9, TODAY.year + 1):
        engine.period_indices(table, min(dt.date(year, 12, 31), TODAY))
    engine.cumulative_incidence(observation)


def report_path() -> Callable[[list[engine.Spell]], Any]:
    """The page's report function with the generated spells in place of the register."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fagkraft.settings")
    os.environ.setdefault("FAGKRAFT_DEV_MODE", "true")  # a local run: development key
    import django

    django.setup()
    from fagkraft.retention import reports
    from fagkraft.workforce.models import Unit

    # Labels come from the Profession table; the codes stand in (no database needed).
    reports._label_function = lambda unit, by: str  # type: ignore[assignment]
    unit = Unit(code="T1", name="T1", path="/T1/")

    def run(spells: list[engine.Spell]) -> Any:
        reports.spells_for_unit = lambda _unit: spells  # type: ignore[assignment]
        report = reports.retention_report(unit, reports.Selection(by="profession"), TODAY,
                                          protected=True)
        assert len(report.groups) == len(PROFESSIONS)
        return report

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    spells = register(args.people)
    generated = time.perf_counter() - started
    trust = [s for s in spells if s.facts["unit"] == TRUSTS[0]]
    employed = sum(1 for s in trust if s.end is None)
    print(f"register: {len(spells):,} spells over {len(TRUSTS)} trusts, "
          f"{len(PROFESSIONS)} professions (generated in {generated:.2f} s); "
          f"trust {TRUSTS[0]}: {len(trust):,} spells, {employed:,} employed on {TODAY}, "
          f"{len(trust) - employed:,} ended")
    report = report_path()
    for name, work in (("engine, trust by profession", lambda: engine_path(trust)),
                       ("report, trust by profession", lambda: report(trust)),
                       ("report, region (4 trusts) by profession", lambda: report(spells))):
        median, p95 = timed(args.repeat, work)
        print(f"{name}: median {median:.3f} s, p95 {p95:.3f} s "
              f"({args.repeat} runs; target < 1 s)")


if __name__ == "__main__":
    main()
