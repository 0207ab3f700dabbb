"""Import learning goals from a CSV or .xlsx file (see examples/education/README.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from fagkraft.education import imports, services


class Command(BaseCommand):
    help = "Import learning goals (læringsmål) from a CSV or .xlsx file, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true",
                            help="Check the file and write nothing.")
        parser.add_argument("--seed-templates", action="store_true",
                            help="First create the starting pathway templates if missing.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        if options["seed_templates"]:
            services.seed_templates(None)
        result = imports.import_goal_file(None, path.name, path.read_bytes(),
                                           dry_run=options["dry_run"])
        for error in result.errors:
            self.stderr.write(_("Row %(row)s, column %(column)s: %(message)s") % {
                "row": error.row, "column": error.column or "-", "message": error.message})
        if result.errors:
            raise CommandError(_("Nothing was imported."))
        self.stdout.write(_("%(created)s new, %(updated)s changed, %(unchanged)s unchanged "
                            "learning goals%(dry)s.") % {
            "created": result.created, "updated": result.updated,
            "unchanged": result.unchanged,
            "dry": _(" (checked only)") if options["dry_run"] else ""})
