"""The completions file from a learning system: validate every row, then write them all.

One row is one completed course, e-learning, certification or approval of one person.
The person is found by (health trust, employee number), the trust from the row's unit
code or health-trust code; the competence by its code in the catalogue. Runs through the
shared skeleton (fagkraft.core.validation.run_import): all or nothing, every problem
reported with its row and column. Writes go through
competence.services.bulk_import_completions, which skips completions already registered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from fagkraft import access
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.services import Actor
from fagkraft.competence.models import Competence
from fagkraft.competence.services import (
    CompletionRow,
    bulk_import_completions,
    existing_completion_keys,
)
from fagkraft.core.validation import (
    Problem,
    ProblemCollector,
    RowReader,
    Table,
    locate_columns,
    parse_date,
    parse_decimal,
    run_import,
)
from fagkraft.core.validation.pipeline import StoredResult
from fagkraft.workforce.imports import employees_by_number
from fagkraft.workforce.models import Unit

PREVIEW_ROWS = 20
MAX_HOURS = Decimal("10000")


@dataclass(frozen=True)
class CompletionColumn:
    name: str
    aliases: tuple[str, ...]
    required: bool
    description: Any


COMPLETION_COLUMNS: tuple[CompletionColumn, ...] = (
    CompletionColumn("ansattnummer", ("employee_number", "ansattnr", "employee_no"), True,
                     gettext_lazy("Employee number in the HR system.")),
    CompletionColumn("enhet", ("unit", "unit_code", "enhetskode"), False,
                     gettext_lazy("Unit code; finds the person's health trust. Give this "
                                  "or helseforetak.")),
    CompletionColumn("helseforetak", ("trust", "health_trust", "hf"), False,
                     gettext_lazy("Health trust code, when the file has no unit.")),
    CompletionColumn("kompetansekode", ("competence_code", "competence", "kurskode",
                                        "course_code"), True,
                     gettext_lazy("Code of the competence in the catalogue, e.g. MAP.")),
    CompletionColumn("fullført_dato", ("completed_on", "completion_date", "fullfort_dato",
                                       "fullført", "dato"), True,
                     gettext_lazy("Completion date (dd.mm.yyyy or yyyy-mm-dd), not in the "
                                  "future.")),
    CompletionColumn("timer", ("hours", "antall_timer"), False,
                     gettext_lazy("Hours, e.g. 7,5; empty if unknown.")),
    CompletionColumn("kilde", ("source", "system"), False,
                     gettext_lazy("Where the completion comes from, e.g. the learning "
                                  "system; kept as a note.")),
)


@dataclass
class CompletionImportResult(StoredResult):
    file_name: str
    rows: int = 0
    created: int = 0
    duplicates: int = 0
    errors: list[Problem] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    trust_ids: list[int] = field(default_factory=list)

    def as_summary(self) -> dict[str, Any]:
        return self.stored_summary(
            {"completions": {"created": self.created, "duplicates": self.duplicates}}, [])


@dataclass
class Registers:
    """What rows are checked against, fetched once per import."""

    units: dict[str, Unit]  # code (lower case) -> unit
    competences: dict[str, Competence]  # code (lower case) -> competence
    allowed_employee_ids: set[int] | None  # None: everyone (CLI, administrators)

    @classmethod
    def load(cls, actor: Actor) -> Registers:
        return cls(
            {unit.code.lower(): unit for unit in Unit.objects.all()},
            {competence.code.lower(): competence for competence in Competence.objects.all()},
            allowed_employee_ids(actor),
        )


def allowed_employee_ids(actor: Actor) -> set[int] | None:
    """People the actor's import may touch; None means all (CLI, administrators)."""
    return access.import_employee_ids(actor)


@dataclass
class _Parsed:
    row: int
    trust_id: int
    number: str
    competence: Competence
    completed_on: dt.date
    hours: Decimal | None
    note: str


