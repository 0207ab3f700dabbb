"""Employment spells from a file for `fagkraft retention`: CSV or .xlsx, the HR formats.

Columns ansattnummer;startdato;sluttdato;sluttårsak (the HR import's headers, aliases and
reason words; other columns are ignored). Every problem is collected with its row and
column, and a file with any problem yields no spells. Reading and cell parsing go through
the validation kernel every import shares (fagkraft.core.validation) and nothing else.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from fagkraft.core.validation import (
    Problem,
    ProblemCollector,
    RowReader,
    locate_columns,
    parse_date,
    read_or_report,
)
from fagkraft.engine.retention import Spell, cause_of
from fagkraft.workforce.hr_columns import EMPLOYEE_COLUMNS, LEAVING_REASON_WORDS

SPELL_COLUMN_NAMES = ("ansattnummer", "startdato", "sluttdato", "sluttårsak")
REQUIRED = {"ansattnummer", "startdato"}


@dataclass(frozen=True)
class _Column:
    name: str
    aliases: tuple[str, ...]
    required: bool


SPELL_COLUMNS = tuple(
    _Column(column.name, column.aliases, column.name in REQUIRED)
    for column in EMPLOYEE_COLUMNS if column.name in SPELL_COLUMN_NAMES
)


class SpellsFileInvalid(Exception):
    def __init__(self, errors: list[Problem]) -> None:
        super().__init__(f"{len(errors)} problems")
        self.errors = errors


def read_spells(file_name: str, data: bytes) -> list[Spell]:
    """The file's spells; raises SpellsFileInvalid with every problem found."""
    errors = ProblemCollector()
    table = read_or_report(file_name, data, errors)
    if table is None:
        raise SpellsFileInvalid(errors.problems)
    positions = locate_columns(table.header, SPELL_COLUMNS, errors)
    if errors:
        raise SpellsFileInvalid(errors.problems)
    spells = []
    for row, cells in table.rows:
        spell = _spell(row, RowReader(positions, cells), errors)
        if spell is not None:
            spells.append(spell)
    if errors:
        raise SpellsFileInvalid(errors.problems)
    return spells


def _spell(row: int, cells: RowReader, errors: ProblemCollector) -> Spell | None:
    employee = cells["ansattnummer"]
    if not employee:
        errors.add(row, "ansattnummer", _("Required"))
    start = _date(row, "startdato", cells["startdato"], errors, required=True)
    end = _date(row, "sluttdato", cells["sluttdato"], errors, required=False)
    if start and end and end < start:
        errors.add(row, "sluttdato", _("End date is before start date"))
    reason_text = " ".join(cells["sluttårsak"].lower().split())
    reason = {**LEAVING_REASON_WORDS, "": ""}.get(reason_text)
    if reason is None:
        errors.add(row, "sluttårsak", _("Unknown reason for leaving '%(value)s'")
                   % {"value": cells["sluttårsak"]})
    elif reason and not cells["sluttdato"]:
        errors.add(row, "sluttårsak", _("A reason for leaving needs an end date"))
    if errors.row_is_bad(row) or start is None:
        return None
    return Spell(employee, start, end, cause_of(reason) if end else None)


def _date(row: int, column: str, text: str, errors: ProblemCollector, *,
          required: bool) -> dt.date | None:
    if not text:
        if required:
            errors.add(row, column, _("Required"))
        return None
    try:
        value = parse_date(text)
    except ValueError:
        errors.add(row, column, _("Not a date: '%(value)s' (use dd.mm.yyyy)") % {"value": text})
        return None
    if not 1900 <= value.year <= 2100:
        errors.add(row, column, _("Date out of range: '%(value)s'") % {"value": text})
        return None
    return value
