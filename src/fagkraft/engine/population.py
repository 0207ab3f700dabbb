"""Population input for projections: SSB tables, areas, and single-age projections.

Shipped data (src/fagkraft/engine/data/ssb/, Kilde: Statistisk sentralbyrå, CC BY 4.0):
07459 population 1 Jan 2023 by municipality, single age and sex (2023 municipality
numbers); 14288 projected county totals 2024-2050 (2024 counties); 14746 projected
population by age group for Norway and Telemark 2026-2050. Alternatives MMMM/HHMH/LLML.

How a single-age projection for an area is made (docs/projections.md, "Population"):

- Base: the area's 2023 population by single age and sex (07459), with the 2023
  municipality numbers mapped to 2024 ones (municipality_codes_2023_2024.csv). The former
  Ålesund (1507) cannot be split by age into 1508 Ålesund and 1580 Haram, so those two
  only come together.
- Growth: a region with its own age-group projection in 14746 (Norway, Telemark) grows
  each age by its age group's growth since 2023: G(g, t) = N(g, t) / B(g), with B the
  region's 2023 persons in group g. Any other county grows with Norway's G and is then
  calibrated so that its total equals the county total of 14288: k_c(t) = T_c(t) /
  sum over ages of B_c x G. A municipality takes its county's G and k_c.
- Years between 2023 and the first 14746 year (2026) interpolate G geometrically.
- Within an age group the 2023 age structure is kept, which is why results for areas
  without their own projection, for served ages that split an SSB age group, or for
  interpolated years are flagged as approximations (PopulationNote codes).

Country "NO" uses 14746 "Hele landet" directly; a set of counties uses 14288. The two
are different projection rounds, so the sum of all counties differs from Norway slightly.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from pyjstat import pyjstat

from fagkraft.engine.projection_types import (
    ALTERNATIVES,
    MAX_AGE,
    AreaSpec,
    PopulationNote,
    PopulationSpec,
)

DATA_DIR = Path(__file__).parent / "data" / "ssb"
BASE_FILE = "07459_population_by_municipality_age_sex_2023.csv"
COUNTY_FILE = "14288_county_population_projection_2024_2050.csv"
AGE_GROUP_FILE = "14746_projection_by_agegroup_2026_2050.csv"
CODE_MAP_FILE = "municipality_codes_2023_2024.csv"
N_AGES = MAX_AGE + 1
NATIONAL = "NO"
# 2020-2023 counties that were split on 1 January 2024, and what they became.
SPLIT_COUNTIES: dict[str, tuple[str, ...]] = {
    "30": ("31", "32", "33"),
    "38": ("39", "40"),
    "54": ("55", "56"),
}
ALESUND_2023 = "1507"
ALESUND_PARTS = ("1508", "1580")
MERGED_ALESUND = "1508+1580"


class AreaError(ValueError):
    """The area cannot be built from the data; `code` and `params` let callers translate."""

    def __init__(self, reason: str, text: str, **params: str) -> None:
        super().__init__(text)
        self.code = reason
        self.params = params


@dataclass(frozen=True)
class PopulationData:
    """The tables a population projection is built from (shipped ones or newer).

    base: unit, county, age, sex, persons: population by single age (0..105) and sex in
    `base_year`, one unit per 2024 municipality (MERGED_ALESUND for the former Ålesund).
    county_totals: county, alternative, year, persons (2024 counties).
    age_groups: region (NATIONAL or a county code), alternative, year, lower, upper, persons.
    county_names: 2024 county code -> name. unit_names: unit -> name.
    """

    base: pd.DataFrame
    base_year: int
    county_totals: pd.DataFrame
    age_groups: pd.DataFrame
    county_names: dict[str, str] = field(default_factory=dict)
    unit_names: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PopulationProjection:
    """Single-age population of one area: persons[alternative] is (years, 106) for ages
    0..105 (both sexes). `approximate` and `notes` say how it was made."""

    years: tuple[int, ...]
    persons: dict[str, np.ndarray]
    label: str = ""
    approximate: bool = False
    notes: tuple[PopulationNote, ...] = ()
    group_lowers: tuple[int, ...] = ()  # SSB age-group lower edges used, if any

    def alternative(self, name: str) -> np.ndarray:
        if name in self.persons:
            return self.persons[name]
        if "MMMM" in self.persons:
            return self.persons["MMMM"]
        return next(iter(self.persons.values()))

    def rows(self, year: int) -> int:
        """Index of `year`; KeyError when the projection does not cover it."""
        return self.years.index(year)

    def total(self, year: int, ages: tuple[int, int] = (0, MAX_AGE), alt: str = "MMMM") -> float:
        values = self.alternative(alt)[self.rows(year)]
        return float(values[ages[0] : ages[1] + 1].sum())


# What `project`, `tornado` and `intake_to_close` take as their population: other tables
# to build the area's projection from, or a ready single-age projection.
PopulationSource = PopulationData | PopulationProjection


# --- Reading the shipped files -------------------------------------------------------


def _group_bounds(label: str) -> tuple[int, int]:
    numbers = [int(n) for n in re.findall(r"\d+", label)]
    if not numbers:
        raise ValueError(f"not an age group: {label!r}")
    open_top = bool(re.search(r"eldre|older|\+|over", label, re.IGNORECASE))
    if open_top or len(numbers) == 1 and label.strip().endswith("-"):
        return numbers[0], MAX_AGE
    return numbers[0], numbers[-1]


def code_mapping() -> pd.DataFrame:
    """The 2023 -> 2024 municipality number mapping shipped with the package."""
    return pd.read_csv(DATA_DIR / CODE_MAP_FILE, dtype=str)


@lru_cache(maxsize=1)
def shipped_data() -> PopulationData:
    """The shipped SSB tables, read once per process."""
    raw = pd.read_csv(DATA_DIR / BASE_FILE, dtype={"municipality_code": str})
    mapping = code_mapping()
    one_to_one = mapping[mapping["code_2023"] != ALESUND_2023]
    renumber = dict(zip(one_to_one["code_2023"], one_to_one["code_2024"], strict=True))
    renumber[ALESUND_2023] = MERGED_ALESUND
    codes = raw["municipality_code"].map(lambda code: renumber.get(code, code))
    base = pd.DataFrame(
        {
            "unit": codes,
            "county": codes.str[:2],
            "age": raw["age"].astype(int),
            "sex": raw["sex"],
            "persons": raw["persons"].astype(float),
        }
    )
    names = raw.drop_duplicates("municipality_code")
    unit_names = {
        renumber.get(code, code): name.strip()
        for code, name in zip(names["municipality_code"], names["municipality_name"], strict=True)
    }
    unit_names[MERGED_ALESUND] = "Ålesund + Haram"
    counties = pd.read_csv(DATA_DIR / COUNTY_FILE, dtype={"county_code": str})
    county_names = dict(zip(counties["county_code"], counties["county_name"], strict=False))
    county_totals = counties.rename(columns={"county_code": "county"})[
        ["county", "alternative", "year", "persons"]
    ]
    groups = pd.read_csv(DATA_DIR / AGE_GROUP_FILE)
    return PopulationData(
        base=base,
        base_year=2023,
        county_totals=county_totals,
        age_groups=_age_group_frame(groups, county_names),
        county_names=county_names,
        unit_names=unit_names,
    )


def _age_group_frame(groups: pd.DataFrame, county_names: dict[str, str]) -> pd.DataFrame:
    """14746's regions become NATIONAL or a county code, matched by the county's name."""
    by_name = {name.split(" - ")[0].strip().lower(): code for code, name in county_names.items()}

    def region_code(region: str) -> str:
        if region.strip().lower() in ("hele landet", "norway", "the whole country"):
            return NATIONAL
        return by_name.get(region.strip().lower(), region)

    bounds = groups["age_group"].astype(str).map(_group_bounds)
    return pd.DataFrame(
        {
            "region": groups["region"].map(region_code),
            "alternative": groups["alternative"],
            "year": groups["year"].astype(int),
            "lower": [b[0] for b in bounds],
            "upper": [b[1] for b in bounds],
            "persons": groups["persons"].astype(float),
        }
    )


# --- Areas ------------------------------------------------------------------------


@dataclass(frozen=True)
class ResolvedArea:
    kind: str
    units: tuple[str, ...]  # base units (2024 municipality codes)
    counties: tuple[str, ...]  # 2024 counties (for kind "counties")
    notes: tuple[PopulationNote, ...]
    label: str


def _note(code: str, text: str, **params: str) -> PopulationNote:
    return PopulationNote(code, text.format(**params), tuple(sorted(params.items())))


def resolve_area(area: AreaSpec, data: PopulationData) -> ResolvedArea:
    """Map the area's codes to base units, turning 2023 codes into 2024 ones with a note.

    Raises AreaError for unknown codes and for only one of 1508 Ålesund / 1580 Haram.
    """
    units_known = set(data.base["unit"].unique())
    counties_known = set(data.base["county"].unique())
    notes: list[PopulationNote] = []
    if area.kind == "country":
        return ResolvedArea("country", tuple(sorted(units_known)), (), (), "Norge")
    if area.kind == "counties":
        counties: list[str] = []
        for code in area.codes:
            if code in SPLIT_COUNTIES:
                parts = SPLIT_COUNTIES[code]
                counties.extend(parts)
                notes.append(
                    _note(
                        "county_code_2023",
                        "County {old} (2020-2023) is counties {new} from 2024.",
                        old=code,
                        new=", ".join(parts),
                    )
                )
            elif code in counties_known:
                counties.append(code)
            else:
                raise AreaError("unknown_county", f"Unknown county number {code}", code=code)
        counties = sorted(set(counties))
        units = data.base.loc[data.base["county"].isin(counties), "unit"].unique()
        label = ", ".join(data.county_names.get(c, c) for c in counties)
        return ResolvedArea("counties", tuple(sorted(units)), tuple(counties), tuple(notes), label)
    mapping = code_mapping()
    renumbered = dict(zip(mapping["code_2023"], mapping["code_2024"], strict=False))
    wanted: set[str] = set()
    for code in area.codes:
        if code == ALESUND_2023:
            wanted.update(ALESUND_PARTS)
        elif code in renumbered and code not in units_known:
            wanted.add(renumbered[code])
            notes.append(
                _note(
                    "municipality_code_2023",
                    "Municipality {old} (2020-2023 number) is {new} from 2024.",
                    old=code,
                    new=renumbered[code],
                )
            )
        else:
            wanted.add(code)
    alesund = wanted & set(ALESUND_PARTS)
    if len(alesund) == 1:
        raise AreaError(
            "alesund_split",
            "The age detail is from 2023, before 1507 Ålesund was split into 1508 Ålesund "
            "and 1580 Haram; choose both, or load a newer table.",
            code=next(iter(alesund)),
        )
    if alesund:
        wanted = (wanted - alesund) | {MERGED_ALESUND}
    unknown = sorted(wanted - units_known)
    if unknown:
        raise AreaError(
            "unknown_municipality", f"Unknown municipality number {unknown[0]}", code=unknown[0]
        )
    label = ", ".join(data.unit_names.get(u, u) for u in sorted(wanted))
    return ResolvedArea("municipalities", tuple(sorted(wanted)), (), tuple(notes), label)


# --- Building a projection ------------------------------------------------------------


def _group_index(lowers: np.ndarray) -> np.ndarray:
    """For each single age 0..105, the index of its age group (groups sorted by lower)."""
    return np.searchsorted(lowers, np.arange(N_AGES), side="right") - 1


@dataclass(frozen=True)
class _Prepared:
    """PopulationData as numpy arrays, made once per data set (building is then cheap)."""

    units: dict[str, int]  # unit -> row of `by_unit`
    unit_county: np.ndarray  # county index per unit row
    counties: tuple[str, ...]
    by_unit: np.ndarray  # (units, 106) persons in the base year, both sexes
    by_county: np.ndarray  # (counties, 106)
    national: np.ndarray  # (106,)
    totals: dict[tuple[str, str], dict[int, float]]  # (county, alt) -> year -> persons
    groups: dict[tuple[str, str], tuple[np.ndarray, np.ndarray, np.ndarray]]
    # (region, alt) -> (years, group lowers, persons (years, groups))


_PREPARED: dict[int, tuple[PopulationData, _Prepared]] = {}


def _prepare(data: PopulationData) -> _Prepared:
    cached = _PREPARED.get(id(data))
    if cached is not None and cached[0] is data:
        return cached[1]
    base = data.base
    unit_codes, unit_rows = np.unique(base["unit"].to_numpy(dtype=str), return_inverse=True)
    county_of_unit = (
        base.drop_duplicates("unit").set_index("unit")["county"].reindex(unit_codes).to_numpy()
    )
    counties, unit_county = np.unique(county_of_unit.astype(str), return_inverse=True)
    by_unit = np.zeros((len(unit_codes), N_AGES))
    ages = np.clip(base["age"].to_numpy(dtype=int), 0, MAX_AGE)
    np.add.at(by_unit, (unit_rows, ages), base["persons"].to_numpy(dtype=float))
    by_county = np.zeros((len(counties), N_AGES))
    np.add.at(by_county, unit_county, by_unit)
    totals: dict[tuple[str, str], dict[int, float]] = {}
    for (county, alt), part in data.county_totals.groupby(["county", "alternative"]):
        totals[(str(county), str(alt))] = dict(
            zip(part["year"].astype(int), part["persons"].astype(float), strict=True)
        )
    groups: dict[tuple[str, str], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for (region, alt), part in data.age_groups.groupby(["region", "alternative"]):
        table = part.pivot_table(index="year", columns="lower", values="persons", aggfunc="sum")
        groups[(str(region), str(alt))] = (
            np.asarray(table.index, dtype=int),
            np.asarray(table.columns, dtype=int),
            table.to_numpy(dtype=float),
        )
    prepared = _Prepared(
        units={code: i for i, code in enumerate(unit_codes)},
        unit_county=unit_county,
        counties=tuple(str(c) for c in counties),
        by_unit=by_unit,
        by_county=by_county,
        national=by_unit.sum(axis=0),
        totals=totals,
        groups=groups,
    )
    _PREPARED[id(data)] = (data, prepared)
    return prepared


def _growth(
    base_by_age: np.ndarray,
    table: tuple[np.ndarray, np.ndarray, np.ndarray],
    years: list[int],
    base_year: int,
) -> tuple[np.ndarray, tuple[int, ...]]:
    """G(age, t) = N(g(age), t) / B(g): (years, 106). Interpolated geometrically before the
    first projected year; years after the last one are rejected earlier."""
    table_years, lowers, values = table
    group_of_age = _group_index(lowers)
    base_groups = np.bincount(group_of_age, weights=base_by_age, minlength=len(lowers))
    ratio = values / np.where(base_groups > 0, base_groups, 1.0)  # (years, groups)
    position = {int(year): i for i, year in enumerate(table_years)}
    first = int(table_years.min())
    rows = []
    for year in years:
        if year in position:
            rows.append(ratio[position[year]])
        elif year <= base_year:
            rows.append(np.ones(len(lowers)))
        else:  # between the base data year and the first projected year
            rows.append(ratio[position[first]] ** ((year - base_year) / (first - base_year)))
    return np.vstack(rows)[:, group_of_age], tuple(int(x) for x in lowers)


def _county_total(
    prepared: _Prepared, base_year: int, county: str, alt: str, years: list[int]
) -> np.ndarray:
    table = prepared.totals.get((county, alt), {})
    out = np.empty(len(years))
    for i, year in enumerate(years):
        if year in table:
            out[i] = table[year]
        elif year == base_year:
            out[i] = np.nan  # no calibration in the base data year
        else:
            raise AreaError("year_out_of_range", f"No county projection for {year}", year=str(year))
    return out


def available_years(data: PopulationData | None = None) -> tuple[int, int]:
    """The first and last year a projection can cover with these tables."""
    data = data or shipped_data()
    last = int(min(data.county_totals["year"].max(), data.age_groups["year"].max()))
    return data.base_year, last


def build_population(
    spec: PopulationSpec,
    years: list[int],
    data: PopulationData | None = None,
    alternatives: tuple[str, ...] = ALTERNATIVES,
) -> PopulationProjection:
    """Single-age projection of the spec's area for `years` and each alternative."""
    data = data or shipped_data()
    first, last = available_years(data)
    if years[0] < first or years[-1] > last:
        raise AreaError(
            "year_out_of_range",
            f"The population data cover {first}-{last}",
            first=str(first),
            last=str(last),
        )
    area = resolve_area(spec.area, data)
    prepared = _prepare(data)
    notes = list(area.notes)
    rows = np.fromiter((prepared.units[unit] for unit in area.units), dtype=int)
    # Base persons of the area by county and age (both sexes).
    area_by_county = np.zeros_like(prepared.by_county)
    np.add.at(area_by_county, prepared.unit_county[rows], prepared.by_unit[rows])
    present = np.flatnonzero(area_by_county.sum(axis=1) > 0)
    persons: dict[str, np.ndarray] = {}
    lowers: tuple[int, ...] = ()
    derived = False
    for alt in alternatives:
        national_growth, lowers = _growth(
            prepared.national, prepared.groups[(NATIONAL, alt)], years, data.base_year
        )
        if area.kind == "country":
            persons[alt] = prepared.national[None, :] * national_growth
            continue
        total = np.zeros((len(years), N_AGES))
        for index in present:
            county = prepared.counties[index]
            whole = prepared.by_county[index]
            if (county, alt) in prepared.groups:
                factor, _ = _growth(whole, prepared.groups[(county, alt)], years, data.base_year)
                derived = derived or area.kind == "municipalities"
            else:
                derived = True
                target = _county_total(prepared, data.base_year, county, alt, years)
                grown = national_growth @ whole
                calibration = np.where(np.isnan(target), 1.0, target / grown)
                factor = national_growth * calibration[:, None]
            total += area_by_county[index][None, :] * factor
        persons[alt] = total
    if derived:
        notes.append(
            _note(
                "derived_age_detail",
                "Age detail for {area} is derived from its 2023 age structure and the national "
                "age-group growth, calibrated to SSB's county totals: an approximation.",
                area=area.label,
            )
        )
    first_group_year = int(data.age_groups["year"].min())
    interpolated = [y for y in years if data.base_year < y < first_group_year]
    if interpolated:
        notes.append(
            _note(
                "interpolated_years",
                "Age-group growth for {years} is interpolated between {base} and {first}.",
                years=", ".join(str(y) for y in interpolated),
                base=str(data.base_year),
                first=str(first_group_year),
            )
        )
    return PopulationProjection(
        years=tuple(years),
        persons=persons,
        label=area.label,
        approximate=derived or bool(interpolated),
        notes=tuple(notes),
        group_lowers=lowers,
    )


