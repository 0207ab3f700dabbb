"""Learning goals (læringsmål) from a CSV or .xlsx file: check every row, then write all.

One row is one goal: the pathway template's code (or FELLES for a common competence
goal), the goal's code, its text, optionally its order and suggested learning
activities. Runs through the shared skeleton (fagkraft.core.validation.run_import): every
problem is reported with its row and column, a dry run counts what would change without
writing, and nothing is written unless the whole file is good (one transaction). The official goal
texts are in the regulation's appendices and the Directorate of Health's lists; this
project ships only a clearly labelled example file (examples/education/).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.services import Actor
from fagkraft.core.validation import (
    Problem,
    ProblemCollector,
    RowReader,
    Table,
    locate_columns,
    run_import,
)
from fagkraft.education import services
from fagkraft.education.models import LearningGoal, PathwayTemplate

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
    errors: list[Problem] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def _validate(table: Table, errors: ProblemCollector) -> list[services.GoalRow]:
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


def _changes(rows: list[services.GoalRow]) -> services.GoalResult:
    """What writing the rows would do, read without writing (the dry run's counts; the
    same comparison services.import_goals makes)."""
    existing = {services.goal_key(goal.template_id, goal.code): goal
                for goal in LearningGoal.objects.all()}
    created = updated = unchanged = 0
    for row in rows:
        goal = existing.get(services.goal_key(row.template.pk if row.template else None,
                                              row.code))
        fields = {"text": row.text, "order": row.order, "activities": row.activities,
                  "active": True}
        if goal is None:
            created += 1
        elif any(getattr(goal, name) != value for name, value in fields.items()):
            updated += 1
        else:
            unchanged += 1
    return services.GoalResult(created, updated, unchanged)


def import_goal_file(actor: Actor, file_name: str, data: bytes, dry_run: bool = False
                     ) -> GoalImportResult:
    """Validate a goals file and, unless dry_run or any row is bad, write it all."""
    result = GoalImportResult(file_name=file_name)
    via = f"import {file_name}"[:200]

    def validate(table: Table, errors: ProblemCollector) -> list[services.GoalRow]:
        result.rows = len(table.rows)
        rows = _validate(table, errors)
        if not errors:
            counts = _changes(rows)
            result.created, result.updated, result.unchanged = (
                counts.created, counts.updated, counts.unchanged)
        return rows

    def write(rows: list[services.GoalRow]) -> services.GoalResult:
        written = services.import_goals(actor, rows, via=via)
        audit.record_bulk_read(actor, AuditEvent.Action.IMPORT, "education.learninggoal",
                               result.rows, trust_id=None, via=via,
                               detail={"created": written.created, "updated": written.updated})
        return written

    run = run_import(file_name, data, validate=validate, write=write, dry_run=dry_run)
    result.rows = run.rows
    result.errors = run.problems
    if run.problems:
        result.created = result.updated = result.unchanged = 0
        return result
    if run.written is not None:
        result.created, result.updated, result.unchanged = (
            run.written.created, run.written.updated, run.written.unchanged)
        result.written = True
    return result
