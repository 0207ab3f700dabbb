"""`fagkraft run-daily`: run the registered daily tasks now (fagkraft.jobs.daily).

The Huey consumer runs them once a day by itself; this command is for cron on a machine
without a consumer, and for running them by hand. Exit status 1 if any task failed.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from fagkraft.jobs import daily


class Command(BaseCommand):
    help = "Run the registered daily tasks (all, or those named) and report each."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("names", nargs="*", help="only these tasks")
        parser.add_argument("--list", action="store_true", help="list the tasks and stop")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for name in daily.registered():
                self.stdout.write(name)
            return
        unknown = sorted(set(options["names"]) - set(daily.registered()))
        if unknown:
            raise CommandError(f"no daily task named {', '.join(unknown)}; "
                               f"registered: {', '.join(daily.registered()) or '(none)'}")
        outcomes = daily.run_daily(options["names"] or None)
        for outcome in outcomes:
            state = "ok" if outcome.ok else "FAILED"
            self.stdout.write(f"{outcome.name}: {state} {outcome.text} ({outcome.seconds:.1f} s)")
        if not outcomes:
            self.stdout.write("no daily tasks registered")
        if any(not outcome.ok for outcome in outcomes):
            raise CommandError("a daily task failed (see above)")
