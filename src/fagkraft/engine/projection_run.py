"""Running a scenario: population, point projection, Monte Carlo bands, tornado chart."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from fagkraft.engine import population as pop
from fagkraft.engine.population import PopulationSource
from fagkraft.engine.projection_core import (
    Offsets,
    demand_matrix,
    served_weights,
    supply_matrix,
    uncertainty_rows,
)
from fagkraft.engine.projection_types import (
    ALTERNATIVES,
    PopulationNote,
    ProfessionSpec,
    Progress,
    ProjectionResult,
    Scenario,
)

PERCENTILES = (10, 50, 90)


def population_for(
    scenario: Scenario, population: PopulationSource | None
) -> pop.PopulationProjection:
    """The single-age projection the scenario runs on (see engine.projection.project)."""
    years = scenario.years
    if isinstance(population, pop.PopulationProjection):
        missing = [year for year in years if year not in population.years]
        if missing:
            raise pop.AreaError(
                "year_out_of_range", f"The population has no figures for {missing[0]}",
                year=str(missing[0]),
            )
        return population
    if population is None and scenario.population.file:
        table = pop.read_ssb_table(scenario.population.file)
        return pop.projection_from_table(table, years, label=scenario.population.file)
    data = population if isinstance(population, pop.PopulationData) else None
    return pop.build_population(scenario.population, years, data)


@dataclass(frozen=True)
class ProfessionRun:
    """Demand and supply (draws, years) of one profession, and what fed them."""

    demand: np.ndarray
    supply: np.ndarray
    served: dict[str, np.ndarray]

    @property
    def gap(self) -> np.ndarray:
        gap: np.ndarray = self.demand - self.supply
        return gap


def served_population(
    scenario: Scenario, profession: ProfessionSpec, projection: pop.PopulationProjection
) -> dict[str, np.ndarray]:
    weights = served_weights(profession.demand, scenario.population.ages)
    chosen = scenario.population.alternative
    served = {alt: projection.alternative(alt) @ weights for alt in ALTERNATIVES}
    # The chosen alternative is the centre of the draws; the others keep their place
    # around it only when the centre is the main alternative.
    if chosen != "MMMM":
        served = {alt: served[chosen] for alt in ALTERNATIVES}
    return served


def run_profession(
    scenario: Scenario,
    profession: ProfessionSpec,
    projection: pop.PopulationProjection,
    offsets: Offsets,
    extra_completions: np.ndarray | None = None,
) -> ProfessionRun:
    years = np.asarray(scenario.years)
    served = served_population(scenario, profession, projection)
    demand = demand_matrix(profession.demand, served, years, scenario.base_year, offsets)
    supply = supply_matrix(profession.supply, years, offsets, extra_completions)
    return ProfessionRun(demand, supply, served)


def run_projection(
    scenario: Scenario,
    population: PopulationSource | None,
    draws: int,
    seed: int,
    progress: Progress | None,
) -> ProjectionResult:
    projection = population_for(scenario, population)
    years = scenario.years
    rng = np.random.default_rng(seed)
    frames = []
    served_frames = []
    notes = list(projection.notes)
    approximate = projection.approximate
    total = len(scenario.professions)
    for done, profession in enumerate(scenario.professions, start=1):
        point = run_profession(scenario, profession, projection, Offsets.zeros())
        frame = pd.DataFrame(
            {
                "profession": profession.name,
                "year": years,
                "demand_fte": point.demand[0],
                "supply_fte": point.supply[0],
                "gap_fte": point.gap[0],
            }
        )
        if draws > 0:
            offsets = Offsets.drawn(scenario.uncertainty_for(profession), draws, rng)
            drawn = run_profession(scenario, profession, projection, offsets)
            for name, values in (("demand", drawn.demand), ("supply", drawn.supply),
                                 ("gap", drawn.gap)):
                # Years as contiguous rows: partitioning along them is much faster.
                bands = np.percentile(np.ascontiguousarray(values.T), PERCENTILES, axis=1)
                for level, band in zip(PERCENTILES, bands, strict=True):
                    frame[f"{name}_p{level}"] = band
        frames.append(frame)
        served_frames.append(
            pd.DataFrame(
                {"profession": profession.name, "year": years, "served": point.served["MMMM"]}
            )
        )
        ages = profession.demand.ages or scenario.population.ages
        if pop.splits_age_groups(projection, ages):
            approximate = True
            notes.append(
                PopulationNote(
                    "ages_split_group",
                    f"The served ages {ages[0]}-{ages[1]} of {profession.name} split an SSB "
                    "age group; the 2023 age structure within the group is used.",
                    (("profession", profession.name), ("low", str(ages[0])),
                     ("high", str(ages[1]))),
                )
            )
        if progress is not None:
            progress(done, total)
    return ProjectionResult(
        scenario=scenario,
        table=pd.concat(frames, ignore_index=True),
        assumptions=assumptions_frame(scenario, projection),
        population=pd.concat(served_frames, ignore_index=True),
        draws=draws,
        seed=seed,
        approximate_population=approximate,
        population_notes=tuple(notes),
    )


def _format_pairs(pairs: tuple[tuple[int, float], ...]) -> str:
    return ", ".join(f"{year}: {value:g}" for year, value in sorted(pairs)) or "-"


def assumptions_frame(scenario: Scenario, projection: pop.PopulationProjection) -> pd.DataFrame:
    """The inputs actually used, one row per profession and assumption (values as text)."""
    rows: list[tuple[str, str, str]] = []
    for profession in scenario.professions:
        demand, supply = profession.demand, profession.supply
        ages = demand.ages or scenario.population.ages
        turnover = (
            ", ".join(f"{band.label or band.lower}: {band.value:g} %"
                      for band in supply.turnover_percent_by_age)
            + (f"; other ages {supply.turnover_percent:g} %")
            if supply.turnover_percent_by_age
            else f"{supply.turnover_percent:g} %"
        )
        rows += [
            (profession.name, "area", projection.label or "-"),
            (profession.name, "alternative", scenario.population.alternative),
            (profession.name, "served_ages", f"{ages[0]}-{ages[1]}"),
            (profession.name, "age_weights", ", ".join(
                f"{band.label or band.lower}: {band.value:g}" for band in demand.age_weights
            ) or "-"),
            (profession.name, "base_demand_fte", f"{demand.base_value():.2f}"),
            (profession.name, "demand_from", "activity (WISN)" if demand.base_fte is None
             else "FTE"),
            (profession.name, "adjustment_percent_per_year",
             f"{demand.adjustment_percent_per_year:g}"),
            (profession.name, "adjustment_path", _format_pairs(demand.adjustment_path)),
            (profession.name, "base_supply_fte", f"{supply.base_value():.2f}"),
            (profession.name, "supply_detail", "by age" if supply.has_ages else "plain FTE"),
            (profession.name, "turnover", turnover),
            (profession.name, "retirement_age",
             str(supply.retirement_age) if supply.has_ages else "- (no ages)"),
            (profession.name, "recruits_per_year", f"{supply.recruits_per_year:g}"),
            (profession.name, "recruit_age", f"{supply.recruit_age:g}"),
            (profession.name, "fte_per_person", f"{supply.person_fte():.3f}"),
            (profession.name, "pipeline", _format_pairs(supply.pipeline)),
        ]
    return pd.DataFrame(rows, columns=["profession", "assumption", "value"])


def _describe(name: str, offset: float, profession: ProfessionSpec) -> str:
    """The input value at one end of its range, as the user would read it."""
    demand, supply = profession.demand, profession.supply
    if name == "population":
        return "LLML" if offset < 0 else "HHMH"
    if name == "base_demand_percent":
        return f"{demand.base_value() * (1 + offset / 100):.1f} FTE ({offset:+g} %)"
    if name == "adjustment_percent_per_year":
        return f"{demand.adjustment_percent_per_year + offset:g} %/yr"
    if name == "turnover_percent":
        if supply.turnover_percent_by_age:
            return f"{offset:+g} pp"
        return f"{max(supply.turnover_percent + offset, 0.0):g} %"
    if name == "recruits_percent":
        return f"{supply.recruits_per_year * (1 + offset / 100):g}/yr ({offset:+g} %)"
    return f"{offset:+g} %"


def run_tornado(
    scenario: Scenario, profession_name: str, year: int, population: PopulationSource | None
) -> pd.DataFrame:
    profession = scenario.profession(profession_name)
    if year not in scenario.years:
        raise ValueError(f"{year} is outside {scenario.base_year}-{scenario.end_year}")
    projection = population_for(scenario, population)
    rows = uncertainty_rows(scenario.uncertainty_for(profession), profession)
    size = 1 + 2 * len(rows)
    values = {name: np.zeros(size) for name in Offsets.__dataclass_fields__}
    for i, (name, low, high) in enumerate(rows):
        values[name][1 + 2 * i] = low
        values[name][2 + 2 * i] = high
    run = run_profession(scenario, profession, projection, Offsets(**values))
    gap = run.gap[:, scenario.years.index(year)]
    table = pd.DataFrame(
        [
            {
                "assumption": name,
                "low_value": _describe(name, low, profession),
                "high_value": _describe(name, high, profession),
                "low_offset": low,
                "high_offset": high,
                "gap_low": gap[1 + 2 * i],
                "gap_high": gap[2 + 2 * i],
                "swing": abs(gap[2 + 2 * i] - gap[1 + 2 * i]),
                "base_gap": gap[0],
            }
            for i, (name, low, high) in enumerate(rows)
        ],
        columns=["assumption", "low_value", "high_value", "low_offset", "high_offset",
                 "gap_low", "gap_high", "swing", "base_gap"],
    )
    return table.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
