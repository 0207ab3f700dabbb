"""Numbers in the two JSON files are finite: NaN, Infinity and -Infinity are refused with
their JSON path, in the study file (WISN) and the scenario file (projections) alike."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from django.utils import translation

from fagkraft.projections.scenario_file import validate_scenario
from fagkraft.workload.study_file import StudyFileInvalid, load_study


@pytest.fixture(autouse=True)
def _english():
    """Messages in English unless a test asks for bokmål."""
    with translation.override("en"):
        yield


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCENARIO = (EXAMPLES / "projections" / "psykolog_ostfold.json").read_text("utf-8")
STUDY = (EXAMPLES / "wisn" / "bup_study.json").read_text("utf-8")


@pytest.mark.parametrize("word", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_scenario_file_refuses_a_non_finite_base_fte(word: str) -> None:
    text = SCENARIO.replace('"base_fte": 120.0', f'"base_fte": {word}')
    assert text != SCENARIO
    scenario, problems = validate_scenario(text.encode())
    assert scenario is None
    assert [problem.path for problem in problems] == [
        "professions.psychologist.demand.base_fte"]
    shown = "-Infinity" if word == "-Infinity" else "Infinity" if word != "NaN" else "NaN"
    assert problems[0].message == f"must be a finite number, got {shown}"


def test_scenario_given_as_a_mapping_is_checked_the_same_way() -> None:
    document = {"name": "x", "base_year": 2026, "end_year": 2030,
                "population": {"area": {"counties": ["31"]}},
                "professions": {"psychologist": {"demand": {"base_fte": math.nan},
                                                 "supply": {"fte": math.inf}}}}
    scenario, problems = validate_scenario(document)
    assert scenario is None
    assert {problem.path for problem in problems} == {
        "professions.psychologist.demand.base_fte", "professions.psychologist.supply.fte"}


def test_study_file_refuses_nan_and_infinity_with_their_paths() -> None:
    text = (STUDY.replace('"annual_workload": 9000', '"annual_workload": NaN')
            .replace('"minutes_per_unit": 30', '"minutes_per_unit": Infinity'))
    with pytest.raises(StudyFileInvalid) as caught:
        load_study(text)
    assert {error.path: error.message for error in caught.value.errors} == {
        "$.categories[0].activities[0].annual_workload": "must be a finite number, got NaN",
        "$.categories[1].activities[1].minutes_per_unit":
            "must be a finite number, got Infinity",
    }


def test_the_message_is_in_norwegian() -> None:
    with translation.override("nb"):
        _scenario, problems = validate_scenario(
            SCENARIO.replace('"base_fte": 120.0', '"base_fte": NaN'))
    assert problems[0].message == "må være et endelig tall, fikk NaN"
