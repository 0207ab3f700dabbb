"""What the projection pages and the export show, with small counts hidden for planners.

`scenario_view` combines a scenario's document, its register basis and its results into
one structure per profession. Counts of persons (headcount, leavers, retirements, moves,
recruits) of one profession form one table protected by `access.disclosure` for planners;
the stock by single age is shown by age band only, figures derived from a hidden count are
hidden with it, and a projection is hidden when a count behind it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import get_format
from django.utils.translation import gettext as _

from fagkraft.access import disclosure
from fagkraft.engine.turnover_rates import DEFAULT_BAND_LOWERS, bands_from
from fagkraft.projections import register
from fagkraft.projections.models import Scenario


@dataclass
class ProfessionView:
    key: str
    label: str
    spec: dict[str, Any]
    basis: dict[str, Any] | None
    result: dict[str, Any] | None
    stock_bands: list[dict[str, Any]] = field(default_factory=list)
    form: Any = None


def _controls(user: Any, scenario: Scenario | None = None) -> bool:
    if scenario is not None:
        return disclosure.controls(user, scenario.unit)
    return disclosure.controls_any(user, [])


def stock_bands(spec: dict[str, Any], user: Any = None) -> list[dict[str, Any]]:
    """Headcount and FTE of the document's stock by the turnover age bands (in full)."""
    stock = spec.get("supply", {}).get("stock")
    if not isinstance(stock, list):
        return []
    rows = []
    for band in bands_from(DEFAULT_BAND_LOWERS):
        inside = [row for row in stock if row["age"] >= band.lower
                  and (band.upper is None or row["age"] <= band.upper)]
        headcount = round(sum(row.get("headcount", 1.0) for row in inside))
        fte = sum(row["fte"] for row in inside)
        rows.append({"band": band.label, "headcount": headcount, "fte": round(fte, 2)})
    return rows


COUNT_KINDS = ("leavers", "retirements", "internal_moves")


@dataclass
class Protected:
    """One profession's register figures as a protected user may see them."""

    basis: dict[str, Any] | None
    stock_bands: list[dict[str, Any]]
    shows_projection: bool  # False: a count behind the projection is hidden


def protect_profession(basis: dict[str, Any] | None, bands: list[dict[str, Any]],
                       history_years: int) -> Protected:
    """The register basis and stock bands of one profession as one protected table.

    Cells: the headcount and its stock bands (headcount = bands + rest); per kind of
    leaving, the pooled count and the count of each age band (pooled = bands + rest);
    recruits; the demand's filled posts and vacancies; per band and pooled, person-years
    divided by the years of history (an average number of persons, so it is a count
    too); expected completions per year. Derived figures go with their counts: FTE with
    headcount, a rate with its leavers and person-years, the rate used with the rate it
    is, recruits per year and their mean age with recruits. A projection is only shown
    when nothing behind it is hidden: its supply starts from the stock's FTE and moves by
    the rates, recruits and completions, so it would give each of them back.
    """
    basis = dict(basis or {})
    values: dict[Any, int] = {("band", band["band"]): band["headcount"] for band in bands}
    groups: list[disclosure.Group] = []
    years = max(history_years, 1)
    if basis:
        values["hc"] = int(basis.get("headcount") or 0)
        turnover = basis.get("turnover", [])
        pooled = basis.get("turnover_pooled") or {}
        for kind in COUNT_KINDS:
            values[("pool", kind)] = int(pooled.get(kind) or 0)
            for row in turnover:
                values[(kind, row["key"])] = int(row[kind] or 0)
            groups.append(disclosure.additive_group(
                ("pool", kind), [(kind, row["key"]) for row in turnover], values,
                residual=("pool-rest", kind)))
        values[("pool", "py")] = round((pooled.get("person_years") or 0) / years)
        for row in turnover:
            values[("py", row["key"])] = round((row["person_years"] or 0) / years)
        values["recruits"] = int((basis.get("recruits") or {}).get("recruits") or 0)
        demand = basis.get("demand") or {}
        values["filled"] = int(demand.get("headcount") or 0)
        values["vacancies"] = int(demand.get("vacancies") or 0)
        for year, count in (basis.get("pipeline") or {}).items():
            values[("pipeline", year)] = round(count)
        if bands:
            groups.append(disclosure.additive_group(
                "hc", [("band", band["band"]) for band in bands], values, residual="hc-rest"))
    hidden = disclosure.protect(values, groups).hidden
    shown_bands = [{**band, "headcount": None, "fte": None}
                   if ("band", band["band"]) in hidden else band for band in bands]
    if not basis:
        return Protected(None, shown_bands, not hidden)
    return Protected(_shown_basis(basis, hidden), shown_bands, not hidden)


