"""`fagkraft rebuild-unit-months [--today DATE]`: the kept monthly counts computed afresh.

Computes every unit's monthly headcount, hires and leavers (engine.unit_months) from the
positions, for the months from 1 January of the first turnover year to December of next
year, and replaces the kept rows in one transaction. Run it after a migration, once a
year (the months move on), or whenever the counts are in doubt; the services keep them
up to date between runs.
"""

from __future__ import annotations

import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from fagkraft.core.dates import today
from fagkraft.workforce import unit_months


class Command(BaseCommand):
    help = _("Recompute the kept monthly headcounts and leaver counts of every unit.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None,
                            help=_("The day the months are counted around (YYYY-MM-DD)."))

    def handle(self, *args: object, **options: object) -> None:
        day = options["today"]
        started = time.perf_counter()
        rows = unit_months.rebuild(day if isinstance(day, dt.date) else today())
        span = unit_months.current_span()
        assert span is not None
        self.stdout.write(_("%(rows)d monthly rows for %(first)s to %(last)s in %(seconds).1f s.")
                          % {"rows": rows, "first": span.first_month.strftime("%m.%Y"),
                             "last": span.last_month.strftime("%m.%Y"),
                             "seconds": time.perf_counter() - started})