def splits_age_groups(projection: PopulationProjection, ages: tuple[int, int]) -> bool:
    """True when the served ages start or end inside one of the SSB age groups used."""
    if not projection.group_lowers:
        return False
    edges = set(projection.group_lowers) | {MAX_AGE + 1}
    return ages[0] not in edges or ages[1] + 1 not in edges


# --- User tables (SSB CSV or JSON-stat) ---------------------------------------------------

_COLUMN_ALIASES = {
    "region": ("region", "kommune", "fylke", "area", "municipality_code", "county_code"),
    "sex": ("sex", "kjønn", "kjonn"),
    "age": ("age", "alder", "age_group"),
    "year": ("year", "år", "ar", "tid", "time"),
    "alternative": ("alternative", "alternativ", "statistikkvariabel", "contents"),
    "persons": ("persons", "value", "verdi", "personer"),
}


def read_ssb_table(source: str | Path | bytes) -> pd.DataFrame:
    """A population table from SSB as JSON-stat 2.0 or CSV, as columns region, sex, age
    (lower age), age_upper, year, alternative, persons (missing dimensions are left out).

    CSV: comma or semicolon separated (SSB's "semikolonseparert med overskrift"), decimal
    comma allowed; Norwegian or English headers (region, kjønn, alder, år, statistikkvariabel,
    value). A column whose header starts with a table number ("14746: ...") holds the
    values. Ages such as "0 år", "1-5 år", "90 år eller eldre", "105+". The alternative is
    taken from a four-letter code (MMMM, HHMH, LLML) in the alternative column.
    """
    raw = source if isinstance(source, bytes) else Path(source).read_bytes()
    text = raw.decode("utf-8-sig", errors="replace")
    if text.lstrip().startswith("{"):
        frame = _jsonstat_frame(text)
    else:
        sep = ";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ","
        frame = pd.read_csv(io.StringIO(text), sep=sep, dtype=str)
    return _normalise(frame)