def _shown_basis(basis: dict[str, Any], hidden: frozenset[Any]) -> dict[str, Any]:
    shown = dict(basis)
    if "hc" in hidden:
        shown["headcount"] = shown["fte"] = None
    pooled = dict(basis.get("turnover_pooled") or {})
    for kind in COUNT_KINDS:
        if ("pool", kind) in hidden:
            pooled[kind] = None
    if ("pool", "py") in hidden:
        pooled["person_years"] = None
    if pooled.get("leavers") is None or pooled.get("person_years") is None:
        pooled["rate"] = None
    shown["turnover_pooled"] = pooled
    rows = []
    for row in basis.get("turnover", []):
        row = dict(row)
        for kind in COUNT_KINDS:
            if (kind, row["key"]) in hidden:
                row[kind] = None
        if ("py", row["key"]) in hidden:
            row["person_years"] = None
        if row["leavers"] is None or row["person_years"] is None:
            row["rate"] = None
        if (pooled["rate"] if row.get("pooled") else row["rate"]) is None:
            row["used_percent"] = None
        rows.append(row)
    shown["turnover"] = rows
    recruits = dict(basis.get("recruits") or {})
    if "recruits" in hidden:
        recruits.update(recruits=None, per_year=None, mean_age=None)
    shown["recruits"] = recruits
    demand = dict(basis.get("demand") or {})
    if "filled" in hidden:
        demand.update(headcount=None, filled_fte=None, demand_fte=None)
    if "vacancies" in hidden:
        demand.update(vacancies=None, vacant_fte=None, demand_fte=None)
    shown["demand"] = demand
    shown["pipeline"] = {year: (None if ("pipeline", year) in hidden else count)
                         for year, count in (basis.get("pipeline") or {}).items()}
    return shown


def _history_years(scenario: Scenario) -> int:
    history = (scenario.register_basis or {}).get("history") or []
    return int(history[1]) - int(history[0]) + 1 if len(history) == 2 else 1


def protected_professions(scenario: Scenario) -> dict[str, Protected]:
    basis = (scenario.register_basis or {}).get("professions", {})
    return {key: protect_profession(basis.get(key), stock_bands(spec), _history_years(scenario))
            for key, spec in (scenario.document.get("professions") or {}).items()
            if isinstance(spec, dict)}


def shown_basis(basis: dict[str, Any] | None, user: Any, scenario: Scenario | None = None,
                key: str | None = None) -> dict[str, Any] | None:
    """The register basis of one profession as the user may see it."""
    if not basis or not _controls(user, scenario):
        return basis or None
    spec = ((scenario.document.get("professions") or {}).get(key, {})
            if scenario is not None and key else {})
    years = _history_years(scenario) if scenario is not None else 1
    return protect_profession(basis, stock_bands(spec), years).basis


def hidden_projections(scenario: Scenario, user: Any) -> set[str]:
    """Professions whose projection the user may not see (a count behind it is hidden)."""
    if not _controls(user, scenario):
        return set()
    return {key for key, figures in protected_professions(scenario).items()
            if not figures.shows_projection}


