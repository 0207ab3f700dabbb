"""Running a saved scenario: projection with bands, tornado chart and intake to close.

The engine (fagkraft.engine.projection) does the work; this module turns a scenario
document into its results as JSON-safe dicts for the pages, the API and the exports, and
caches them by the document's fingerprint, the number of draws and the chosen years, so
an edited scenario is recomputed and an unchanged one is not.

The web runs WEB_DRAWS Monte Carlo draws (FAGKRAFT["PROJECTION_WEB_DRAWS"], 500 by
default). The scenario page runs them as a background job (fagkraft.projections.jobs,
kind "projections.run") and shows its progress until the result is there; the export,
the comparison and the API run them here, in the request.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.utils.formats import get_format, number_format
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from fagkraft.core.conf import setting
from fagkraft.core.validation import Problem
from fagkraft.engine import projection
from fagkraft.projections import register
from fagkraft.projections.models import fingerprint
from fagkraft.projections.scenario_file import validate_scenario

CACHE_SECONDS = 3600
SEED = 2040  # fixed, so the same scenario always shows the same bands

ASSUMPTION_LABELS = {
    "area": gettext_lazy("Population area"),
    "alternative": gettext_lazy("SSB alternative"),
    "served_ages": gettext_lazy("Ages served"),
    "age_weights": gettext_lazy("Use per person by age"),
    "base_demand_fte": gettext_lazy("Base-year demand (FTE)"),
    "demand_from": gettext_lazy("Demand from"),
    "adjustment_percent_per_year": gettext_lazy("Adjustment per year (%)"),
    "adjustment_path": gettext_lazy("Adjustment path"),
    "base_supply_fte": gettext_lazy("Base-year supply (FTE)"),
    "supply_detail": gettext_lazy("Supply detail"),
    "turnover": gettext_lazy("Turnover"),
    "retirement_age": gettext_lazy("Retirement age"),
    "recruits_per_year": gettext_lazy("Recruits per year"),
    "recruit_age": gettext_lazy("Age of recruits"),
    "fte_per_person": gettext_lazy("FTE per person"),
    "pipeline": gettext_lazy("Completions from the pipeline"),
    "population": gettext_lazy("Population (SSB low/high alternative)"),
    "base_demand_percent": gettext_lazy("Base-year demand"),
    "turnover_percent": gettext_lazy("Turnover"),
    "recruits_percent": gettext_lazy("Recruits"),
    "pipeline_percent": gettext_lazy("Completions from the pipeline"),
}


NOTE_TEXTS = {
    "county_code_2023": gettext_lazy("County %(old)s (2020-2023) is counties %(new)s from 2024."),
    "municipality_code_2023": gettext_lazy(
        "Municipality %(old)s (2020-2023 number) is %(new)s from 2024."),
    "derived_age_detail": gettext_lazy(
        "Age detail for %(area)s is derived from its 2023 age structure and the national "
        "age-group growth, calibrated to SSB's county totals: an approximation."),
    "interpolated_years": gettext_lazy(
        "Age-group growth for %(years)s is interpolated between %(base)s and %(first)s."),
    "ages_split_group": gettext_lazy(
        "The served ages %(low)s-%(high)s of %(profession)s split an SSB age group; the 2023 "
        "age structure within the group is used."),
}


def note_text(note: projection.PopulationNote, named: bool = False) -> str:
    """A population note in the user's language (the engine's English text otherwise).

    named: the profession by its display name (a database read; the CLI keeps the code).
    """
    template = NOTE_TEXTS.get(note.code)
    params = dict(note.params)
    if named and "profession" in params:
        params["profession"] = register.profession_label(params["profession"])
    try:
        return str(template) % params if template is not None else note.text
    except (KeyError, TypeError, ValueError):
        return note.text


def _decimal(value: float, decimals: int = 1, signed: bool = False) -> str:
    """A number in the user's locale (decimal comma in bokmål), trailing zeros dropped."""
    text = number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True)
    separator = get_format("DECIMAL_SEPARATOR")
    if separator in text:
        text = text.rstrip("0").rstrip(separator)
    return f"+{text}" if signed and value > 0 else text


def describe_end(name: str, offset: float, profession: projection.ProfessionSpec) -> str:
    """An uncertain input at one end of its range, in the user's language.

    The web's version of the engine's English description (engine.projection_run's
    _describe): the same values, with translated units and localised numbers.
    """
    demand, supply = profession.demand, profession.supply
    if name == "population":
        return "LLML" if offset < 0 else "HHMH"
    if name == "base_demand_percent":
        return _("%(fte)s FTE (%(offset)s %%)") % {
            "fte": _decimal(demand.base_value() * (1 + offset / 100)),
            "offset": _decimal(offset, signed=True)}
    if name == "adjustment_percent_per_year":
        return _("%(value)s %% a year") % {
            "value": _decimal(demand.adjustment_percent_per_year + offset)}
    if name == "turnover_percent":
        if supply.turnover_percent_by_age:
            return _("%(offset)s percentage points") % {"offset": _decimal(offset, signed=True)}
        return f"{_decimal(max(supply.turnover_percent + offset, 0.0))} %"
    if name == "recruits_percent":
        return _("%(value)s a year (%(offset)s %%)") % {
            "value": _decimal(supply.recruits_per_year * (1 + offset / 100)),
            "offset": _decimal(offset, signed=True)}
    return f"{_decimal(offset, signed=True)} %"


