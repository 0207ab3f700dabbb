"""The frozen dataclasses of a projection scenario and its results (issue 6).

Plain data only: this module imports nothing else from the engine, so every engine module
(and the Django side) can import it without a cycle. `fagkraft.engine.projection` is the
public façade that re-exports these with the functions that use them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

# A progress callback gets (steps done, steps in all); the CLI draws a bar with it.
Progress = Callable[[int, int], None]

ALTERNATIVES: tuple[str, ...] = ("MMMM", "HHMH", "LLML")
MAX_AGE = 105  # SSB's top single age (105 = 105 or older)
MINUTES_PER_HOUR = 60.0


@dataclass(frozen=True)
class AgeBandValue:
    """A value for the ages lower..upper inclusive; upper None = no upper limit.

    The file syntax for a band is "-29" (up to 29), "30-44", "60-" (60 and older) or a
    single age "45"; `label` keeps what the user wrote.
    """

    lower: int
    upper: int | None
    value: float
    label: str = ""


@dataclass(frozen=True)
class AreaSpec:
    """Which population: kind "country" (codes ("NO",)), "counties" or "municipalities".

    County and municipality codes may be given in the 2024 numbering (31 Østfold, 3101
    Halden, ...) or the 2020-2023 one (30 Viken, 3001 Halden, ...); the latter are mapped
    to 2024 codes with a note in the result (engine.population.resolve_area).
    """

    kind: Literal["country", "counties", "municipalities"] = "country"
    codes: tuple[str, ...] = ("NO",)


@dataclass(frozen=True)
class PopulationSpec:
    """Population input. `ages` is the served age range (inclusive) for every profession
    that does not give its own. `file` is an optional SSB table (CSV or JSON-stat) with a
    single-age projection for the area, replacing the shipped data
    (engine.population.read_ssb_table documents the columns it understands)."""

    area: AreaSpec = field(default_factory=AreaSpec)
    alternative: str = "MMMM"
    ages: tuple[int, int] = (0, MAX_AGE)
    file: str | None = None


@dataclass(frozen=True)
class ActivitySpec:
    """Base-year activity turned into FTE with WISN:
    FTE = annual_activity x minutes_per_unit / 60 / available_hours x CAF."""

    annual_activity: float
    minutes_per_unit: float
    available_hours: float
    category_allowance_factor: float = 1.0

    def fte(self) -> float:
        """WISN's staff for one activity, the scalar case of engine.wisn.fte_for_activity
        (written out here so this module stays free of engine imports; a test checks
        that the two agree)."""
        hours = self.annual_activity * self.minutes_per_unit / MINUTES_PER_HOUR
        return float(hours / self.available_hours * self.category_allowance_factor)


@dataclass(frozen=True)
class DemandSpec:
    """Base-year demand (FTE, or activity through WISN) and how it changes.

    adjustment_path: (year, factor) points, factor relative to the base year (1.0 there),
    linear between the points and held after the last one; combined multiplicatively with
    adjustment_percent_per_year. age_weights: use per person by age band (ages not covered
    weigh 1.0); ages: served age range, overriding PopulationSpec.ages.
    """

    base_fte: float | None = None
    activity: ActivitySpec | None = None
    adjustment_percent_per_year: float = 0.0
    adjustment_path: tuple[tuple[int, float], ...] = ()
    ages: tuple[int, int] | None = None
    age_weights: tuple[AgeBandValue, ...] = ()

    def base_value(self) -> float:
        """Base-year demand in FTE (from activity through WISN when no base_fte is given)."""
        if self.base_fte is not None:
            return float(self.base_fte)
        if self.activity is None:
            raise ValueError("DemandSpec needs base_fte or activity")
        return self.activity.fte()


@dataclass(frozen=True)
class StockRow:
    """Staff of one age in the base year (rows of the same age are added up)."""

    age: int
    fte: float
    headcount: float = 1.0


@dataclass(frozen=True)
class SupplySpec:
    """Base-year supply and its flows.

    Either `fte` (plain FTE, no age detail: no retirements) or `stock` (by age). Turnover:
    `turnover_percent_by_age` bands where given, `turnover_percent` for every other age.
    Recruits and pipeline completions are persons; each brings `fte_per_person` FTE
    (default: the stock's FTE / headcount, or 1.0 for a plain supply) and joins at
    `recruit_age` (a fractional mean age is split between the two neighbouring ages).
    pipeline: (year, persons completing that year). education_years: how long an
    education position takes, used by intake_to_close.
    """

    fte: float | None = None
    stock: tuple[StockRow, ...] = ()
    turnover_percent: float = 0.0
    turnover_percent_by_age: tuple[AgeBandValue, ...] = ()
    retirement_age: int = 67
    recruits_per_year: float = 0.0
    recruit_age: float = 35.0
    fte_per_person: float | None = None
    pipeline: tuple[tuple[int, float], ...] = ()
    education_years: int = 5

    @property
    def has_ages(self) -> bool:
        return bool(self.stock)

    def base_value(self) -> float:
        if self.stock:
            return float(sum(row.fte for row in self.stock))
        return float(self.fte or 0.0)

    def person_fte(self) -> float:
        if self.fte_per_person is not None:
            return float(self.fte_per_person)
        headcount = sum(row.headcount for row in self.stock)
        if self.stock and headcount > 0:
            return float(sum(row.fte for row in self.stock) / headcount)
        return 1.0


@dataclass(frozen=True)
class UncertaintySpec:
    """What Monte Carlo draws vary, each as (low, high) around the point value; draws are
    triangular(low, 0, high) offsets, and the same low/high drive the tornado chart.

    population: draw the population path between SSB's low (LLML, at -1) and high (HHMH,
    at +1) alternatives around the main one (triangular -1, 0, 1).
    base_demand_percent: relative change of base-year demand, in percent.
    adjustment_percent_per_year: added to the yearly adjustment, percentage points.
    turnover_percent: added to every age's turnover rate, percentage points (kept >= 0).
    recruits_percent / pipeline_percent: relative change of recruits / completions, percent
    (pipeline_percent also applies to the intake solver's new positions).
    """

    population: bool = True
    base_demand_percent: tuple[float, float] = (0.0, 0.0)
    adjustment_percent_per_year: tuple[float, float] = (-0.5, 0.5)
    turnover_percent: tuple[float, float] = (-2.0, 2.0)
    recruits_percent: tuple[float, float] = (-25.0, 25.0)
    pipeline_percent: tuple[float, float] = (-30.0, 0.0)


@dataclass(frozen=True)
class ProfessionSpec:
    name: str
    demand: DemandSpec
    supply: SupplySpec
    uncertainty: UncertaintySpec | None = None  # None: the scenario's


@dataclass(frozen=True)
class Scenario:
    name: str
    base_year: int
    end_year: int
    population: PopulationSpec
    professions: tuple[ProfessionSpec, ...]
    uncertainty: UncertaintySpec = field(default_factory=UncertaintySpec)
    description: str = ""

    @property
    def years(self) -> list[int]:
        return list(range(self.base_year, self.end_year + 1))

    def profession(self, name: str) -> ProfessionSpec:
        for profession in self.professions:
            if profession.name == name:
                return profession
        raise KeyError(name)

    def uncertainty_for(self, profession: ProfessionSpec) -> UncertaintySpec:
        return profession.uncertainty or self.uncertainty


@dataclass(frozen=True)
class PopulationNote:
    """Why a population figure is approximate or was mapped. `code` is stable (the web
    side translates by it), `params` fills the message, `text` is the English message."""

    code: str
    text: str
    params: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ProjectionResult:
    """table: one row per profession and year with demand_fte, supply_fte, gap_fte and,
    when draws > 0, demand_/supply_/gap_ p10, p50, p90. assumptions: profession,
    assumption, value (the inputs actually used, as text). population: profession, year,
    served (the weighted served population by year, in the scenario's alternative)."""

    scenario: Scenario
    table: pd.DataFrame
    assumptions: pd.DataFrame
    population: pd.DataFrame
    draws: int
    seed: int
    approximate_population: bool
    population_notes: tuple[PopulationNote, ...]

    def for_profession(self, name: str) -> pd.DataFrame:
        return self.table[self.table["profession"] == name].reset_index(drop=True)


@dataclass(frozen=True)
class IntakeResult:
    """The smallest constant number of new education positions per year that brings the
    (median, when draws > 0) gap at target_year to zero or below.

    cohorts: DataFrame intake_year, completion_year, positions (only cohorts that complete
    by the target year are counted). gap_with_intake / gap_with_one_fewer: the (median)
    gap at the target year with `positions_per_year` and with one position fewer (None
    when no positions are needed). feasible: False when no cohort can complete by the
    target year, or when even `max_positions` does not close the gap (then
    positions_per_year is None). table: profession's year table with the intake added.
    """

    profession: str
    target_year: int
    positions_per_year: int | None
    first_intake_year: int
    education_years: int
    cohorts: pd.DataFrame
    gap_without_intake: float
    gap_with_intake: float | None
    gap_with_one_fewer: float | None
    feasible: bool
    table: pd.DataFrame