def shown_result(result: dict[str, Any] | None, hidden: set[str]) -> dict[str, Any] | None:
    """The run's result without the professions whose projection is hidden."""
    if result is None or not hidden:
        return result
    return {**result,
            "professions": {key: value for key, value in result["professions"].items()
                            if key not in hidden},
            "assumptions": [row for row in result["assumptions"]
                            if row["profession"] not in hidden],
            "hidden_professions": sorted(hidden)}


def profession_views(scenario: Scenario, result: dict[str, Any] | None,
                     user: Any) -> list[ProfessionView]:
    basis = (scenario.register_basis or {}).get("professions", {})
    protected = protected_professions(scenario) if _controls(user, scenario) else None
    views = []
    for key, spec in (scenario.document.get("professions") or {}).items():
        own_basis = basis.get(key)
        label = (own_basis or {}).get("label") or register.profession_label(key)
        own_result = (result or {}).get("professions", {}).get(key)
        bands = stock_bands(spec)
        if protected is not None and key in protected:
            figures = protected[key]
            own_basis, bands = figures.basis, figures.stock_bands
            if not figures.shows_projection:
                own_result = None
        views.append(ProfessionView(key=key, label=label, spec=spec, basis=own_basis or None,
                                    result=own_result, stock_bands=bands))
    return views


def chart_data(views: list[ProfessionView], result: dict[str, Any]) -> dict[str, Any]:
    """Plotly input per profession: lines with p10-p90 bands, tornado and intake."""
    charts: dict[str, Any] = {
        "separators": f"{get_format('DECIMAL_SEPARATOR')}{get_format('THOUSAND_SEPARATOR')}",
        "labels": {
            "demand": _("Demand"), "supply": _("Supply"), "gap": _("Gap (demand − supply)"),
            "band": _("10th–90th percentile"), "fte": _("FTE"), "year": _("Year"),
            "low": _("Low end"), "high": _("High end"),
            "gap_in": _("Gap in %(year)s (FTE)") % {"year": result.get("tornado_year")},
            "with_intake": _("Gap with new education positions"),
            "without_intake": _("Gap without new positions"),
        },
        "professions": [],
    }
    for view in views:
        if view.result is None:
            continue
        table = view.result["table"]
        charts["professions"].append({
            "key": view.key, "label": view.label,
            "years": [row["year"] for row in table],
            "series": {name: {level: [row.get(f"{name}_{level}") for row in table]
                              for level in ("fte", "p10", "p50", "p90")}
                       for name in ("demand", "supply", "gap")},
            "tornado": view.result["tornado"],
            "intake": {"years": [row["year"] for row in view.result["intake"]["table"]],
                       "with": [row.get("gap_with_intake_fte")
                                for row in view.result["intake"]["table"]],
                       "without": [row.get("gap_fte") for row in view.result["intake"]["table"]]},
        })
    return charts


def compare_rows(scenarios: list[Scenario], results: dict[int, dict[str, Any]],
                 years: list[int]) -> list[dict[str, Any]]:
    """One row per scenario and profession: the central projection's gap in each year."""
    rows = []
    for scenario in scenarios:
        result = results.get(scenario.pk)
        if result is None:
            continue
        for key, own in result["professions"].items():
            by_year = {row["year"]: row for row in own["table"]}
            gaps = []
            for year in years:
                row = by_year.get(year)
                gaps.append(None if row is None else row.get("gap_fte"))
            rows.append({"scenario": scenario, "profession": key,
                         "label": register.profession_label(key), "gaps": gaps,
                         "intake": own["intake"]})
    return rows


def compare_years(results: dict[int, dict[str, Any]]) -> list[int]:
    """Every fifth year and the last year over all compared scenarios."""
    years: set[int] = set()
    for result in results.values():
        first, last = result["base_year"], result["end_year"]
        years |= {year for year in range(first, last + 1) if year % 5 == 0 or year in (first,
                                                                                      last)}
    return sorted(years)
