"""Excel export of a scenario: every table and every assumption.

Sheets: Scenario (what it is and how it was run), Assumptions (as the engine used them),
Uncertainty (the ranges drawn), Register basis (stock by age band, base-year demand,
turnover estimate with its counts, recruits, pipeline), Stock by age (not for planners),
one Projection sheet per profession (demand, supply, gap with percentiles), Tornado,
Intake (solution and cohorts) and Population (served population by year). Headers follow
the active language; counts hidden on the page are hidden here too ("x"). Typed cells
through core.xlsx: FTE with one decimal, as the page's tables, KPIs and sentences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from fagkraft.access import disclosure
from fagkraft.core import xlsx
from fagkraft.core.cells import COUNT, FTE, NUMBER, PERCENT, YEAR
from fagkraft.core.xlsx import As, Column, workbook_bytes
from fagkraft.projections.models import Scenario
from fagkraft.projections.reports import ProfessionView
from fagkraft.projections.runs import label

PERCENTILE_COLUMNS = ("p10", "p50", "p90")


def _count(value: Any) -> Any:
    """A hidden count (None) with the pages' mark."""
    return disclosure.marked(value)


def _sheet(workbook: Workbook, title: str, columns: Sequence[Any]) -> xlsx.TypedSheet:
    return xlsx.typed_sheet(workbook, title, columns)


def _append(sheet: xlsx.TypedSheet, values: Sequence[Any]) -> None:
    sheet.append(values)


def _date(text: str) -> dt.date | str:
    try:
        return dt.date.fromisoformat(text)
    except (TypeError, ValueError):
        return text


def _about(workbook: Workbook, scenario: Scenario, result: dict[str, Any]) -> None:
    sheet = _sheet(workbook, _("Scenario"), [_("Field"), _("Value")])
    basis = scenario.register_basis or {}
    for field, value in (
        (_("Name"), scenario.name),
        (_("Unit"), scenario.unit.name),
        (_("Service area"), scenario.get_service_area_display() or _("All")),
        (_("Owner"), scenario.owner.get_username() if scenario.owner else ""),
        (_("Notes"), scenario.notes),
        (_("Base year"), As(result["base_year"], YEAR)),
        (_("Last year"), As(result["end_year"], YEAR)),
        (_("Monte Carlo draws"), As(result["draws"], COUNT)),
        (_("Random seed"), As(result["seed"], YEAR)),
        (_("Tornado year"), As(result["tornado_year"], YEAR)),
        (_("Intake target year"), As(result["target_year"], YEAR)),
        (_("Built from the register on"), _date(basis.get("built_on", ""))),
        (_("Turnover history (years)"), "–".join(str(y) for y in basis.get("history", []))),
        (_("Population approximate"), _("yes") if result["approximate_population"] else _("no")),
        *[(_("Population note"), note) for note in result["population_notes"]],
        (_("Source"), _("Population: Statistics Norway (SSB), tables 07459, 14288 and 14746, "
                        "CC BY 4.0, processed.")),
    ):
        _append(sheet, [field, value])
    sheet.sheet.column_dimensions["B"].width = 60


def _assumptions(workbook: Workbook, result: dict[str, Any], labels: dict[str, str]) -> None:
    sheet = _sheet(workbook, _("Assumptions"), [_("Profession"), _("Assumption"), _("Value")])
    for row in result["assumptions"]:
        _append(sheet, [labels.get(row["profession"], row["profession"]), row["label"],
                        xlsx.number_or_text(row["value"])])


def _uncertainty(workbook: Workbook, scenario: Scenario, labels: dict[str, str]) -> None:
    sheet = _sheet(workbook, _("Uncertainty"), [_("Profession"), _("Input"), _("Low"),
                                                _("High")])
    scenario_level = scenario.document.get("uncertainty") or {}
    rows = [(_("All"), scenario_level)] + [
        (labels.get(key, key), spec["uncertainty"])
        for key, spec in (scenario.document.get("professions") or {}).items()
        if isinstance(spec, dict) and spec.get("uncertainty")
    ]
    for who, ranges in rows:
        for name, value in ranges.items():
            if isinstance(value, list):
                _append(sheet, [who, label(name), value[0], value[1]])
            else:
                _append(sheet, [who, label(name), value if isinstance(value, bool)
                                else xlsx.number_or_text(str(value)), ""])


def _basis(workbook: Workbook, views: list[ProfessionView]) -> None:
    sheet = _sheet(workbook, _("Register basis"), [
        _("Profession"), _("Table"), _("Age band"), Column(_("Persons"), COUNT),
        Column(_("FTE"), FTE), Column(_("Person-years"), FTE),
        Column(_("Left the trust"), COUNT), Column(_("Retired"), COUNT),
        Column(_("Moved within the trust"), COUNT), Column(_("Estimated rate"), PERCENT),
        Column(_("Rate used"), PERCENT), Column(_("Value"), FTE)])
    for view in views:
        for band in view.stock_bands:
            _append(sheet, [view.label, _("Stock"), band["band"], _count(band["headcount"]),
                            band["fte"], None, None, None, None, None, None, None])
        basis = view.basis
        if not basis:
            continue
        demand = basis["demand"]
        for name, value in ((_("Filled FTE"), demand.get("filled_fte")),
                            (_("Open vacancies"), As(_count(demand.get("vacancies")), COUNT)),
                            (_("Vacant FTE"), demand.get("vacant_fte")),
                            (_("Base-year demand (FTE)"), demand.get("demand_fte"))):
            _append(sheet, [view.label, name, None, None, None, None, None, None, None,
                            None, None, value])
        for row in basis["turnover"]:
            rate = row["rate"]
            _append(sheet, [view.label, _("Turnover"), row["band"], None, None,
                            row["person_years"], _count(row["leavers"]),
                            _count(row["retirements"]), _count(row["internal_moves"]),
                            rate, None if row["used_percent"] is None
                            else row["used_percent"] / 100, None])
        recruits = basis["recruits"]
        _append(sheet, [view.label, _("Recruits per year"), None, _count(recruits.get(
            "recruits")), None, None, None, None, None, None, None, recruits.get("per_year")])
        for year, completions in sorted(basis.get("pipeline", {}).items()):
            _append(sheet, [view.label, _("Completions from the pipeline"), As(int(year), YEAR),
                            None, None,
                            None, None, None, None, None, None, completions])


