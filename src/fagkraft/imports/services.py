"""Import entry points shared by the web pages and the `fagkraft import` command.

All or nothing: every row is validated first; if any row is bad nothing is written.
A good file is written in one transaction through workforce.services.bulk_write_people,
which logs one audit event per record. Competence completions (imports.completions) follow
the same rules and share the import jobs below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from fagkraft import access
from fagkraft.accounts.models import Role
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.services import Actor
from fagkraft.imports.completions import CompletionImportResult, import_completions
from fagkraft.imports.employees import Plan, Registers, RowData, plan_writes, validate_rows
from fagkraft.imports.models import ColumnMap, ImportJob
from fagkraft.imports.validation import HEADER_ROW, ErrorCollector, RowError, read_or_report
from fagkraft.workforce.services import bulk_write_people

IMPORT_ROLES = (Role.LEADER, Role.ADVISER, Role.ADMIN)
STORED_ERRORS = 2000  # an import job keeps this many errors for its preview page


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass
class ImportResult:
    file_name: str
    rows: int = 0
    employees: Counts = field(default_factory=Counts)
    positions: Counts = field(default_factory=Counts)
    errors: list[RowError] = field(default_factory=list)
    preview: list[dict[str, Any]] = field(default_factory=list)
    dry_run: bool = False
    written: bool = False
    trust_ids: list[int] = field(default_factory=list)
    unit_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_summary(self) -> dict[str, Any]:
        """JSON for ImportJob.summary (errors capped; the total is kept)."""
        return {
            "rows": self.rows,
            "employees": self.employees.as_dict(),
            "positions": self.positions.as_dict(),
            "error_count": len(self.errors),
            "errors": [error.as_dict() for error in self.errors[:STORED_ERRORS]],
            "preview": self.preview,
            "written": self.written,
            "unit_ids": self.unit_ids,
        }


def allowed_unit_ids(actor: Actor) -> set[int] | None:
    """Units the actor may import positions into; None means all (CLI, administrators)."""
    if actor is None:
        return None
    scope = access.scope_of(actor)
    if scope.role == Role.ADMIN:
        return None
    if scope.role in (Role.LEADER, Role.ADVISER):
        return set(access.units_for(actor).values_list("pk", flat=True))
    return set()


def _refuse_changes_outside_scope(
    actor: Actor, plan: Plan, rows: list[RowData], errors: ErrorCollector
) -> None:
    """A leader may give an existing trust employee a position in their units (someone
    moving in), but only people already in their scope may have personal details changed."""
    if actor is None or access.scope_of(actor).role != Role.LEADER or not plan.changed_employees:
        return
    visible = set(
        access.employees_for(actor)
        .filter(pk__in=[employee.pk for employee in plan.changed_employees])
        .values_list("pk", flat=True)
    )
    outside = {(e.trust_id, e.employee_number) for e in plan.changed_employees
               if e.pk not in visible}
    reported: set[tuple[int, str]] = set()
    for data in rows:
        key = (data.trust_id, data.employee_number)
        if key in outside and key not in reported:
            reported.add(key)
            errors.add(data.row, "", _(
                "Employee %(number)s works outside your units: only an HR adviser can "
                "change their personal details") % {"number": data.employee_number})


def import_employees(
    actor: Actor,
    file_name: str,
    data: bytes,
    column_map: Mapping[str, str] | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Validate an HR employee file and, unless dry_run or any row is bad, write it."""
    result = ImportResult(file_name=file_name, dry_run=dry_run)
    errors = ErrorCollector()
    table = read_or_report(file_name, data, errors)
    if table is None:
        result.errors = errors.errors
        return result
    result.rows = len(table.rows)
    rows, present = validate_rows(table, Registers.load(allowed_unit_ids(actor)), errors,
                                  column_map)
    if errors:
        result.errors = errors.errors
        return result

    plan = plan_writes(rows, present)
    _refuse_changes_outside_scope(actor, plan, rows, errors)
    if errors:
        result.errors = errors.errors
        return result
    result.employees = Counts(len(plan.new_employees), len(plan.changed_employees),
                              plan.unchanged_employees)
    result.positions = Counts(len(plan.new_positions), len(plan.changed_positions),
                              plan.unchanged_positions)
    result.preview = plan.preview
    result.trust_ids = sorted(plan.trust_ids)
    result.unit_ids = sorted(plan.unit_ids)
    if dry_run:
        return result

    via = f"import {file_name}"[:200]
    try:
        with transaction.atomic():
            bulk_write_people(
                actor,
                new_employees=plan.new_employees,
                changed_employees=plan.changed_employees,
                employee_fields=plan.employee_fields,
                new_positions=plan.new_positions,
                changed_positions=plan.changed_positions,
                position_fields=plan.position_fields,
                via=via,
            )
            audit.record_bulk_read(
                actor, AuditEvent.Action.IMPORT, "workforce.employee", result.rows,
                trust_id=result.trust_ids[0] if len(result.trust_ids) == 1 else None,
                via=via, detail={"employees": result.employees.as_dict(),
                                 "positions": result.positions.as_dict()},
            )
    except DatabaseError:
        # Someone changed the register between validation and writing (e.g. the same
        # employee created twice at once). The transaction rolled back: nothing written.
        result.errors = [RowError(HEADER_ROW, "", _(
            "The register changed while the file was being written; nothing was imported. "
            "Try again."))]
        return result
    result.written = True
    return result


# --- Column maps and import jobs ----------------------------------------------------


def column_map_named(name: str) -> ColumnMap:
    return ColumnMap.objects.get(name=name)


def create_job(actor: Actor, *, file_name: str, data: bytes,
               column_map: ColumnMap | None,
               kind: str = ImportJob.Kind.EMPLOYEES) -> ImportJob:
    scope_unit = access.scope_of(actor).unit if actor is not None else None
    return ImportJob.objects.create(
        user=actor if actor is not None and actor.is_authenticated else None,
        scope_unit=scope_unit, file_name=file_name[:200], data=data,
        column_map=column_map, status=ImportJob.Status.PREVIEWED, kind=kind,
    )


def _run_job(actor: Actor, job: ImportJob, dry_run: bool) -> ImportResult | CompletionImportResult:
    """The import the job's kind calls for (employees, or competence completions)."""
    run = import_completions if job.kind == ImportJob.Kind.COMPLETIONS else import_employees
    return run(actor, job.file_name, bytes(job.data),
               job.column_map.mapping if job.column_map else None, dry_run=dry_run)


def preview_job(actor: Actor, job: ImportJob) -> ImportResult | CompletionImportResult:
    """Validate the stored file without writing; the job remembers the outcome."""
    result = _run_job(actor, job, dry_run=True)
    job.status = ImportJob.Status.PREVIEWED if result.ok else ImportJob.Status.FAILED
    job.summary = result.as_summary()
    job.save(update_fields=["status", "summary"])
    return result


def commit_job(actor: Actor, job: ImportJob) -> ImportResult | CompletionImportResult:
    """Validate the stored file again and write it (the register may have changed)."""
    result = _run_job(actor, job, dry_run=False)
    job.status = ImportJob.Status.COMMITTED if result.written else ImportJob.Status.FAILED
    job.summary = result.as_summary()
    job.save(update_fields=["status", "summary"])
    return result


def save_column_map(actor: Actor, column_map: ColumnMap) -> ColumnMap:
    action = AuditEvent.Action.UPDATE if column_map.pk else AuditEvent.Action.CREATE
    column_map.full_clean()
    column_map.save()
    audit.record(actor, action, column_map)
    return column_map
