"""`fagkraft seed-demo`: the deterministic demo region with three health trusts."""

from __future__ import annotations

import argparse
import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from fagkraft.demo.logins import regional_logins
from fagkraft.demo.seed import DEFAULT_EMPLOYEES, DEFAULT_SEED, has_units, seed_demo


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            _("Give the date as YYYY-MM-DD: %(value)s") % {"value": value}) from error


class Command(BaseCommand):
    help = "Create the demo region, trusts, employees with eight years of history, and logins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--employees", type=int, default=DEFAULT_EMPLOYEES,
                            help="About how many employee records to create (default 1500).")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED,
                            help="Random seed; the same seed and day give the same data.")
        parser.add_argument("--today", type=_date, default=None,
                            help="The day history is relative to, YYYY-MM-DD (default today).")
        parser.add_argument("--regions", type=int, default=1,
                            help="Spread the employees over this many regions, each with "
                                 "three trusts and logins of every role (default 1: the "
                                 "demo region only).")
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing if the database already has units.")

    def handle(self, *args: Any, **options: Any) -> None:
        if has_units():
            if options["if_empty"]:
                self.stdout.write(_("The database already has units; the demo was not seeded."))
                return
            raise CommandError(_("The database already has units. Seed an empty database, "
                                 "or use --if-empty to skip."))
        if options["employees"] < 1:
            raise CommandError(_("--employees must be at least 1."))
        if options["regions"] < 1:
            raise CommandError(_("--regions must be at least 1."))
        started = time.perf_counter()

        def progress(message: str) -> None:
            self.stdout.write(f"[{time.perf_counter() - started:6.1f} s] {message}")

        result = seed_demo(employees=options["employees"], seed=options["seed"],
                           today=options["today"], regions=options["regions"],
                           progress=progress)
        self.stdout.write(self.style.SUCCESS(
            _("Seeded %(units)s units, %(employees)s employees, %(positions)s positions, "
              "%(approvals)s specialist approvals and %(vacancies)s vacancies in %(seconds).1f s.")
            % {**result.__dict__, "seconds": time.perf_counter() - started}
        ))
        self.stdout.write(_("Run `fagkraft demo-logins` to see the logins."))
        if options["regions"] > 1:
            self.stdout.write(_("Logins of every region and trust (password as the demo's): "
                                "%(names)s")
                              % {"names": ", ".join(login.username for login in
                                                    regional_logins(options["regions"]))})