def _stock(workbook: Workbook, views: list[ProfessionView]) -> None:
    sheet = _sheet(workbook, _("Stock by age"), [
        _("Profession"), Column(_("Age"), COUNT), Column(_("Persons"), NUMBER),
        Column(_("FTE"), FTE)])
    for view in views:
        stock = view.spec.get("supply", {}).get("stock")
        if isinstance(stock, list):
            for row in stock:
                _append(sheet, [view.label, row["age"], row.get("headcount", 1.0), row["fte"]])


def _projection(workbook: Workbook, view: ProfessionView) -> None:
    headers = [Column(_("Year"), YEAR), Column(_("Demand (FTE)"), FTE),
               Column(_("Supply (FTE)"), FTE), Column(_("Gap (FTE)"), FTE)]
    keys = ["year", "demand_fte", "supply_fte", "gap_fte"]
    sample = view.result["table"][0] if view.result["table"] else {}
    for name, title in (("demand", _("Demand")), ("supply", _("Supply")), ("gap", _("Gap"))):
        for level in PERCENTILE_COLUMNS:
            if f"{name}_{level}" in sample:
                headers.append(Column(f"{title} {level.upper()}", FTE))
                keys.append(f"{name}_{level}")
    # core.xlsx.sheet_title: Excel's forbidden characters, 31 characters, unique names.
    title = _("Projection")
    sheet = _sheet(workbook, f"{title} {view.label}", headers)
    for row in view.result["table"]:
        _append(sheet, [row.get(key) for key in keys])


def _tornado(workbook: Workbook, views: list[ProfessionView]) -> None:
    sheet = _sheet(workbook, _("Tornado"), [
        _("Profession"), Column(_("Year"), YEAR), _("Assumption"), Column(_("Low value"), NUMBER),
        Column(_("High value"), NUMBER), Column(_("Gap at low value"), FTE),
        Column(_("Gap at high value"), FTE), Column(_("Swing"), FTE),
        Column(_("Gap (central projection)"), FTE)])
    for view in views:
        tornado = view.result["tornado"]
        for row in tornado["rows"]:
            _append(sheet, [view.label, tornado["year"], row["label"],
                            xlsx.number_or_text(row["low_value"]),
                            xlsx.number_or_text(row["high_value"]), row["gap_low"],
                            row["gap_high"], row["swing"],
                            tornado["base_gap"]])


def _intake(workbook: Workbook, views: list[ProfessionView]) -> None:
    summary = _sheet(workbook, _("Intake"), [
        _("Profession"), Column(_("Target year"), YEAR),
        Column(_("New education positions per year"), COUNT),
        Column(_("First intake"), YEAR), Column(_("Years of education"), NUMBER),
        _("Possible"), Column(_("Gap without new positions"), FTE),
        Column(_("Gap with them"), FTE), Column(_("Gap with one fewer"), FTE)])
    cohorts = _sheet(workbook, _("Cohorts"), [
        _("Profession"), Column(_("Intake year"), YEAR), Column(_("Completes"), YEAR),
        Column(_("Positions"), COUNT)])
    for view in views:
        intake = view.result["intake"]
        _append(summary, [view.label, intake["target_year"], intake["positions_per_year"],
                          intake["first_intake_year"], intake["education_years"],
                          _("yes") if intake["feasible"] else _("no"),
                          intake["gap_without_intake"], intake["gap_with_intake"],
                          intake["gap_with_one_fewer"]])
        for cohort in intake["cohorts"]:
            _append(cohorts, [view.label, cohort["intake_year"], cohort["completion_year"],
                              cohort["positions"]])


def _population(workbook: Workbook, result: dict[str, Any], labels: dict[str, str]) -> None:
    sheet = _sheet(workbook, _("Population"), [
        _("Profession"), Column(_("Year"), YEAR),
        Column(_("Served population (weighted)"), COUNT)])
    for row in result["population"]:
        _append(sheet, [labels.get(row["profession"], row["profession"]), row["year"],
                        row["served"]])


def scenario_workbook(scenario: Scenario, result: dict[str, Any],
                      views: list[ProfessionView], *, hides_stock: bool) -> bytes:
    workbook = xlsx.new_workbook()
    labels = {view.key: view.label for view in views}
    shown = [view for view in views if view.result is not None]
    _about(workbook, scenario, result)
    _assumptions(workbook, result, labels)
    _uncertainty(workbook, scenario, labels)
    _basis(workbook, views)
    if not hides_stock:
        _stock(workbook, views)
    for view in shown:
        _projection(workbook, view)
    _tornado(workbook, shown)
    _intake(workbook, shown)
    _population(workbook, result, labels)
    return workbook_bytes(workbook)

