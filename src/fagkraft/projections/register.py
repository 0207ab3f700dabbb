"""Build a scenario document from the register (docs/projections_web.md).

`build` asks the adapter for the figures of a unit's subtree (optionally one service
area) and writes them into the engine's scenario format (docs/projections.md), together
with a `basis`: the register figures behind every number (stock, base-year demand,
turnover estimate with its counts, recruits, pipeline), which the scenario page shows
next to the assumptions so a planner sees what an override replaces.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.utils.translation import gettext as _

from fagkraft.adapter import projections as adapter
from fagkraft.core.conf import setting
from fagkraft.engine.projection import MAX_AGE, UncertaintySpec
from fagkraft.workforce.models import Profession, Unit

# Ages each service area serves (DOMAIN.md: PHBU children and young people, PHV and TSB
# adults); a unit of no particular area serves everyone.
SERVED_AGES: dict[str, tuple[int, int]] = {"phbu": (0, 17), "phv": (18, MAX_AGE),
                                           "tsb": (18, MAX_AGE)}
# A band's own turnover estimate is used from this many person-years of exposure; below
# it the profession's pooled rate is used (small samples give wild rates).
MIN_PERSON_YEARS = 10.0
# Years a new education position takes to produce a specialist: LIS in child psychiatry
# go from LIS1 straight to LIS3 (about 5 years), the psychologists' programme is 5 years.
EDUCATION_YEARS = 5
DEFAULT_RECRUIT_AGE = 35.0


def retirement_age() -> int:
    return int(setting("PROJECTION_RETIREMENT_AGE"))


def profession_choices() -> list[tuple[str, str]]:
    """Projection professions a planner can pick: child psychiatrists, then every
    profession of the register by its code."""
    choices = [(adapter.CHILD_PSYCHIATRIST, _("Child and adolescent psychiatrists"))]
    choices += list(Profession.objects.order_by("name").values_list("code", "name"))
    return choices


def profession_label(key: str) -> str:
    return dict(profession_choices()).get(key, key)


def served_ages(unit: Unit, service_area: str) -> tuple[int, int]:
    return SERVED_AGES.get(service_area or unit.service_area, (0, MAX_AGE))


def band_key(age_from: int, age_to: int | None) -> str:
    """The scenario file's age band syntax: "-29", "30-39", "62-"."""
    if age_to is None:
        return f"{age_from}-"
    if age_from == 0:
        return f"-{age_to}"
    return f"{age_from}-{age_to}"


def _percent(rate: float | None) -> float:
    """A yearly rate as a percentage for the document, capped at 100 %: with a few
    person-years, leavers ÷ person-years can exceed one, which as a yearly share of
    the staff who leave means everyone."""
    if rate is None or (isinstance(rate, float) and math.isnan(rate)):
        return 0.0
    return min(round(rate * 100, 2), 100.0)


