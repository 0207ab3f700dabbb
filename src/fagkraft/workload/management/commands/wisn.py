"""`fagkraft wisn STUDY.json [--format json|table] [--save UNIT_CODE]`: a WISN calculation.

Reads a study file (schema in docs/wisn.md), prints required staff, WISN difference and
ratio per staff category with every intermediate figure, and each task-sharing scenario
before and after. A bad file prints every problem as "JSON path: message" and exits
non-zero. `--save` stores the study (and its scenarios) under a unit for the web app.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from fagkraft.engine import wisn
from fagkraft.workforce.models import Unit
from fagkraft.workload import services
from fagkraft.workload.study_file import StudyFile, StudyFileInvalid, load_study


def _n(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "–"
    return number_format(round(value, digits), digits, use_l10n=True, force_grouping=True)


class Command(BaseCommand):
    help = "Staffing need from workload (WHO WISN) for a study file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="Study file (JSON).")
        parser.add_argument("--format", choices=("table", "json"), default="table",
                            help="table (default) for reading, json for programs.")
        parser.add_argument("--save", metavar="UNIT_CODE",
                            help="Also store the study under this unit (by unit code).")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._run(options["file"], options["format"], options["save"])

    def _run(self, path: Path, output: str, save: str | None) -> None:
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        try:
            parsed = load_study(path.read_bytes())
        except StudyFileInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(str(error))
            raise CommandError(_("%(count)s problems in %(file)s.")
                               % {"count": len(invalid.errors), "file": path.name}) from None
        try:
            result = wisn.calculate(parsed.study)
            comparisons = [wisn.compare(parsed.study, s) for s in parsed.scenarios]
        except ValueError as problem:
            raise CommandError(str(problem)) from None
        if output == "json":
            data = wisn.study_to_dict(result)
            data["scenarios"] = [wisn.comparison_to_dict(c) for c in comparisons]
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self._table(result, comparisons)
        if save:
            self._save(parsed, save)

    def _save(self, parsed: StudyFile, code: str) -> None:
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            raise CommandError(_("No unit with code %(code)s") % {"code": code})
        study = services.create_study_from(
            None, unit, parsed.study, groups=parsed.profession_groups, sources=parsed.sources,
            scenarios=parsed.scenarios, note=parsed.note, via="cli")
        self.stdout.write(_("Saved as study %(id)s under %(unit)s.")
                          % {"id": study.pk, "unit": unit.name})

    def _table(self, result: wisn.StudyResult, comparisons: list[wisn.Comparison]) -> None:
        write = self.stdout.write
        write(f"{result.name} ({result.year})")
        for c in result.categories:
            a = c.available
            write("")
            write(f"== {c.name}")
            write(_("Available working time: %(days)s days, %(hours)s hours")
                  % {"days": _n(a.days), "hours": _n(a.hours)})
            for activity in c.activities:
                write("  " + _("%(name)s: %(workload)s units × %(minutes)s min; standard "
                               "workload %(standard)s; staff %(staff)s")
                      % {"name": activity.name, "workload": _n(activity.annual_workload, 0),
                         "minutes": _n(activity.minutes_per_unit, 1),
                         "standard": _n(activity.standard_workload),
                         "staff": _n(activity.staff)})
            write(_("Staff for activities: %(value)s") % {"value": _n(c.staff_for_activities)})
            write(_("Category allowances: %(percent)s %% → CAF %(caf)s")
                  % {"percent": _n(c.category_allowance_percent),
                     "caf": _n(c.category_allowance_factor, 4)})
            write(_("Individual allowances: %(hours)s hours → IAF %(iaf)s")
                  % {"hours": _n(c.individual_allowance_hours),
                     "iaf": _n(c.individual_allowance_factor, 4)})
            write(_("Required staff: %(required)s; existing: %(existing)s; WISN difference: "
                    "%(difference)s; WISN ratio: %(ratio)s")
                  % {"required": _n(c.required_staff), "existing": _n(c.existing_staff),
                     "difference": _n(c.wisn_difference), "ratio": _n(c.wisn_ratio)})
        write("")
        write(_("Total required staff: %(value)s") % {"value": _n(result.required_staff)})
        for comparison in comparisons:
            write("")
            write(_("Scenario: %(name)s") % {"name": comparison.scenario})
            for row in comparison.rows:
                write("  " + _("%(category)s: %(before)s → %(after)s (%(change)s)")
                      % {"category": row.category, "before": _n(row.required_before),
                         "after": _n(row.required_after), "change": _n(row.change)})
            write("  " + _("Total: %(before)s → %(after)s")
                  % {"before": _n(comparison.total_before),
                     "after": _n(comparison.total_after)})