class _RowChecker:
    def __init__(self, registers: Registers, errors: ProblemCollector,
                 titles: Mapping[str, str]) -> None:
        self.registers = registers
        self.errors = errors
        self.titles = titles
        self.today = timezone.localdate()

    def fail(self, row: int, column: str, message: str) -> None:
        self.errors.add(row, self.titles.get(column, column), message)

    def check(self, row: int, cells: RowReader) -> _Parsed | None:
        number = cells["ansattnummer"]
        if not number:
            self.fail(row, "ansattnummer", _("Required"))
        trust_id = self.trust(row, cells["enhet"], cells["helseforetak"])
        competence = self.competence(row, cells["kompetansekode"])
        completed_on = self.date(row, cells["fullført_dato"])
        hours = self.hours(row, cells["timer"])
        if self.errors.row_is_bad(row) or trust_id is None or competence is None \
                or completed_on is None:
            return None
        source = cells["kilde"]
        note = _("Source: %(source)s") % {"source": source} if source else ""
        return _Parsed(row, trust_id, number, competence, completed_on, hours, note)

    def trust(self, row: int, unit_code: str, trust_code: str) -> int | None:
        units = self.registers.units
        unit_trust = trust = None
        if unit_code:
            unit = units.get(unit_code.lower())
            if unit is None:
                self.fail(row, "enhet", _("Unknown unit code '%(value)s'") % {"value": unit_code})
            elif unit.trust_id is None:
                self.fail(row, "enhet", _("Unit '%(value)s' is not part of a health trust")
                          % {"value": unit_code})
            else:
                unit_trust = unit.trust_id
        if trust_code:
            unit = units.get(trust_code.lower())
            if unit is None or unit.level != Unit.Level.TRUST:
                self.fail(row, "helseforetak", _("Unknown health trust code '%(value)s'")
                          % {"value": trust_code})
            else:
                trust = unit.pk
        if not unit_code and not trust_code:
            self.fail(row, "enhet", _("Give the unit (enhet) or the health trust "
                                      "(helseforetak)"))
        if unit_trust and trust and unit_trust != trust:
            self.fail(row, "helseforetak", _("Unit '%(unit)s' belongs to another health trust")
                      % {"unit": unit_code})
            return None
        return unit_trust or trust

    def competence(self, row: int, code: str) -> Competence | None:
        if not code:
            self.fail(row, "kompetansekode", _("Required"))
            return None
        competence = self.registers.competences.get(code.lower())
        if competence is None:
            self.fail(row, "kompetansekode", _("Unknown competence code '%(value)s'")
                      % {"value": code})
        return competence

    def date(self, row: int, text: str) -> dt.date | None:
        if not text:
            self.fail(row, "fullført_dato", _("Required"))
            return None
        try:
            value = parse_date(text)
        except ValueError:
            self.fail(row, "fullført_dato", _("Not a date: '%(value)s' (use dd.mm.yyyy)")
                      % {"value": text})
            return None
        if value.year < 1900:
            self.fail(row, "fullført_dato", _("Date out of range: '%(value)s'")
                      % {"value": text})
            return None
        if value > self.today:
            self.fail(row, "fullført_dato", _("The completion date is in the future."))
            return None
        return value

    def hours(self, row: int, text: str) -> Decimal | None:
        if not text:
            return None
        try:
            value = parse_decimal(text)
        except ValueError:
            self.fail(row, "timer", _("Not a number: '%(value)s'") % {"value": text})
            return None
        if not Decimal(0) <= value < MAX_HOURS or value != value.quantize(Decimal("0.01")):
            self.fail(row, "timer", _("Hours must be between 0 and 9999 with at most two "
                                      "decimals: '%(value)s'") % {"value": text})
            return None
        return value


def validate_rows(
    table: Table, registers: Registers, errors: ProblemCollector,
    column_map: Mapping[str, str] | None = None,
) -> list[CompletionRow]:
    """Parse and check every row; the good rows ready for bulk_import_completions."""
    positions = locate_columns(table.header, COMPLETION_COLUMNS, errors, column_map)
    if errors:
        return []
    titles = {name: table.header[index] for name, index in positions.items()}
    checker = _RowChecker(registers, errors, titles)
    parsed = [data for number, cells in table.rows
              if (data := checker.check(number, RowReader(positions, cells))) is not None]
    people = employees_by_number((data.trust_id, data.number) for data in parsed)
    allowed = registers.allowed_employee_ids
    rows = []
    for data in parsed:
        employee = people.get((data.trust_id, data.number))
        if employee is None:
            checker.fail(data.row, "ansattnummer",
                         _("No employee %(number)s in this health trust") % {"number": data.number})
            continue
        if allowed is not None and employee.pk not in allowed:
            checker.fail(data.row, "ansattnummer", _(
                "Employee %(number)s is outside the part of the organisation you may "
                "import for") % {"number": data.number})
            continue
        rows.append((data.row, CompletionRow(employee, data.competence, data.completed_on,
                                             data.hours, data.note)))
    return [row for number, row in rows if not errors.row_is_bad(number)]


def _count_new(rows: list[CompletionRow]) -> int:
    """How many rows would be written: not already registered, not repeated in the file."""
    seen = existing_completion_keys(rows)
    new = 0
    for row in rows:
        key = (row.employee.pk, row.competence.pk, row.completed_on)
        if key not in seen:
            seen.add(key)
            new += 1
    return new


def _preview(rows: list[CompletionRow]) -> list[dict[str, Any]]:
    """JSON-safe: the preview is stored with the import job between requests."""
    return [{
        "employee_number": row.employee.employee_number,
        "name": f"{row.employee.first_name} {row.employee.last_name}",
        "competence": row.competence.code,
        "completed_on": row.completed_on.isoformat(),
        "hours": "" if row.hours is None else str(row.hours),
    } for row in rows[:PREVIEW_ROWS]]


def import_completions(
    actor: Actor,
    file_name: str,
    data: bytes,
    column_map: Mapping[str, str] | None = None,
    dry_run: bool = False,
) -> CompletionImportResult:
    """Validate a completions file and, unless dry_run or any row is bad, write it."""
    result = CompletionImportResult(file_name=file_name, dry_run=dry_run)
    via = f"import {file_name}"[:200]

    def validate(table: Table, errors: ProblemCollector) -> list[CompletionRow]:
        result.rows = len(table.rows)
        rows = validate_rows(table, Registers.load(actor), errors, column_map)
        if not errors:
            result.created = _count_new(rows)
            result.duplicates = len(rows) - result.created
            result.preview = _preview(rows)
            result.trust_ids = sorted({row.employee.trust_id for row in rows})
        return rows

    def write(rows: list[CompletionRow]) -> bool:
        written = bulk_import_completions(actor, rows, via=via)
        audit.record_bulk_read(
            actor, AuditEvent.Action.IMPORT, "competence.completion", result.rows,
            trust_id=result.trust_ids[0] if len(result.trust_ids) == 1 else None,
            via=via, detail={"created": written.created, "duplicates": written.duplicates},
        )
        result.created, result.duplicates = written.created, written.duplicates
        return True

    run = run_import(file_name, data, validate=validate, write=write, dry_run=dry_run)
    result.rows = run.rows
    result.errors = run.problems
    result.written = bool(run.written) and run.ok
    if run.problems:
        result.created = result.duplicates = 0
        result.preview, result.trust_ids = [], []
    return result
