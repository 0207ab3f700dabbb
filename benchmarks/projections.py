"""Timing of the projection engine (issue 6). Run: .venv/bin/python benchmarks/projections.py

1. National scale: every municipality (357, 2024 numbers), single ages 0-105, both sexes,
   25 years (2026-2050), 20 professions with a stock by age, banded turnover, recruits
   and a pipeline; one point projection. Target under 0.5 s.
2. The same scenario with a 10,000-draw Monte Carlo (10/50/90 bands). Target under 10 s.

The shipped SSB files are read once per process (engine.population.shipped_data); that
first read is timed apart. Each figure is the best of --repeat runs (wall clock).
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from fagkraft.engine import population as pop
from fagkraft.engine.projection import (
    AgeBandValue,
    AreaSpec,
    DemandSpec,
    PopulationSpec,
    ProfessionSpec,
    Scenario,
    StockRow,
    SupplySpec,
    UncertaintySpec,
    project,
)

PROFESSIONS = 20


def national_scenario() -> Scenario:
    data = pop.shipped_data()
    units = set(data.base["unit"]) - {pop.MERGED_ALESUND} | set(pop.ALESUND_PARTS)
    rng = np.random.default_rng(2026)
    professions = []
    for i in range(PROFESSIONS):
        ages = np.arange(25, 67)
        fte = rng.uniform(0.5, 6.0, len(ages)).round(2)
        stock = tuple(StockRow(int(a), float(f), float(np.ceil(f))) for a, f in zip(ages, fte,
                                                                                   strict=True))
        served = (0, 17) if i % 2 == 0 else (18, 105)
        professions.append(
            ProfessionSpec(
                f"profession_{i + 1:02d}",
                DemandSpec(base_fte=float(fte.sum()) * 1.1, adjustment_percent_per_year=0.5,
                           ages=served),
                SupplySpec(
                    stock=stock,
                    turnover_percent=7.0,
                    turnover_percent_by_age=(AgeBandValue(0, 29, 12.0, "-29"),
                                             AgeBandValue(30, 44, 8.0, "30-44"),
                                             AgeBandValue(45, 59, 6.0, "45-59"),
                                             AgeBandValue(60, None, 10.0, "60-")),
                    retirement_age=67, recruits_per_year=6.0, recruit_age=32.5,
                    pipeline=((2028, 2.0), (2030, 3.0)),
                ),
            )
        )
    return Scenario(
        "national benchmark", 2026, 2050,
        PopulationSpec(area=AreaSpec("municipalities", tuple(sorted(units)))),
        tuple(professions), UncertaintySpec(),
    )


def best_of(repeat: int, run) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", help="Write the figures to this file as JSON.")
    options = parser.parse_args()

    start = time.perf_counter()
    pop.shipped_data()
    load = time.perf_counter() - start
    scenario = national_scenario()
    point = best_of(options.repeat, lambda: project(scenario))
    population_only = best_of(options.repeat, lambda: pop.build_population(
        scenario.population, scenario.years))
    monte_carlo = best_of(max(1, options.repeat - 1),
                          lambda: project(scenario, draws=options.draws, seed=1))
    figures = {
        "read_shipped_ssb_files_s": round(load, 3),
        "population_all_municipalities_25_years_s": round(population_only, 3),
        "national_point_projection_20_professions_s": round(point, 3),
        f"monte_carlo_{options.draws}_draws_s": round(monte_carlo, 3),
    }
    print(f"Read the shipped SSB files (once per process): {load:.3f} s")
    print(f"Population, {len(scenario.population.area.codes)} municipalities x 106 ages x "
          f"2 sexes x {len(scenario.years)} years x 3 alternatives: {population_only:.3f} s")
    print(f"National point projection, {PROFESSIONS} professions by age: {point:.3f} s "
          "(target < 0.5 s)")
    print(f"Monte Carlo, {options.draws:,} draws: {monte_carlo:.3f} s (target < 10 s)")
    if options.json:
        with open(options.json, "w", encoding="utf-8") as handle:
            json.dump(figures, handle, indent=2)


if __name__ == "__main__":
    main()
