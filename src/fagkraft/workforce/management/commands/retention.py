"""`fagkraft retention SPELLS [--as-of DATE] [--observed-from DATE] [--format json|table]`.

Retention of a group of employment spells (docs/metrics.md): the Kaplan-Meier curve for
leaving the trust with delayed entry, its median (half-life), the share still employed
1, 2 and 5 years after hire, the leaver rate and stability index for the year ending on
--as-of, and per cause (left the trust, internal move, retired) the cumulative incidence
and the same indices. SPELLS is a CSV or .xlsx file (columns ansattnummer, startdato,
sluttdato, sluttårsak); a bad file prints every problem as "row N, column X: message"
and computes nothing. Without a file, `--unit CODE` reads the register: every position
held in the unit's subtree (audited; fewer than 5 spells show nothing).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Hashable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from fagkraft.adapter import retention as adapter
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.core.dates import today
from fagkraft.core.validation import parse_date
from fagkraft.engine import retention
from fagkraft.engine.retention import Spell
from fagkraft.workforce.models import Unit
from fagkraft.workforce.spells_file import SpellsFileInvalid, read_spells
from fagkraft.workforce.templatetags.workforce_ui import percent


def _date_argument(text: str) -> dt.date:
    try:
        return parse_date(text)
    except ValueError:
        raise CommandError(_("Not a date: '%(value)s' (use dd.mm.yyyy)")
                           % {"value": text}) from None


def _ordered(
    groups: dict[Hashable, retention.RetentionCurve | None],
) -> list[tuple[Hashable, retention.RetentionCurve | None]]:
    return sorted(groups.items(), key=lambda item: str(item[0]))


def _group_dict(group: Hashable, curve: retention.RetentionCurve | None) -> dict[str, Any]:
    if curve is None:  # below the disclosure threshold: not even its size
        return {"group": group, "curve": None}
    return {"group": group, "spells": curve.size, "curve": retention.curve_dict(curve),
            "median_days": curve.median_days,
            "retention_after_years": {str(k): v for k, v in curve.after_years().items()}}


class Command(BaseCommand):
    help = "Retention (Kaplan-Meier, competing causes, leaver rate, stability index)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, nargs="?",
                            help="Spells file (CSV or .xlsx): ansattnummer, startdato, "
                                 "sluttdato, sluttårsak.")
        parser.add_argument("--unit", metavar="CODE",
                            help="Without a file: the positions of this unit's subtree.")
        parser.add_argument("--as-of", metavar="DATE",
                            help="The day the figures describe (default: today).")
        parser.add_argument("--observed-from", metavar="DATE",
                            help="The first day the data covers (default: earliest start).")
        parser.add_argument("--format", choices=("table", "json"), default="table",
                            help="table (default) for reading, json for programs.")
        parser.add_argument("--by", choices=sorted(retention.GROUP_KEYS),
                            help="Also a curve per group (groups under 5 people get none). "
                                 "A file only knows the hiring cohort.")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._run(options)

    def _run(self, options: dict[str, Any]) -> None:
        as_of = _date_argument(options["as_of"]) if options["as_of"] else today()
        observed_from = (_date_argument(options["observed_from"])
                         if options["observed_from"] else None)
        spells = self._spells(options["file"], options["unit"])
        if not spells:
            raise CommandError(_("No employment spells to analyse."))
        summary = retention.summarise(spells, as_of, observed_from)
        minimum = settings.FAGKRAFT["SUPPRESSION_THRESHOLD"]  # 5, as the engine's default
        # The register holds real people: no curve of fewer than 5 (disclosure control).
        # The whole curve of a file the analyst brings is shown whatever its size;
        # its groups (--by) still follow the rule.
        if options["unit"] and summary.curve.size < minimum:
            raise CommandError(
                _("Fewer than %(minimum)s people in the unit's spells: no figures are shown.")
                % {"minimum": minimum})
        groups = (retention.curves_by_group(spells, retention.GROUP_KEYS[options["by"]],
                                            as_of, summary.observed_from,
                                            min_group_size=minimum)
                  if options["by"] else None)
        if options["format"] == "json":
            data = retention.summary_to_dict(summary)
            if groups is not None:
                data["groups"] = {"by": options["by"], "curves": [
                    _group_dict(group, curve) for group, curve in _ordered(groups)]}
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
        else:
            self._table(summary)
            if groups is not None:
                self._groups(options["by"], groups)

    def _spells(self, path: Path | None, unit_code: str | None) -> list[Spell]:
        if path is not None and unit_code:
            raise CommandError(_("Give a spells file or --unit, not both."))
        if path is None:
            if not unit_code:
                raise CommandError(_("Give a spells file or --unit CODE."))
            unit = Unit.objects.filter(code=unit_code).first()
            if unit is None:
                raise CommandError(_("No unit with code %(code)s") % {"code": unit_code})
            spells = adapter.spells_for_unit(unit)
            # One event naming every person whose positions went into the figures.
            audit.record_bulk_read(
                None, AuditEvent.Action.READ, "workforce.position", len(spells),
                trust_id=unit.trust_id, via="cli: retention",
                detail={"report": "retention", "unit": unit.code},
                persons={int(spell.employee) for spell in spells})
            return spells
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        try:
            return read_spells(path.name, path.read_bytes())
        except SpellsFileInvalid as invalid:
            for error in invalid.errors:
                if error.column:
                    line = _("row %(row)s, column %(column)s: %(message)s")
                else:
                    line = _("row %(row)s: %(message)s")
                self.stderr.write(line % {"row": error.row, "column": error.column,
                                          "message": error.message})
            raise CommandError(_("%(count)s problems in %(file)s: nothing was computed.")
                               % {"count": len(invalid.errors), "file": path.name}) from None

    def _table(self, summary: retention.RetentionSummary) -> None:
        write = self.stdout.write
        curve = summary.curve
        write(_("Retention from %(first)s to %(as_of)s: %(spells)s employment spells")
              % {"first": summary.observed_from.strftime("%d.%m.%Y"),
                 "as_of": summary.as_of.strftime("%d.%m.%Y"), "spells": curve.size})
        write("")
        write(_("Days  At risk  Left  Retention  (95 % band)"))
        for point in curve.points:
            write(f"{point.days:>5} {point.at_risk:>8} {point.events:>5}  "
                  f"{percent(point.retention):>9}  "
                  f"({percent(point.lower)} – {percent(point.upper)})")
        write("")
        median = curve.median_days
        write(_("Median (half-life): %(days)s days") % {
            "days": "–" if median is None else number_format(median, force_grouping=True,
                                                             use_l10n=True)})
        for years, share in curve.after_years().items():
            write(_("Still employed %(years)s years after hire: %(share)s")
                  % {"years": years, "share": percent(share)})
        self._indices(_("Leaving the trust (every cause but internal moves)"), summary.indices)
        names = {retention.LEFT_TRUST: _("Left the trust"),
                 retention.INTERNAL_MOVE: _("Internal move"), retention.RETIRED: _("Retired")}
        for cause in summary.causes:
            self._indices(names[cause.cause], cause.indices)
            if cause.incidence:
                last = cause.incidence[-1]
                write("  " + _("Cumulative incidence at %(days)s days: %(share)s")
                      % {"days": last.days, "share": percent(last.incidence)})

    def _groups(self, by: str,
                groups: dict[Hashable, retention.RetentionCurve | None]) -> None:
        write = self.stdout.write
        write("")
        write(_("By %(key)s: spells, median days, still employed after 1, 2, 5 years")
              % {"key": by})
        for group, curve in _ordered(groups):
            if curve is None:
                write(f"  {group}: " + _("fewer than %(minimum)s people")
                      % {"minimum": settings.FAGKRAFT["SUPPRESSION_THRESHOLD"]})
                continue
            years = curve.after_years()
            median = "–" if curve.median_days is None else str(curve.median_days)
            write(f"  {group}: {curve.size}; {median}; "
                  + "; ".join(percent(years[y]) for y in retention.YEAR_MARKS))

    def _indices(self, title: str, indices: retention.PeriodIndices) -> None:
        self.stdout.write("")
        self.stdout.write(f"== {title}")
        self.stdout.write("  " + _("Leavers %(start)s – %(end)s: %(count)s; headcount "
                                   "%(first)s → %(last)s")
                          % {"start": indices.start.strftime("%d.%m.%Y"),
                             "end": indices.end.strftime("%d.%m.%Y"),
                             "count": indices.leavers, "first": indices.headcount_start,
                             "last": indices.headcount_end})
        self.stdout.write("  " + _("Leaver rate: %(rate)s; stability index: %(stability)s")
                          % {"rate": percent(indices.leaver_rate),
                             "stability": percent(indices.stability_index)})
