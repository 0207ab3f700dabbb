"""The scenario file: every problem with its JSON path; valid files give the dataclasses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from fagkraft.engine.projection import AgeBandValue, AreaSpec, StockRow
from fagkraft.projections.scenario_file import (
    ScenarioFileError,
    parse_band,
    parse_scenario,
    scenario_to_dict,
    validate_scenario,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "projections"
ISSUE_EXAMPLE = {
    "name": "Issue 6", "base_year": 2026, "end_year": 2040,
    "population": {"area": {"counties": ["31"]}, "alternative": "MMMM", "ages": [0, 17]},
    "professions": {"psychologist": {
        "demand": {"base_fte": 120.0, "adjustment_percent_per_year": 0.0},
        "supply": {"fte": 100.0, "turnover_percent": 8.0, "retirement_age": 67,
                   "recruits_per_year": 8, "pipeline": {"2028": 3}}}},
}


def test_the_issue_example_parses() -> None:
    scenario = parse_scenario(ISSUE_EXAMPLE)
    assert scenario.population.area == AreaSpec("counties", ("31",))
    supply = scenario.profession("psychologist").supply
    assert supply.fte == 100.0 and supply.pipeline == ((2028, 3.0),) and not supply.has_ages


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.json")), ids=lambda p: p.name)
def test_shipped_examples_are_valid(path: Path) -> None:
    scenario, problems = validate_scenario(path.read_bytes())
    assert problems == [] and scenario is not None


def test_register_shaped_supply_and_demand_options() -> None:
    scenario = parse_scenario((EXAMPLES / "bup_med_aldersdetalj.json").read_bytes())
    psychologist = scenario.profession("psychologist")
    assert psychologist.supply.stock[1] == StockRow(34, 5.6, 6)
    assert psychologist.supply.turnover_percent_by_age[0] == AgeBandValue(0, 29, 12.0, "-29")
    assert psychologist.supply.turnover_percent_by_age[-1] == AgeBandValue(60, None, 10.0, "60-")
    assert psychologist.demand.adjustment_path == ((2030, 1.05),)
    # WISN: AWT = (260 - 10 - 25 - 12 - 5) x 7.5 = 1560 h; CAF = 1 / (1 - 0.20) = 1.25;
    # 9000 x 75 / 60 / 1560 x 1.25 = 9.014423 FTE.
    psychiatrist = scenario.profession("child_psychiatrist")
    assert psychiatrist.demand.base_value() == pytest.approx(9000 * 75 / 60 / 1560 * 1.25)
    # Profession-level uncertainty overrides one key and inherits the rest.
    assert psychiatrist.uncertainty.recruits_percent == (-50.0, 50.0)
    assert psychiatrist.uncertainty.turnover_percent == (-2.0, 2.0)


def test_every_problem_is_reported_with_its_path() -> None:
    bad = {
        "base_year": 2026, "end_year": 2020, "colour": "red",
        "population": {"area": {"counties": ["31", "99"]}, "alternative": "XXXX",
                       "ages": [17, 0]},
        "professions": {
            "psychologist": {
                "demand": {"base_fte": -1, "adjustment_path": {"soon": 1.1}},
                "supply": {"fte": 10, "turnover_percent": 120,
                           "turnover_percent_by_age": {"-29": 5}, "pipeline": {"2060": 1},
                           "recruit_age": 70},
            },
            "nurse": {"demand": {"base_fte": 5, "activity": {}},
                      "supply": {"stock": [{"age": "old", "fte": 1}, {"fte": 2}]}},
        },
        "uncertainty": {"turnover_percent": [1, 2]},
    }
    with translation.override("en"):
        scenario, problems = validate_scenario(bad)
    assert scenario is None
    paths = {problem.path for problem in problems}
    assert {
        "name", "end_year", "colour", "population.area", "population.alternative",
        "population.ages", "professions.psychologist.demand.base_fte",
        "professions.psychologist.demand.adjustment_path.soon",
        "professions.psychologist.supply.turnover_percent",
        "professions.psychologist.supply.turnover_percent_by_age",
        "professions.psychologist.supply.pipeline.2060",
        "professions.psychologist.supply.recruit_age",
        "professions.nurse.demand", "professions.nurse.supply.stock[0].age",
        "professions.nurse.supply.stock[1].age", "uncertainty.turnover_percent[0]",
    } <= paths
    messages = {problem.path: problem.message for problem in problems}
    assert messages["population.area"] == "Unknown county number 99"
    assert messages["professions.psychologist.supply.turnover_percent"] == "Must be at most 100"


def test_messages_are_in_norwegian_by_default() -> None:
    with translation.override("nb"):
        _, problems = validate_scenario({**ISSUE_EXAMPLE, "base_year": "2026"})
    assert [problem.path for problem in problems] == ["base_year"]
    assert problems[0].message == "Må være et heltall"


def test_broken_json_reports_line_and_column() -> None:
    with pytest.raises(ScenarioFileError) as error:
        parse_scenario(b'{"name": "x",\n "base_year": }')
    assert "2" in error.value.problems[0].message  # line 2


def test_written_scenario_parses_back_to_the_same() -> None:
    scenario = parse_scenario((EXAMPLES / "bup_med_aldersdetalj.json").read_bytes())
    again = parse_scenario(json.dumps(scenario_to_dict(scenario)))
    assert again == scenario


@pytest.mark.parametrize(
    ("label", "bounds"),
    [("-29", (0, 29)), ("30-44", (30, 44)), ("60-", (60, None)), ("60+", (60, None)),
     ("45", (45, 45)), ("44-30", None), ("abc", None), ("-", None)],
)
def test_band_syntax(label: str, bounds: tuple | None) -> None:
    assert parse_band(label) == bounds


@given(st.integers(0, 105), st.integers(0, 105))
def test_any_ordered_band_parses(low: int, high: int) -> None:
    low, high = min(low, high), max(low, high)
    assert parse_band(f"{low}-{high}") == (low, high)