def _pairs(pairs: tuple[tuple[int, float], ...]) -> str:
    return ", ".join(f"{year}: {_decimal(value, 3)}" for year, value in sorted(pairs)) or "–"


def _bands(bands: tuple[projection.AgeBandValue, ...], unit: str = "") -> str:
    return ", ".join(f"{band.label or band.lower}: {_decimal(value=band.value, decimals=2)}{unit}"
                     for band in bands)


def assumption_text(code: str, engine_text: str, profession: projection.ProfessionSpec) -> str:
    """An assumption's value in the user's language (the engine's English text otherwise)."""
    demand, supply = profession.demand, profession.supply
    if code == "age_weights":
        return _bands(demand.age_weights) or "–"
    if code in ("base_demand_fte", "base_supply_fte"):
        value = demand.base_value() if code == "base_demand_fte" else supply.base_value()
        return number_format(round(value, 2), decimal_pos=2, use_l10n=True)
    if code == "demand_from":
        return _("activity (WISN)") if demand.base_fte is None else _("FTE")
    if code in ("adjustment_percent_per_year", "recruits_per_year", "recruit_age"):
        value = {"adjustment_percent_per_year": demand.adjustment_percent_per_year,
                 "recruits_per_year": supply.recruits_per_year,
                 "recruit_age": supply.recruit_age}[code]
        return _decimal(value, 2)
    if code == "adjustment_path":
        return _pairs(demand.adjustment_path)
    if code == "pipeline":
        return _pairs(supply.pipeline)
    if code == "supply_detail":
        return _("by age") if supply.has_ages else _("plain FTE")
    if code == "turnover":
        plain = f"{_decimal(supply.turnover_percent, 2)} %"
        if not supply.turnover_percent_by_age:
            return plain
        return _("%(bands)s; other ages %(plain)s") % {
            "bands": _bands(supply.turnover_percent_by_age, " %"), "plain": plain}
    if code == "retirement_age":
        return str(supply.retirement_age) if supply.has_ages else _("– (no ages)")
    if code == "fte_per_person":
        return _decimal(supply.person_fte(), 3)
    return engine_text


def web_draws() -> int:
    return int(setting("PROJECTION_WEB_DRAWS"))


def label(code: str) -> str:
    return str(ASSUMPTION_LABELS.get(code, code))


class ScenarioInvalid(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(str(problem) for problem in problems))
        self.problems = problems


def _number(value: Any, digits: int = 3) -> float | None:
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else round(number, digits)


@dataclass(frozen=True)
class Options:
    tornado_year: int | None = None  # None: the scenario's end year
    target_year: int | None = None  # intake to close the gap by this year; None: end year
    draws: int | None = None  # None: web_draws()


def parse(document: dict[str, Any]) -> projection.Scenario:
    scenario, problems = validate_scenario(document)
    if scenario is None:
        raise ScenarioInvalid(problems)
    return scenario


def _clamp(year: int | None, scenario: projection.Scenario, earliest: int) -> int:
    if year is None or not earliest <= year <= scenario.end_year:
        return scenario.end_year
    return year


