"""`fagkraft rebuild-compliance [--today YYYY-MM-DD]`: write every kept compliance status
again from rules, positions and completions (after an upgrade, a restore, or a change of
COMPETENCE_DUE_SOON_DAYS)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from fagkraft.competence import kept
from fagkraft.workforce.management.commands.seed_demo import _date


class Command(BaseCommand):
    help = "Write every kept compliance status again from the rules and completions."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=_date, default=None,
                            help="The day they hold for, YYYY-MM-DD (default today).")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        count = kept.rebuild(options["today"])
        self.stdout.write(self.style.SUCCESS(
            _("Built the kept compliance statuses: %(count)s requirements in %(seconds).1f s.")
            % {"count": count, "seconds": time.perf_counter() - started}))
