"""Collecting every problem in a file, and finding its columns.

Validation never stops at the first problem (like pandera's lazy validation): each check
adds a RowError and carries on, so the user fixes the whole file in one go. Generic: any
file type describes its columns with objects that have `name`, `aliases` and `required`
(see fagkraft.workforce.hr_columns.HrColumn).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext as _

from fagkraft.imports.tabular import Table, UnreadableFile, fold_header, read_table

HEADER_ROW = 1


class ColumnSpec(Protocol):
    name: str
    aliases: tuple[str, ...]
    required: bool


@dataclass(frozen=True, order=True)
class RowError:
    row: int
    column: str  # our column name; "" when the problem is the whole row or file
    message: str

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "message": self.message}


class ErrorCollector:
    def __init__(self) -> None:
        self._errors: list[RowError] = []
        self._bad_rows: set[int] = set()

    def add(self, row: int, column: str, message: str) -> None:
        self._errors.append(RowError(row, column, str(message)))
        self._bad_rows.add(row)

    def row_is_bad(self, row: int) -> bool:
        return row in self._bad_rows

    @property
    def errors(self) -> list[RowError]:
        """In file order: by row, then in the order the checks found them."""
        return sorted(self._errors, key=lambda error: error.row)

    def __bool__(self) -> bool:
        return bool(self._errors)

    def __len__(self) -> int:
        return len(self._errors)


def read_or_report(file_name: str, data: bytes, errors: ErrorCollector) -> Table | None:
    """Read a file for an import; an unreadable or empty file becomes an error on row 1."""
    try:
        table = read_table(file_name, data)
    except UnreadableFile as problem:
        errors.add(HEADER_ROW, "", str(problem))
        return None
    if not table.rows:
        errors.add(HEADER_ROW, "", _("The file has no rows below the header"))
    return table


def locate_columns(
    header: Sequence[str],
    columns: Sequence[ColumnSpec],
    errors: ErrorCollector,
    column_map: Mapping[str, str] | None = None,
) -> dict[str, int]:
    """Our column name -> index in the file's header.

    A saved column map (their header -> our column name) is applied first; otherwise a
    header matches a column's name or one of its aliases, ignoring case, spacing and
    æ/ø/å spellings. Missing required columns and columns given twice are reported once,
    on the header row. Headers we don't know are ignored.
    """
    known: dict[str, str] = {}
    for column in columns:
        for word in (column.name, *column.aliases):
            known.setdefault(fold_header(word), column.name)
    mapped = {
        fold_header(theirs): known.get(fold_header(ours), ours)
        for theirs, ours in (column_map or {}).items()
    }
    found: dict[str, int] = {}
    for index, title in enumerate(header):
        folded = fold_header(title)
        name = mapped.get(folded) or known.get(folded)
        if not name:
            continue
        if name in found:
            errors.add(
                HEADER_ROW, name,
                _("Column '%(column)s' appears more than once (also as '%(other)s')")
                % {"column": title, "other": header[found[name]]},
            )
            continue
        found[name] = index
    for column in columns:
        if column.required and column.name not in found:
            errors.add(HEADER_ROW, column.name,
                       _("Required column '%(column)s' is missing") % {"column": column.name})
    return found


class RowReader:
    """Cells of one row by our column name; absent columns and short rows read as ''."""

    def __init__(self, positions: Mapping[str, int], cells: Sequence[str]) -> None:
        self._positions = positions
        self._cells = cells

    def __getitem__(self, name: str) -> str:
        index = self._positions.get(name)
        if index is None or index >= len(self._cells):
            return ""
        return self._cells[index]

    def has(self, name: str) -> bool:
        return name in self._positions
