"""The one import skeleton: read → validate (every problem) → dry run or write → result.

Each app brings only its columns and row rules (`<app>/imports.py`): a `validate`
function that turns the table into a plan while adding problems to the collector, and a
`write` function that writes the plan with its audit events. The skeleton makes the
rules every import shares hold the same way everywhere:

- every problem in the file is collected before anything is decided;
- a dry run validates and plans, and never writes (not even to roll back);
- the write phase starts only after validation, holds nothing but the writes, and is one
  short transaction (durable: an import is never part of a larger transaction), so
  readers and other writers wait for it as briefly as possible;
- a file with any problem writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from fagkraft.core import collector
from fagkraft.core.validation.problems import HEADER_ROW, Problem, ProblemCollector
from fagkraft.core.validation.tabular import Table, UnreadableFile, read_table

STORED_PROBLEMS = 2000  # an import job keeps this many problems for its preview page
PlanT = TypeVar("PlanT")
WrittenT = TypeVar("WrittenT")


@dataclass
class ImportRun(Generic[PlanT, WrittenT]):
    """What happened: rows read, every problem, the plan (None with problems), what the
    write returned (None for a dry run or when nothing was written)."""

    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    plan: PlanT | None = None
    written: WrittenT | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


class StoredResult:
    """What every import's result shares with the job that stores it: rows read, every
    problem, the preview and whether it was written. The app's result dataclass declares
    these fields and its own counts, and gives them to `stored_summary`."""

    rows: int
    errors: list[Problem]
    preview: list[dict[str, Any]]
    written: bool

    @property
    def ok(self) -> bool:
        return not self.errors

    def stored_summary(self, counts: dict[str, Any], unit_ids: list[int]) -> dict[str, Any]:
        """JSON for ImportJob.summary (errors capped; the total is kept)."""
        return {
            "rows": self.rows,
            **counts,
            "error_count": len(self.errors),
            "errors": [error.as_dict() for error in self.errors[:STORED_PROBLEMS]],
            "preview": self.preview,
            "written": self.written,
            "unit_ids": unit_ids,
        }


def read_or_report(file_name: str, data: bytes, problems: ProblemCollector) -> Table | None:
    """Read a file for an import; an unreadable or empty file becomes a problem on row 1."""
    try:
        table = read_table(file_name, data)
    except UnreadableFile as problem:
        problems.add(HEADER_ROW, "", str(problem))
        return None
    if not table.rows:
        problems.add(HEADER_ROW, "", _("The file has no rows below the header"))
    return table


def register_changed() -> Problem:
    return Problem(HEADER_ROW, "", _(
        "The register changed while the file was being written; nothing was imported. "
        "Try again."))


@collector.paused()
def run_import(
    file_name: str,
    data: bytes,
    *,
    validate: Callable[[Table, ProblemCollector], PlanT],
    write: Callable[[PlanT], WrittenT],
    dry_run: bool,
) -> ImportRun[PlanT, WrittenT]:
    """Read, validate every row, then (unless a dry run or any problem) write in one
    short transaction. `validate` may read the database; `write` only writes.

    The garbage collector is paused throughout (fagkraft.core.collector: a big file's
    objects live until the end, and full collections over them cost more than the
    validation itself)."""
    problems = ProblemCollector()
    table = read_or_report(file_name, data, problems)
    if table is None:
        return ImportRun(problems=problems.problems)
    run: ImportRun[PlanT, WrittenT] = ImportRun(rows=len(table.rows))
    if problems:
        run.problems = problems.problems
        return run
    plan = validate(table, problems)
    if problems:
        run.problems = problems.problems
        return run
    run.plan = plan
    if dry_run:
        return run
    try:
        with transaction.atomic(durable=True):
            run.written = write(plan)
    except DatabaseError:
        # Someone changed the register between validation and writing (e.g. the same
        # record created twice at once). The transaction rolled back: nothing written.
        run.problems = [register_changed()]
    return run
