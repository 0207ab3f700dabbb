"""`fagkraft project SCENARIO.json`: JSON and table output, bands, bad files, progress."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "projections"
OSTFOLD = EXAMPLES / "psykolog_ostfold.json"


def _run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("project", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_output_has_demand_supply_and_gap_per_year() -> None:
    """The issue's example: supply 100, 100, 103, 102.76 in 2026-2029 (8 % turnover,
    8 recruits, 3 completing in 2028); gap = demand - supply; base-year demand 120."""
    out, _ = _run(str(OSTFOLD), "--format", "json")
    document = json.loads(out)
    rows = document["professions"]["psychologist"]
    assert [row["year"] for row in rows] == list(range(2026, 2041))
    assert [row["supply_fte"] for row in rows[:4]] == [100.0, 100.0, 103.0, 102.76]
    assert rows[0]["demand_fte"] == 120.0 and rows[0]["gap_fte"] == 20.0
    for row in rows:
        assert row["gap_fte"] == pytest.approx(row["demand_fte"] - row["supply_fte"], abs=1e-3)
    assert document["approximate_population"] is True  # Østfold: derived age detail
    assert "gap_p50" not in rows[0]


def test_draws_add_percentile_bands_and_the_seed_repeats_them() -> None:
    first, _ = _run(str(OSTFOLD), "--format", "json", "--draws", "500", "--seed", "4")
    again, _ = _run(str(OSTFOLD), "--format", "json", "--draws", "500", "--seed", "4")
    rows = json.loads(first)["professions"]["psychologist"]
    assert {"demand_p10", "supply_p50", "gap_p90"} <= set(rows[-1])
    assert rows[-1]["gap_p10"] <= rows[-1]["gap_p50"] <= rows[-1]["gap_p90"]
    assert first == again


def test_intake_and_tornado_in_json() -> None:
    out, _ = _run(str(OSTFOLD), "--format", "json", "--intake", "2035", "--tornado", "2035")
    document = json.loads(out)
    intake = document["intake"]["psychologist"]
    assert intake["gap_with_intake"] <= 0 < intake["gap_with_one_fewer"]
    assert intake["cohorts"][0] == {"intake_year": 2027, "completion_year": 2032,
                                    "positions": intake["positions_per_year"]}
    swings = [row["swing"] for row in document["tornado"]["psychologist"]]
    assert swings == sorted(swings, reverse=True)


def test_table_output_and_progress_bar_on_stderr() -> None:
    out, err = _run(str(EXAMPLES / "bup_med_aldersdetalj.json"), "--draws", "200",
                    "--progress", "always")
    # Column names and numbers in bokmål, as on the page (issue 12: consistent labels).
    assert "child_psychiatrist" in out and "Gap (årsverk) P90" in out
    assert "gap_p90" not in out and "demand_fte" not in out
    assert "42,0" in out  # the psychologists' demand in 2026, with a decimal comma
    assert "[" + "#" * 30 + "] 2/2" in err


def test_the_table_tornado_reads_as_on_the_page() -> None:
    out, _err = _run(str(EXAMPLES / "bup_med_aldersdetalj.json"), "--tornado", "2040")
    tornado = out.split("Tornado, gap i 2040:")[1]
    assert "Forutsetning" in tornado and "Gap, lav ende" in tornado
    assert "LLML" in tornado and "prosentpoeng" in tornado and "per år" in tornado
    assert " pp" not in tornado and "/yr" not in tornado


def test_bad_file_lists_every_problem_with_its_path(tmp_path: Path) -> None:
    bad = json.loads(OSTFOLD.read_text(encoding="utf-8"))
    bad["population"]["alternative"] = "ZZZZ"
    bad["professions"]["psychologist"]["supply"]["turnover_percent"] = -3
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("project", str(path), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert any(line.startswith("population.alternative: ") for line in lines)
    assert any(line.startswith("professions.psychologist.supply.turnover_percent: ")
               for line in lines)


def test_the_console_script_exits_non_zero_on_a_bad_file(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "fagkraft", "project", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "JSON" in done.stderr


def test_population_from_a_users_ssb_table(tmp_path: Path) -> None:
    """A single-age table loaded by the user replaces the shipped data and is exact:
    ages 0-17 hold 100 persons each in 2026 and 110 in 2027 -> demand 50 x 1.1 = 55."""
    lines = ["region;alder;år;statistikkvariabel;value"]
    for year, persons in ((2026, 100), (2027, 110)):
        for age in range(0, 106):
            lines.append(f"3101 Halden;{age} år;{year};Hovedalternativet (MMMM);"
                         f"{persons if age <= 17 else 999}")
    table = tmp_path / "halden.csv"
    table.write_text("\n".join(lines), encoding="utf-8")
    scenario = {
        "name": "own table", "base_year": 2026, "end_year": 2027,
        "population": {"file": str(table), "ages": [0, 17]},
        "professions": {"psychologist": {"demand": {"base_fte": 50.0},
                                         "supply": {"fte": 50.0}}},
    }
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(scenario), encoding="utf-8")
    out, _ = _run(str(path), "--format", "json")
    document = json.loads(out)
    assert document["professions"]["psychologist"][1]["demand_fte"] == 55.0
    assert document["approximate_population"] is False