def _clean(value: Any) -> Any:
    """NaN and numpy numbers as JSON-safe Python values."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return _clean(value.item())
    return value


@dataclass(frozen=True)
class Built:
    document: dict[str, Any]
    basis: dict[str, Any]


def _turnover_basis(rates: pd.DataFrame) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    rows = [{key: _clean(value) for key, value in row.items()}
            for row in rates.to_dict("records")]
    person_years = sum(row["person_years"] for row in rows)
    leavers = sum(row["leavers"] for row in rows)
    pooled = {
        "person_years": round(person_years, 4), "leavers": leavers,
        "retirements": sum(row["retirements"] for row in rows),
        "internal_moves": sum(row["internal_moves"] for row in rows),
        "rate": leavers / person_years if person_years else None,
    }
    for row in rows:
        own = row["person_years"] >= MIN_PERSON_YEARS and row["rate"] is not None
        row["key"] = band_key(row["age_from"], row["age_to"])
        row["used_percent"] = _percent(row["rate"] if own else pooled["rate"])
        row["pooled"] = not own
    return rows, pooled


def _supply(stock: pd.DataFrame, turnover: list[dict[str, Any]], pooled: dict[str, Any],
            recruits: dict[str, Any] | None, pipeline: dict[str, float]) -> dict[str, Any]:
    supply: dict[str, Any] = {}
    if stock.empty:
        supply["fte"] = 0.0
    else:
        supply["stock"] = [
            {"age": int(row.age), "fte": round(float(row.fte), 4),
             "headcount": float(row.headcount)}
            for row in stock.itertuples() if 15 <= int(row.age) <= MAX_AGE
        ]
    supply["turnover_percent"] = _percent(pooled["rate"])
    if not stock.empty:
        supply["turnover_percent_by_age"] = {row["key"]: row["used_percent"] for row in turnover}
    retire = retirement_age()
    recruit_age = (recruits or {}).get("mean_age") or DEFAULT_RECRUIT_AGE
    supply.update(
        retirement_age=retire,
        recruits_per_year=float((recruits or {}).get("per_year") or 0.0),
        recruit_age=float(min(max(recruit_age, 20.0), retire - 1)),
        education_years=EDUCATION_YEARS,
    )
    if pipeline:
        supply["pipeline"] = pipeline
    return supply


def build(
    *, name: str, unit: Unit, service_area: str, professions: list[str], today: dt.date,
    base_year: int, end_year: int, area: dict[str, Any] | None = None,
    alternative: str = "MMMM",
) -> Built:
    """A scenario document for the professions, from the staff of the unit's subtree."""
    unit_ids = adapter.projection_units(unit, service_area)
    stock = adapter.projection_stock(unit_ids, today)
    demand = adapter.projection_base_demand(unit_ids, today).set_index("profession")
    rates = adapter.projection_turnover(unit_ids, today, professions=professions)
    recruits = adapter.projection_recruits(unit_ids, today).set_index("profession")
    pipeline = adapter.projection_pipeline(unit_ids, base_year + 1, end_year)
    history_years = int(setting("TURNOVER_YEARS"))
    document_professions: dict[str, Any] = {}
    basis_professions: dict[str, Any] = {}
    for key in professions:
        own_stock = stock[stock["profession"] == key]
        turnover, pooled = _turnover_basis(rates[rates["profession"] == key])
        hired = ({k: _clean(v) for k, v in recruits.loc[key].items()}
                 if key in recruits.index else None)
        completions = {str(int(row.year)): float(row.completions)
                       for row in pipeline[pipeline["profession"] == key].itertuples()}
        wanted = ({k: _clean(v) for k, v in demand.loc[key].items()}
                  if key in demand.index else
                  {"headcount": 0, "filled_fte": 0.0, "vacancies": 0, "vacant_fte": 0.0,
                   "demand_fte": 0.0})
        document_professions[key] = {
            "demand": {"base_fte": round(float(wanted["demand_fte"]), 4),
                       "adjustment_percent_per_year": 0.0},
            "supply": _supply(own_stock, turnover, pooled, hired, completions),
        }
        basis_professions[key] = {
            "label": profession_label(key),
            "headcount": int(own_stock["headcount"].sum()),
            "fte": round(float(own_stock["fte"].sum()), 4),
            "demand": wanted,
            "turnover": turnover,
            "turnover_pooled": pooled,
            "recruits": hired or {"recruits": 0, "years": history_years, "per_year": 0.0,
                                  "mean_age": None},
            "pipeline": completions,
        }
    ages = served_ages(unit, service_area)
    uncertainty = UncertaintySpec()
    document = {
        "name": name,
        "description": _("Built from the register: %(unit)s, %(day)s") % {
            "unit": unit.name, "day": today.strftime("%d.%m.%Y")},
        "base_year": base_year,
        "end_year": end_year,
        "population": {"area": area or {"country": "NO"}, "alternative": alternative,
                       "ages": list(ages)},
        "professions": document_professions,
        "uncertainty": {"population": uncertainty.population,
                        **{field: list(getattr(uncertainty, field)) for field in (
                            "base_demand_percent", "adjustment_percent_per_year",
                            "turnover_percent", "recruits_percent", "pipeline_percent")}},
    }
    basis = {
        "built_on": today.isoformat(),
        "unit": {"pk": unit.pk, "code": unit.code, "name": unit.name},
        "service_area": service_area,
        "history": [today.year - history_years, today.year - 1],
        "min_person_years": MIN_PERSON_YEARS,
        "professions": basis_professions,
    }
    return Built(document, basis)
