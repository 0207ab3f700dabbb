"""What the projection pages and the export show, with small counts hidden for planners.

`scenario_view` combines a scenario's document, its register basis and its results into
one structure per profession. Counts of persons (headcount, leavers, retirements, moves,
recruits) go through `access.suppress`; for planners the stock by single age is shown by
age band only, and the FTE of a hidden band is hidden with it (as on the unit page).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import get_format
from django.utils.translation import gettext as _

from fagkraft import access
from fagkraft.engine.turnover_rates import DEFAULT_BAND_LOWERS, bands_from
from fagkraft.projections import register, runs
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


def _hide(value: int | None, user: Any) -> int | None:
    return access.suppress(None if value is None else int(value), user)


def stock_bands(spec: dict[str, Any], user: Any) -> list[dict[str, Any]]:
    """Headcount and FTE of the document's stock by the turnover age bands."""
    stock = spec.get("supply", {}).get("stock")
    if not isinstance(stock, list):
        return []
    rows = []
    for band in bands_from(DEFAULT_BAND_LOWERS):
        inside = [row for row in stock if row["age"] >= band.lower
                  and (band.upper is None or row["age"] <= band.upper)]
        headcount = _hide(round(sum(row.get("headcount", 1.0) for row in inside)), user)
        fte = sum(row["fte"] for row in inside)
        rows.append({"band": band.label, "headcount": headcount,
                     "fte": round(fte, 2) if headcount is not None or not inside else None})
    return rows


def shown_basis(basis: dict[str, Any] | None, user: Any) -> dict[str, Any] | None:
    """The register basis of one profession with counts of persons suppressed."""
    if not basis:
        return None
    shown = dict(basis)
    shown["headcount"] = _hide(basis.get("headcount"), user)
    shown["turnover"] = [
        {**row, "leavers": _hide(row["leavers"], user),
         "retirements": _hide(row["retirements"], user),
         "internal_moves": _hide(row["internal_moves"], user)}
        for row in basis.get("turnover", [])
    ]
    pooled = dict(basis.get("turnover_pooled") or {})
    for name in ("leavers", "retirements", "internal_moves"):
        if name in pooled:
            pooled[name] = _hide(pooled[name], user)
    shown["turnover_pooled"] = pooled
    recruits = dict(basis.get("recruits") or {})
    if "recruits" in recruits:
        recruits["recruits"] = _hide(recruits["recruits"], user)
    shown["recruits"] = recruits
    demand = dict(basis.get("demand") or {})
    for name in ("headcount", "vacancies"):
        if name in demand:
            demand[name] = _hide(demand[name], user)
    shown["demand"] = demand
    return shown


def profession_views(scenario: Scenario, result: dict[str, Any] | None,
                     user: Any) -> list[ProfessionView]:
    basis = (scenario.register_basis or {}).get("professions", {})
    views = []
    for key, spec in (scenario.document.get("professions") or {}).items():
        own_basis = basis.get(key)
        label = (own_basis or {}).get("label") or register.profession_label(key)
        views.append(ProfessionView(
            key=key, label=label, spec=spec, basis=shown_basis(own_basis, user),
            result=(result or {}).get("professions", {}).get(key),
            stock_bands=stock_bands(spec, user),
        ))
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
    """One row per scenario and profession: the median (or point) gap in each year."""
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
                gaps.append(None if row is None else
                            (row.get("gap_p50") if row.get("gap_p50") is not None
                             else row.get("gap_fte")))
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


def run_or_problems(scenario: Scenario, options: runs.Options | None = None
                    ) -> tuple[dict[str, Any] | None, list[str]]:
    try:
        return runs.run(scenario.document, options), []
    except runs.ScenarioInvalid as error:
        return None, runs.problems_text(error.problems)
