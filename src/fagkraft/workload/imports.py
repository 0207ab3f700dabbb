"""Importing activity figures (annual workload, time per unit) into a WISN study.

A CSV or .xlsx file with one row per activity: staff category, activity, annual
workload and (optionally) minutes per unit and source. Existing activities are updated,
new ones added (they need minutes per unit). Runs through the shared skeleton
(fagkraft.core.validation.run_import): every problem is reported with its row and column,
a dry run only checks, and the write is one transaction, so a file with any problem
writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from fagkraft.audit.services import Actor
from fagkraft.core.validation import (
    Problem,
    ProblemCollector,
    RowReader,
    Table,
    locate_columns,
    parse_decimal,
    run_import,
)
from fagkraft.workload import services
from fagkraft.workload.models import WisnStudy

MAX_WORKLOAD = Decimal("10000000000")
MAX_MINUTES = Decimal("1000000")


@dataclass(frozen=True)
class WorkloadColumn:
    name: str
    aliases: tuple[str, ...]
    required: bool


COLUMNS = (
    WorkloadColumn("kategori", ("category", "staff_category", "yrkesgruppe"), True),
    WorkloadColumn("aktivitet", ("activity",), True),
    WorkloadColumn("årlig_arbeidsmengde", ("annual_workload", "antall", "arbeidsmengde"), True),
    WorkloadColumn("minutter_per_enhet", ("minutes_per_unit", "minutter"), False),
    WorkloadColumn("kilde", ("source",), False),
)


@dataclass
class WorkloadImportResult:
    errors: list[Problem] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


def _number(errors: ProblemCollector, row: int, column: str, text: str, *, positive: bool,
            limit: Decimal) -> Decimal | None:
    try:
        value = parse_decimal(text)
    except ValueError:
        errors.add(row, column, _("'%(value)s' is not a number") % {"value": text})
        return None
    if value < 0 or (positive and value == 0) or value >= limit:
        message = (_("must be greater than 0") if positive
                   else _("must be 0 or more")) if value < limit else _("is too large")
        errors.add(row, column, message)
        return None
    if value != value.quantize(Decimal("0.01")):
        errors.add(row, column, _("use at most two decimals"))
        return None
    return value


Planned = tuple[Any, Any, str, Decimal | None, Decimal | None, str]


def _validate(study: WisnStudy, table: Table, errors: ProblemCollector) -> list[Planned]:
    positions = locate_columns(table.header, COLUMNS, errors)
    if errors:
        return []
    categories = {category.name.casefold(): category for category in study.categories.all()}
    existing = {(a.category_id, a.name.casefold()): a for category in categories.values()
                for a in category.activities.all()}
    planned: list[Planned] = []
    seen: dict[tuple[int, str], int] = {}
    for row, cells in table.rows:
        read = RowReader(positions, cells)
        category = categories.get(read["kategori"].strip().casefold())
        if category is None:
            errors.add(row, "kategori",
                       _("no staff category '%(name)s' in the study; it has: %(names)s")
                       % {"name": read["kategori"].strip(),
                          "names": ", ".join(c.name for c in categories.values())})
        name = read["aktivitet"].strip()
        if not name:
            errors.add(row, "aktivitet", _("is empty"))
        workload = _number(errors, row, "årlig_arbeidsmengde", read["årlig_arbeidsmengde"],
                           positive=False, limit=MAX_WORKLOAD)
        minutes_text = read["minutter_per_enhet"].strip()
        minutes = (_number(errors, row, "minutter_per_enhet", minutes_text, positive=True,
                           limit=MAX_MINUTES) if minutes_text else None)
        if category is None or not name:
            continue
        key = (category.pk, name.casefold())
        if key in seen:
            errors.add(row, "aktivitet", _("the same activity is also on row %(row)s")
                       % {"row": seen[key]})
            continue
        seen[key] = row
        activity = existing.get(key)
        if activity is None and not minutes_text:
            errors.add(row, "minutter_per_enhet", _("a new activity needs minutes per unit"))
        if not errors.row_is_bad(row):
            planned.append((category, activity, name, workload, minutes,
                            read["kilde"].strip()))
    return planned


def import_workload(actor: Actor, study: WisnStudy, file_name: str, data: bytes, *,
                    dry_run: bool = False) -> WorkloadImportResult:
    """Validate an activity file and, unless dry_run or any row is bad, write it."""

    def write(planned: list[Planned]) -> bool:
        for category, activity, name, workload, minutes, source in planned:
            if activity is None:
                services.add_activity(actor, category, name=name, annual_workload=workload,
                                      minutes_per_unit=minutes, source=source, via=file_name)
                continue
            changes: dict[str, Any] = {"annual_workload": workload}
            if minutes is not None:
                changes["minutes_per_unit"] = minutes
            if source:
                changes["source"] = source
            services.update_activity(actor, activity, **changes)
        return True

    run = run_import(file_name, data, validate=lambda table, errors: _validate(
        study, table, errors), write=write, dry_run=dry_run)
    if run.problems:
        return WorkloadImportResult(run.problems)
    planned = run.plan or []
    created = sum(1 for item in planned if item[1] is None)
    return WorkloadImportResult(created=created, updated=len(planned) - created,
                                written=bool(run.written))