def _jsonstat_frame(text: str) -> pd.DataFrame:
    """JSON-stat 2.0 dataset -> long frame with the dimensions' labels as columns and the
    category labels as values (pyjstat, the reader SSB itself points to)."""
    with warnings.catch_warnings():
        # pyjstat's own read() still calls its deprecated from_json_stat() inside.
        warnings.simplefilter("ignore", DeprecationWarning)
        frame: pd.DataFrame = pyjstat.Dataset.read(text).write("dataframe")
    return frame.astype({column: object for column in frame.columns if column != "value"})


def _normalise(frame: pd.DataFrame) -> pd.DataFrame:
    found: dict[str, str] = {}
    for column in frame.columns:
        folded = str(column).strip().lower()
        for name, aliases in _COLUMN_ALIASES.items():
            if name not in found and (folded in aliases or folded.split(" ")[0] in aliases):
                found[name] = column
                break
        else:
            if "persons" not in found and re.match(r"^\d{5}:", folded):
                found["persons"] = column
    if "persons" not in found or "age" not in found or "year" not in found:
        raise ValueError("The table needs columns for age, year and the number of persons")
    out = pd.DataFrame()
    if "region" in found:
        out["region"] = frame[found["region"]].astype(str).str.strip()
    if "sex" in found:
        out["sex"] = frame[found["sex"]].astype(str).str.strip()
    bounds = frame[found["age"]].astype(str).map(_group_bounds)
    out["age"] = [b[0] for b in bounds]
    out["age_upper"] = [b[1] for b in bounds]
    out["year"] = frame[found["year"]].astype(str).str.extract(r"(\d{4})")[0].astype(int)
    if "alternative" in found:
        codes = frame[found["alternative"]].astype(str).str.extract(r"\b([A-Z0]{4})\b")[0]
        out["alternative"] = codes.fillna("MMMM")
    values = frame[found["persons"]].astype(str).str.replace("\u00a0", "").str.replace(" ", "")
    out["persons"] = pd.to_numeric(values.str.replace(",", "."), errors="coerce").fillna(0.0)
    return out


def projection_from_table(table: pd.DataFrame, years: list[int], label: str = "") -> (
    PopulationProjection
):
    """A single-age projection from a normalised table (read_ssb_table) with single ages;
    all regions and both sexes in the table are added up (filter the table first)."""
    single = (table["age"] == table["age_upper"]) | (table["age_upper"] == MAX_AGE)
    if not single.all():
        raise ValueError("The table must have single ages (a top age group is allowed)")
    missing = sorted(set(years) - set(table["year"]))
    if missing:
        raise ValueError(f"The table has no figures for {missing[0]}")
    if "alternative" not in table.columns:
        table = table.assign(alternative="MMMM")
    persons: dict[str, np.ndarray] = {}
    for alt, part in table.groupby("alternative"):
        grid = part.pivot_table(index="year", columns="age", values="persons", aggfunc="sum")
        grid = grid.reindex(index=years, columns=range(N_AGES), fill_value=0.0).fillna(0.0)
        persons[str(alt)] = grid.to_numpy(dtype=float)
    return PopulationProjection(years=tuple(years), persons=persons, label=label)
