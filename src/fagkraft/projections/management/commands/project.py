"""`fagkraft project SCENARIO.json [--format json|table] [--draws N] [--seed S]`.

Projects demand, supply and gap per profession and year from a scenario file
(docs/projections.md). A bad file prints every problem with its JSON path and exits
non-zero. Long runs draw a progress bar on stderr. `--tornado YEAR` and `--intake YEAR`
add the tornado chart's figures and the intake that closes the gap by YEAR.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from fagkraft.engine import population as pop
from fagkraft.engine.projection import (
    IntakeResult,
    ProjectionResult,
    Scenario,
    intake_to_close,
    project,
    tornado,
)
from fagkraft.projections.runs import describe_end, label, note_text
from fagkraft.projections.scenario_file import validate_scenario

# Draws x professions from which a run counts as long and gets a progress bar.
LONG_RUN = 20_000
BAR_WIDTH = 30


class ProgressBar:
    """A one-line text bar on a stream, redrawn in place with a carriage return."""

    def __init__(self, stream: Any, label: str) -> None:
        self.stream = stream
        self.label = label

    def __call__(self, done: int, total: int) -> None:
        filled = BAR_WIDTH * done // max(total, 1)
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total}"
        )
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def _clean(value: Any) -> Any:
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 4)
    if hasattr(value, "item"):
        return _clean(value.item())
    return value


# The table's columns in the user's language; bands are "<column> P10" and so on.
def _column_label(column: str) -> str:
    labels = {"year": _("Year"), "demand_fte": _("Demand (FTE)"),
              "supply_fte": _("Supply (FTE)"), "gap_fte": _("Gap (FTE)")}
    if column in labels:
        return str(labels[column])
    base, _sep, level = column.rpartition("_p")
    if level.isdigit() and f"{base}_fte" in labels:
        return f"{labels[f'{base}_fte']} P{level}"
    return column


def _number(value: Any) -> str:
    return "–" if value is None or value != value else number_format(value, decimal_pos=1)


def _tornado_frame(frame: pd.DataFrame, profession: Any) -> pd.DataFrame:
    """The tornado as on the web page: assumption names, ends in words, numbers localised."""
    return pd.DataFrame({
        _("Assumption"): [label(code) for code in frame["assumption"]],
        _("Low end"): [describe_end(code, offset, profession)
                       for code, offset in zip(frame["assumption"], frame["low_offset"],
                                               strict=True)],
        _("High end"): [describe_end(code, offset, profession)
                        for code, offset in zip(frame["assumption"], frame["high_offset"],
                                                strict=True)],
        _("Gap, low end"): [_number(value) for value in frame["gap_low"]],
        _("Gap, high end"): [_number(value) for value in frame["gap_high"]],
        _("Swing"): [_number(value) for value in frame["swing"]],
    })


class Command(BaseCommand):
    help = "Project supply and demand per profession and year from a scenario file (JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("scenario", type=Path, help="Scenario file (JSON).")
        parser.add_argument("--format", choices=("table", "json"), default="table")
        parser.add_argument("--draws", type=int, default=0,
                            help="Monte Carlo draws for the 10/50/90 percentile bands.")
        parser.add_argument("--seed", type=int, default=0, help="Seed of the random draws.")
        parser.add_argument("--tornado", type=int, metavar="YEAR",
                            help="Also show which assumption moves the gap in YEAR most.")
        parser.add_argument("--intake", type=int, metavar="YEAR",
                            help="Also solve the education intake that closes the gap by YEAR.")
        parser.add_argument("--progress", choices=("auto", "always", "never"), default="auto",
                            help="Progress bar on stderr (auto: on long runs).")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._run(options)

    def _run(self, options: dict[str, Any]) -> None:
        path: Path = options["scenario"]
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        if options["draws"] < 0:
            raise CommandError(_("--draws must be 0 or more"))
        scenario, problems = validate_scenario(path.read_bytes())
        if scenario is None:
            for problem in problems:
                self.stderr.write(
                    _("%(path)s: %(message)s")
                    % {"path": problem.path or _("(file)"), "message": problem.message}
                )
            raise CommandError(
                _("Problems in %(file)s: %(count)s")
                % {"count": len(problems), "file": path.name}
            )
        for year in (options["tornado"], options["intake"]):
            if year is not None and year not in scenario.years:
                raise CommandError(
                    _("The year must be within %(first)s-%(last)s")
                    % {"first": scenario.base_year, "last": scenario.end_year}
                )
        try:
            result = project(scenario, draws=options["draws"], seed=options["seed"],
                             progress=self._progress(options, scenario))
            extras = self._extras(scenario, options)
        except (pop.AreaError, ValueError) as error:
            raise CommandError(str(error)) from error
        if options["format"] == "json":
            self.stdout.write(json.dumps(self._json(result, *extras), ensure_ascii=False,
                                         indent=2))
        else:
            self._table(result, *extras)

    def _progress(self, options: dict[str, Any], scenario: Scenario) -> ProgressBar | None:
        wanted = options["progress"]
        long_run = options["draws"] * len(scenario.professions) >= LONG_RUN
        if wanted == "always" or wanted == "auto" and long_run:
            return ProgressBar(self.stderr, _("Projecting"))
        return None

    def _extras(
        self, scenario: Scenario, options: dict[str, Any]
    ) -> tuple[dict[str, pd.DataFrame], dict[str, IntakeResult]]:
        tornados: dict[str, pd.DataFrame] = {}
        intakes: dict[str, IntakeResult] = {}
        for profession in scenario.professions:
            if options["tornado"] is not None:
                frame = tornado(scenario, profession.name, options["tornado"])
                frame.attrs["year"] = options["tornado"]
                tornados[profession.name] = frame
            if options["intake"] is not None:
                intakes[profession.name] = intake_to_close(
                    scenario, profession.name, options["intake"], draws=options["draws"],
                    seed=options["seed"],
                )
        return tornados, intakes

    def _json(
        self, result: ProjectionResult, tornados: dict[str, pd.DataFrame],
        intakes: dict[str, IntakeResult],
    ) -> dict[str, Any]:
        scenario = result.scenario
        professions: dict[str, list[dict[str, Any]]] = {}
        for name, rows in result.table.groupby("profession", sort=False):
            professions[str(name)] = [
                {key: _clean(value) for key, value in row.items() if key != "profession"}
                for row in rows.to_dict("records")
            ]
        out: dict[str, Any] = {
            "scenario": scenario.name,
            "base_year": scenario.base_year,
            "end_year": scenario.end_year,
            "draws": result.draws,
            "seed": result.seed,
            "approximate_population": result.approximate_population,
            "notes": [note_text(note) for note in result.population_notes],
            "professions": professions,
        }
        if tornados:
            out["tornado"] = {
                name: [{k: _clean(v) for k, v in row.items()} for row in frame.to_dict("records")]
                for name, frame in tornados.items()
            }
        if intakes:
            out["intake"] = {name: self._intake_json(intake) for name, intake in intakes.items()}
        return out

    @staticmethod
    def _intake_json(intake: IntakeResult) -> dict[str, Any]:
        return {
            "target_year": intake.target_year,
            "positions_per_year": intake.positions_per_year,
            "feasible": intake.feasible,
            "education_years": intake.education_years,
            "cohorts": [
                {k: _clean(v) for k, v in row.items()}
                for row in intake.cohorts.to_dict("records")
            ],
            "gap_without_intake": _clean(intake.gap_without_intake),
            "gap_with_intake": _clean(intake.gap_with_intake),
            "gap_with_one_fewer": _clean(intake.gap_with_one_fewer),
        }

    def _table(
        self, result: ProjectionResult, tornados: dict[str, pd.DataFrame],
        intakes: dict[str, IntakeResult],
    ) -> None:
        scenario = result.scenario
        self.stdout.write(
            _("Scenario: %(name)s (%(first)s-%(last)s)")
            % {"name": scenario.name, "first": scenario.base_year, "last": scenario.end_year}
        )
        if result.approximate_population:
            self.stdout.write(_("Approximate population figures:"))
        for note in result.population_notes:
            self.stdout.write(f"  - {note_text(note)}")
        columns = [c for c in result.table.columns if c != "profession"]
        for name, rows in result.table.groupby("profession", sort=False):
            self.stdout.write("")
            self.stdout.write(str(name))
            shown = rows[columns].rename(columns=_column_label)
            self.stdout.write(shown.to_string(index=False, formatters={
                label: _number for label in shown.columns if label != _("Year")}))
            if name in tornados:
                self.stdout.write(
                    _("Tornado, gap in %(year)s:") % {"year": tornados[name].attrs["year"]}
                )
                self.stdout.write(_tornado_frame(tornados[name], scenario.profession(str(name)))
                                  .to_string(index=False))
            if name in intakes:
                self._intake_text(intakes[name])

    def _intake_text(self, intake: IntakeResult) -> None:
        if not intake.feasible:
            self.stdout.write(
                _("No intake closes the gap by %(year)s") % {"year": intake.target_year}
            )
            return
        self.stdout.write(
            _("Education positions per year to close the gap by %(year)s: %(n)s "
              "(gap %(gap).1f; with one fewer %(fewer)s)")
            % {
                "year": intake.target_year,
                "n": intake.positions_per_year,
                "gap": intake.gap_with_intake,
                "fewer": "-" if intake.gap_with_one_fewer is None
                else f"{intake.gap_with_one_fewer:.1f}",
            }
        )
        for row in intake.cohorts.itertuples():
            self.stdout.write(
                _("  intake %(start)s -> completes %(end)s")
                % {"start": row.intake_year, "end": row.completion_year}
            )