def _profession_result(
    scenario: projection.Scenario, result: projection.ProjectionResult, name: str,
    tornado_year: int, target_year: int, draws: int,
) -> dict[str, Any]:
    table = result.for_profession(name)
    rows = [{key: (int(value) if key == "year" else _number(value))
             for key, value in row.items() if key != "profession"}
            for row in table.to_dict("records")]
    tornado = projection.tornado(scenario, name, tornado_year)
    profession = scenario.profession(name)
    # The central projection (every input at its point value) is the one figure a page,
    # chart, KPI and export show for a year: the tornado varies one input around it, so
    # the intake is solved on it too (draws=0). The draws give only the P10-P90 bands.
    intake = projection.intake_to_close(scenario, name, target_year, draws=0)
    return {
        "table": rows,
        "tornado": {
            "year": tornado_year,
            "base_gap": _number(tornado["base_gap"].iloc[0]) if len(tornado) else None,
            "rows": [{"assumption": row["assumption"], "label": label(row["assumption"]),
                      "low_value": describe_end(row["assumption"], row["low_offset"], profession),
                      "high_value": describe_end(row["assumption"], row["high_offset"],
                                                 profession),
                      "gap_low": _number(row["gap_low"]), "gap_high": _number(row["gap_high"]),
                      "swing": _number(row["swing"])}
                     for row in tornado.to_dict("records")],
        },
        "intake": {
            "target_year": intake.target_year,
            "positions_per_year": intake.positions_per_year,
            "first_intake_year": intake.first_intake_year,
            "education_years": intake.education_years,
            "feasible": intake.feasible,
            "gap_without_intake": _number(intake.gap_without_intake),
            "gap_with_intake": _number(intake.gap_with_intake),
            "gap_with_one_fewer": _number(intake.gap_with_one_fewer),
            # What one position a year adds by the target year (supply is linear in it):
            # a gap below this is closed by one position with room to spare.
            "added_by_one": (_number((intake.gap_without_intake - intake.gap_with_intake)
                                     / intake.positions_per_year)
                             if intake.positions_per_year else None),
            "cohorts": [{"intake_year": int(row["intake_year"]),
                         "completion_year": int(row["completion_year"]),
                         "positions": int(row["positions"])}
                        for row in intake.cohorts.to_dict("records")],
            "table": [{key: (int(value) if key == "year" else _number(value))
                       for key, value in row.items() if key != "profession"}
                      for row in intake.table.to_dict("records")],
        },
    }


# A run's progress: (percent, what is being done).
Progress = Callable[[int, str], None]


def _settled(scenario: projection.Scenario, options: Options) -> tuple[int, int, int]:
    """The draws, tornado year and target year a run with these options uses."""
    draws = web_draws() if options.draws is None else options.draws
    return (draws, _clamp(options.tornado_year, scenario, scenario.base_year),
            _clamp(options.target_year, scenario, scenario.base_year + 1))


def _key(document: dict[str, Any], draws: int, tornado_year: int, target_year: int) -> str:
    return (f"projection:{fingerprint(document)}:{draws}:{tornado_year}:{target_year}:"
            f"{get_language()}")


def run_key(document: dict[str, Any], options: Options | None = None) -> str:
    """The cache key of run(document, options) in the current language (one value for
    one result); ScenarioInvalid as run() raises it."""
    scenario = parse(document)
    return _key(document, *_settled(scenario, options or Options()))


def cached(key: str) -> dict[str, Any] | None:
    return cache.get(key)


def keep(key: str, outcome: dict[str, Any]) -> None:
    """A result computed elsewhere (a job's, in the worker) into this process's cache."""
    cache.set(key, outcome, timeout=CACHE_SECONDS)


def run(document: dict[str, Any], options: Options | None = None,
        progress: Progress | None = None) -> dict[str, Any]:
    """Results of a scenario document; ScenarioInvalid lists every problem in it.

    `progress` hears of the draws (to 70 %) and the professions' tornado and intake.
    """
    options = options or Options()
    scenario = parse(document)
    draws, tornado_year, target_year = _settled(scenario, options)
    key = _key(document, draws, tornado_year, target_year)
    found = cache.get(key)
    if found is not None:
        return found

    def report(percent: int, message: str) -> None:
        if progress is not None:
            progress(percent, message)

    count = len(scenario.professions)
    report(5, _("Drawing %(draws)s samples") % {"draws": draws})
    result = projection.project(
        scenario, draws=draws, seed=SEED,
        progress=lambda done, total: report(
            5 + 65 * done // max(total, 1),
            _("Drawing samples: %(done)s of %(total)s professions") % {
                "done": done, "total": total}))
    professions = {}
    for number, profession in enumerate(scenario.professions):
        report(70 + 30 * number // max(count, 1),
               _("Tornado chart and intake: %(done)s of %(total)s professions") % {
                   "done": number, "total": count})
        professions[profession.name] = _profession_result(
            scenario, result, profession.name, tornado_year, target_year, draws)
    outcome = {
        "name": scenario.name,
        "base_year": scenario.base_year,
        "end_year": scenario.end_year,
        "years": scenario.years,
        "draws": draws,
        "seed": SEED,
        "tornado_year": tornado_year,
        "target_year": target_year,
        "approximate_population": bool(result.approximate_population),
        "population_notes": [note_text(note, named=True) for note in result.population_notes],
        "assumptions": [{"profession": row["profession"], "assumption": row["assumption"],
                         "label": label(row["assumption"]),
                         "value": assumption_text(row["assumption"], row["value"],
                                                  scenario.profession(row["profession"]))}
                        for row in result.assumptions.to_dict("records")],
        "population": [{"profession": row["profession"], "year": int(row["year"]),
                        "served": _number(row["served"], 1)}
                       for row in result.population.to_dict("records")],
        "professions": professions,
    }
    cache.set(key, outcome, timeout=CACHE_SECONDS)
    return outcome


def problems_text(problems: list[Problem]) -> list[str]:
    return [f"{problem.path or _('(scenario)')}: {problem.message}" for problem in problems]
