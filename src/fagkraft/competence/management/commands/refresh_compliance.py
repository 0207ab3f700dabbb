"""`fagkraft refresh-compliance [--today YYYY-MM-DD]`: bring the kept compliance statuses
forward to the day (daily; only people whose status may have moved are recomputed)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from fagkraft.competence import kept
from fagkraft.workforce.management.commands.seed_demo import _date


class Command(BaseCommand):
    help = "Bring the kept compliance statuses up to date for the day (run daily)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=_date, default=None,
                            help="The day to bring them to, YYYY-MM-DD (default today).")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        built = not kept.is_live()
        count = kept.refresh(options["today"])
        message = (
            _("Built the kept compliance statuses: %(count)s requirements in %(seconds).1f s.")
            if built else
            _("Recomputed the compliance statuses of %(count)s people in %(seconds).1f s."))
        self.stdout.write(self.style.SUCCESS(
            message % {"count": count, "seconds": time.perf_counter() - started}))
