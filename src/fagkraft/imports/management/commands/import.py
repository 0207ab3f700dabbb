"""`fagkraft import employees|completions FILE [--dry-run] [--map NAME]`: imports from a shell.

`employees` reads the HR file, `completions` a learning system's export of completed
courses and certifications (competence.imports).

Prints what was (or would be) written, or every problem as "row N, column X: message".
Exits non-zero if any row is bad; then nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from fagkraft.competence.imports import CompletionImportResult, import_completions
from fagkraft.imports.models import ColumnMap
from fagkraft.workforce.imports import ImportResult, import_employees

KINDS = ("employees", "completions")


class Command(BaseCommand):
    help = ("Import an HR file or a completions file (CSV or .xlsx). Nothing is written if "
            "any row is bad.")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=KINDS,
                            help="What the file holds: employees or completions.")
        parser.add_argument("file", type=Path, help="CSV or .xlsx file.")
        parser.add_argument("--dry-run", action="store_true",
                            help="Validate and report what would change; write nothing.")
        parser.add_argument("--map", dest="map_name", metavar="NAME",
                            help="Name of a saved column map for other systems' headers.")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._run(options["kind"], options["file"], options["dry_run"], options["map_name"])

    def _run(self, kind: str, path: Path, dry_run: bool, map_name: str | None) -> None:
        if not path.is_file():
            raise CommandError(_("File not found: %(path)s") % {"path": path})
        mapping = None
        if map_name:
            column_map = ColumnMap.objects.filter(name=map_name).first()
            if column_map is None:
                raise CommandError(_("No column map named '%(name)s'") % {"name": map_name})
            mapping = column_map.mapping
        run = import_completions if kind == "completions" else import_employees
        result = run(None, path.name, path.read_bytes(), mapping, dry_run=dry_run)
        if not result.ok:
            self._print_errors(result)
            raise CommandError(
                _("%(count)s problems in %(file)s: nothing was imported.")
                % {"count": len(result.errors), "file": path.name})
        self._print_summary(result)

    def _print_errors(self, result: ImportResult | CompletionImportResult) -> None:
        for error in result.errors:
            if error.column:
                line = _("row %(row)s, column %(column)s: %(message)s")
            else:
                line = _("row %(row)s: %(message)s")
            self.stderr.write(line % {"row": error.row, "column": error.column,
                                      "message": error.message})

    def _print_summary(self, result: ImportResult | CompletionImportResult) -> None:
        if result.dry_run:
            self.stdout.write(_("Dry run: nothing was written. %(rows)s rows are valid.")
                              % {"rows": result.rows})
        else:
            self.stdout.write(self.style.SUCCESS(
                _("Imported %(rows)s rows from %(file)s.")
                % {"rows": result.rows, "file": result.file_name}))
        if isinstance(result, CompletionImportResult):
            self.stdout.write(_("Completions: %(created)s new, %(duplicates)s already "
                                "registered") % {"created": result.created,
                                                 "duplicates": result.duplicates})
            return
        for label, counts in ((_("Employees"), result.employees),
                              (_("Positions"), result.positions)):
            self.stdout.write(
                _("%(label)s: %(created)s new, %(updated)s changed, %(unchanged)s unchanged")
                % {"label": label, **counts.as_dict()})
