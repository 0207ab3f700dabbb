"""`fagkraft ssb fetch TABLE --select VAR=CODES ... [--out FILE] [--lang no|en]`.

Fetches a table from SSB's PxWebApi v2 as JSON-stat2 (projections.ssb_client) and saves
it, for a scenario's `"population": {"file": ...}` (engine.population.read_ssb_table).
CODES are comma-separated value codes or PxWebApi expressions: `*`, `30*`, `top(3)`,
`range(2030,2040)`. Every problem is a message in the user's language and a non-zero exit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from fagkraft.engine.pxweb import LANGUAGES, PxWebError, parse_selections
from fagkraft.projections.ssb_client import SsbFetchError, fetch_table, problem_text


class Command(BaseCommand):
    help = "Fetch tables from SSB's PxWebApi v2 (Statistics Norway) as JSON-stat2."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="fetch")
        fetch = actions.add_parser(
            "fetch", help="Fetch a table's data as JSON-stat2 and save it.",
            description="POST {base}/api/pxwebapi/v2/tables/TABLE/data?outputFormat=json-stat2 "
                        "with the selection, and save the answer.")
        fetch.add_argument("table", help="SSB table number, e.g. 07459 or 14288.")
        fetch.add_argument("--select", action="append", default=[], metavar="VAR=CODES",
                           help="A variable and its value codes, comma-separated "
                                "(Region=3001,0301; Alder=*; Tid=top(1)). Repeat per variable.")
        fetch.add_argument("--out", type=Path,
                           help="File to save (default: ssb_TABLE.json in this folder).")
        fetch.add_argument("--lang", choices=LANGUAGES, default="no",
                           help="Language of the labels in the answer (default no).")

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(settings.LANGUAGE_CODE):
            self._fetch(options)

    def _fetch(self, options: dict[str, Any]) -> None:
        table: str = options["table"]
        try:
            selections = parse_selections(options["select"])
        except PxWebError as error:
            raise CommandError(problem_text(error)) from error
        out: Path = options["out"] or Path(f"ssb_{table}.json")
        if not out.parent.is_dir():
            raise CommandError(_("Folder not found: %(path)s") % {"path": out.parent})
        try:
            fetched = fetch_table(table, selections, options["lang"])
        except SsbFetchError as error:
            raise CommandError(str(error)) from error
        out.write_bytes(fetched.body)
        summary = fetched.summary
        dimensions = ", ".join(f"{name} {size}" for name, size in summary.dimensions)
        self.stdout.write(
            _("Saved %(file)s: %(label)s, %(values)s values (%(dimensions)s).")
            % {"file": out, "label": summary.label or table, "values": summary.values,
               "dimensions": dimensions})
