"""The import jobs and column maps behind the shared upload, preview and commit pages.

The imports themselves live with their apps and run through the one skeleton
(fagkraft.core.validation.run_import): the HR file in workforce.imports, competence
completions in competence.imports. Both are all or nothing: every row is validated
first; if any row is bad nothing is written.
"""

from __future__ import annotations

from django.db import transaction

from fagkraft import access
from fagkraft.audit import services as audit
from fagkraft.audit.models import AuditEvent
from fagkraft.audit.services import Actor
from fagkraft.competence.imports import CompletionImportResult, import_completions
from fagkraft.imports.models import ColumnMap, ImportJob
from fagkraft.workforce.imports import ImportResult, import_employees

__all__ = ["IMPORT_ROLES", "ImportResult", "commit_job", "create_job", "import_employees",
           "preview_job", "save_column_map"]

IMPORT_ROLES = access.IMPORT_ROLES  # who may import: decided in fagkraft.access


# --- Column maps and import jobs ----------------------------------------------------


def column_map_named(name: str) -> ColumnMap:
    return ColumnMap.objects.get(name=name)


@transaction.atomic(durable=True)
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


@transaction.atomic(durable=True)
def preview_job(actor: Actor, job: ImportJob) -> ImportResult | CompletionImportResult:
    """Validate the stored file without writing; the job remembers the outcome."""
    result = _run_job(actor, job, dry_run=True)
    job.status = ImportJob.Status.PREVIEWED if result.ok else ImportJob.Status.FAILED
    job.summary = result.as_summary()
    job.save(update_fields=["status", "summary"])
    return result


def commit_job(actor: Actor, job: ImportJob) -> ImportResult | CompletionImportResult:
    """Validate the stored file again and write it (the register may have changed).

    No transaction of its own: the import's write is the durable transaction (with its
    audit events) inside run_import, and the job's status is saved after it."""
    result = _run_job(actor, job, dry_run=False)
    job.status = ImportJob.Status.COMMITTED if result.written else ImportJob.Status.FAILED
    job.summary = result.as_summary()
    job.save(update_fields=["status", "summary"])
    return result


@transaction.atomic(durable=True)
def save_column_map(actor: Actor, column_map: ColumnMap) -> ColumnMap:
    action = AuditEvent.Action.UPDATE if column_map.pk else AuditEvent.Action.CREATE
    column_map.full_clean()
    column_map.save()
    audit.record(actor, action, column_map)
    return column_map
