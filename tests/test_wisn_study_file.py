"""The study file: every problem with its JSON path, in the user's language; the CLI."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from fagkraft.workload.study_file import StudyFileInvalid, load_study, parse_study

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "wisn" / "bup_study.json"


def errors_of(data) -> dict[str, str]:
    with pytest.raises(StudyFileInvalid) as caught:
        parse_study(data)
    return {error.path: error.message for error in caught.value.errors}


def test_the_example_file_is_valid() -> None:
    parsed = load_study(EXAMPLE.read_bytes())
    assert [c.name for c in parsed.study.categories] == ["psychologist", "doctor", "nurse"]
    assert parsed.profession_groups["nurse"] == "nurse"
    assert parsed.scenarios[0].moves[0].share_percent == 25


def test_every_problem_is_collected_with_its_path() -> None:
    data = json.loads(EXAMPLE.read_text())
    data["year"] = "2025"
    data["working_time"]["hours_per_day"] = 0
    psychologist = data["categories"][0]
    psychologist["activities"][0]["minutes_per_unit"] = -5
    psychologist["activities"][1]["annual_workload"] = "many"
    psychologist["category_allowances"][0]["per"] = "fortnight"
    psychologist["individual_allowances"][0].pop("staff")
    psychologist["extra"] = 1
    data["categories"][1]["name"] = "psychologist"
    data["scenarios"][0]["moves"][0]["to"] = "therapist"
    with translation.override("en"):
        errors = errors_of(data)
    assert errors == {
        "$.year": "must be a whole year such as 2025, got \"2025\"",
        "$.working_time.hours_per_day": "must be greater than 0, got 0",
        "$.categories[0].extra": errors["$.categories[0].extra"],
        "$.categories[0].activities[0].minutes_per_unit": "must be greater than 0, got -5",
        "$.categories[0].activities[1].annual_workload": "must be a number, got \"many\"",
        "$.categories[0].category_allowances[0].per":
            "must be one of day, week, month, year, got \"fortnight\"",
        "$.categories[0].individual_allowances[0].staff": "is missing",
        "$.categories[1].name": "Category \"psychologist\" appears more than once",
        "$.scenarios[0].moves[0].to": "no category named \"therapist\"",
    }
    assert errors["$.categories[0].extra"].startswith("unknown key")


def test_messages_in_bokmal() -> None:
    with translation.override("nb"):
        errors = errors_of({"name": "x", "year": 2025, "categories": []})
    assert errors["$.working_time"] == "mangler"
    assert errors["$.categories"] == "trenger minst én personellkategori"


def test_leave_and_allowance_totals_are_checked() -> None:
    data = {"name": "x", "year": 2025,
            "working_time": {"basis": "days", "working_days": 100, "public_holidays": 10,
                             "annual_leave": 60, "sick_leave": 30, "other_leave": 0,
                             "hours_per_day": 7.5},
            "categories": [{"name": "a", "activities": []}]}
    with translation.override("en"):
        assert errors_of(data) == {
            "$.working_time": "holidays and leave (100 days) use up all 100 working days"}
    data["working_time"] = {"basis": "percent", "contract_hours": 1950,
                            "deductions_percent": {"holiday": 10.6, "sick": 6.0}}
    data["categories"][0]["category_allowances"] = [
        {"name": "meetings", "percent": 60}, {"name": "records", "hours": 4, "per": "day"}]
    with translation.override("en"):
        errors = errors_of(data)
    # 60 % + 4 h of a 7.5-hour day (53.3 %) = 113.3 %.
    assert errors == {"$.categories[0].category_allowances":
                      "the category allowances add up to 113.3 % of working time; they must "
                      "stay under 100 %"}


def test_broken_json_names_line_and_column() -> None:
    with translation.override("en"), pytest.raises(StudyFileInvalid) as caught:
        load_study(b'{"name": "x",\n "year": }')
    assert str(caught.value) == ("$: not valid JSON: Expecting value at line 2, column 10")


@pytest.mark.django_db
def test_cli_json_output() -> None:
    out = StringIO()
    call_command("wisn", str(EXAMPLE), "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    nurse = data["categories"][2]
    # AWT (261 - 9 - 25 - 15.89 - 5) * 7.5 = 206.11 * 7.5 = 1545.825 h.
    assert nurse["available_hours"] == 1545.83
    assert nurse["available_days"] == 206.11
    # 1.5 h a week of a 37.5-hour week = 4 %: CAF = 1 / 0.96 = 1.0417.
    assert nurse["category_allowance_factor"] == 1.0417
    # 4000 contacts * 60 min = 4000 h / 1545.825 h / 0.96 = 2.69543.
    assert nurse["required_staff"] == 2.6954
    assert nurse["wisn_ratio"] == round(5 / (4000 / 1545.825 / 0.96), 4)
    assert set(nurse) >= {"standard_workloads", "individual_allowance_factor",
                          "wisn_difference"}
    assert data["scenarios"][0]["rows"][2]["category"] == "nurse"


@pytest.mark.django_db
def test_cli_bad_file_fails_with_messages(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "", "year": 2025, "working_time": {"basis": "weeks"},
                               "categories": [{"name": "a", "activities": [{}]}]}))
    err = StringIO()
    with pytest.raises(CommandError, match="problemer|problems"):
        call_command("wisn", str(bad), stderr=err)
    lines = err.getvalue().splitlines()
    assert any(line.startswith("$.working_time.basis: ") for line in lines)
    assert any(line.startswith("$.categories[0].activities[0].name: ") for line in lines)
    assert len(lines) == 5  # name, basis, activity name, workload, minutes


def test_cli_saves_the_example_and_the_example_workbook_imports_into_it(world) -> None:
    from fagkraft.workload.imports import import_workload
    from fagkraft.workload.models import WisnStudy, WorkloadActivity

    out = StringIO()
    call_command("wisn", str(EXAMPLE), "--save", world.section_a.code, stdout=out)
    study = WisnStudy.objects.get(unit=world.section_a)
    assert study.scenarios.get().moves.get().share_percent == 25
    assert study.categories.get(name="nurse").existing_staff_override == 5
    workbook = EXAMPLE.with_name("arbeidsmengde_eksempel.xlsx")
    result = import_workload(None, study, workbook.name, workbook.read_bytes())
    assert (result.errors, result.created, result.updated) == ([], 1, 4)
    contact = WorkloadActivity.objects.get(category__name="psychologist",
                                           name="Outpatient contact")
    assert (contact.annual_workload, contact.minutes_per_unit) == (9450, 60)
