"""Learning goals (læringsmål) from a CSV or .xlsx file: check every row, then write all.

One row is one goal: the pathway template's code (or FELLES for a common competence
goal), the goal's code, its text, optionally its order and suggested learning
activities. Reuses the HR import's reader (fagkraft.imports.tabular) and error collector
(fagkraft.imports.validation): every problem is reported with its row and column, and
nothing is written unless the whole file is good (one transaction). The official goal
texts are in the regulation's appendices and the Directorate of Health's lists; this
project ships only a clearly labelled example file (examples/education/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.services import Actor
from fagkraft.education import services
from fagkraft.education.models import LearningGoal, PathwayTemplate
from fagkraft.imports.validation import (
    HEADER_ROW,
    ErrorCollector,
    RowError,
    RowReader,
    locate_columns,
    read_or_report,
)

COMMON_CODES = {"felles", "common", "fkm"}
MAX_CODE = LearningGoal._meta.get_field("code").max_length


@dataclass(frozen=True)
class GoalColumn:
    name: str
    aliases: tuple[str, ...]
    required: bool
    description: Any


GOAL_COLUMNS: tuple[GoalColumn, ...] = (
    GoalColumn("forløp", ("forlop", "pathway", "template", "mal", "utdanningsløp"), True,
               gettext_lazy("Code of the pathway template, e.g. lis3-bup, or FELLES for a "
                            "common competence goal.")),
    GoalColumn("kode", ("code", "goal_code", "målkode", "malnummer", "nr"), True,
               gettext_lazy("The goal's code, unique within the pathway, e.g. BUP-001.")),
    GoalColumn("læringsmål", ("laringsmal", "goal", "text", "tekst", "beskrivelse"), True,
               gettext_lazy("The text of the learning goal.")),
    GoalColumn("rekkefølge", ("rekkefolge", "order", "sortering"), False,
               gettext_lazy("Whole number for sorting; empty: the row's place in the file.")),
    GoalColumn("læringsaktiviteter", ("laringsaktiviteter", "activities", "aktiviteter"),
               False, gettext_lazy("Suggested learning activities, free text.")),
)


@dataclass
class GoalImportResult:
    file_name: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def _validate(table, errors: ErrorCollector) -> list[services.GoalRow]:
    positions = locate_columns(table.header, GOAL_COLUMNS, errors)
    if errors:
        return []
    titles = {name: table.header[index] for name, index in positions.items()}
    templates = {t.code.lower(): t for t in PathwayTemplate.objects.all()}
    seen: dict[tuple[int | None, str], int] = {}
    rows: list[services.GoalRow] = []

    def fail(row: int, column: str, message: str) -> None:
        errors.add(row, titles.get(column, column), message)

    for number, cells in table.rows:
        reader = RowReader(positions, cells)
        pathway, code, text = reader["forløp"], reader["kode"], reader["læringsmål"]
        template = None
        if not pathway:
            fail(number, "forløp", _("Required"))
        elif pathway.lower() not in COMMON_CODES:
            template = templates.get(pathway.lower())
            if template is None:
                fail(number, "forløp", _("Unknown pathway template '%(value)s'")
                     % {"value": pathway})
        if not code:
            fail(number, "kode", _("Required"))
        elif len(code) > MAX_CODE:
            fail(number, "kode", _("At most %(count)s characters") % {"count": MAX_CODE})
        if not text:
            fail(number, "læringsmål", _("Required"))
        order = number
        if reader["rekkefølge"]:
            try:
                order = int(reader["rekkefølge"])
                if order < 0:
                    raise ValueError
            except ValueError:
                fail(number, "rekkefølge", _("Not a whole number: '%(value)s'")
                     % {"value": reader["rekkefølge"]})
        if code and pathway:
            key = services.goal_key(template.pk if template else None, code)
            if key in seen:
                fail(number, "kode", _("Goal '%(code)s' appears twice (also on row %(row)s)")
                     % {"code": code, "row": seen[key]})
            else:
                seen[key] = number
        if not errors.row_is_bad(number):
            rows.append(services.GoalRow(template, code, text, order,
                                         reader["læringsaktiviteter"]))
    return rows


def import_goal_file(actor: Actor, file_name: str, data: bytes, dry_run: bool = False
                     ) -> GoalImportResult:
    """Validate a goals file and, unless dry_run or any row is bad, write it all."""
    result = GoalImportResult(file_name=file_name)
    errors = ErrorCollector()
    table = read_or_report(file_name, data, errors)
    if table is None:
        result.errors = errors.errors
        return result
    result.rows = len(table.rows)
    rows = _validate(table, errors)
    if errors:
        result.errors = errors.errors
        return result
    via = f"import {file_name}"[:200]
    try:
        with transaction.atomic():
            written = services.import_goals(actor, rows, via=via)
            if dry_run:
                transaction.set_rollback(True)
            else:
                audit.record_bulk_read(actor, AuditEvent.Action.IMPORT, "education.learninggoal",
                                       result.rows, trust_id=None, via=via,
                                       detail={"created": written.created,
                                               "updated": written.updated})
    except DatabaseError:
        result.errors = [RowError(HEADER_ROW, "", _(
            "The register changed while the file was being written; nothing was imported. "
            "Try again."))]
        return result
    result.created, result.updated, result.unchanged = (written.created, written.updated,
                                                        written.unchanged)
    result.written = not dry_run
    return result
