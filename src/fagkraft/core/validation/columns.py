"""Finding a table's columns by name or alias, and reading a row's cells by column.

Generic: any file type describes its columns with objects that have `name`, `aliases` and
`required` (see fagkraft.workforce.hr_columns.HrColumn); problems go to the collector.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from django.utils.translation import gettext as _

from fagkraft.core.validation.problems import HEADER_ROW, ProblemCollector
from fagkraft.core.validation.tabular import fold_header


class ColumnSpec(Protocol):
    name: str
    aliases: tuple[str, ...]
    required: bool


def locate_columns(
    header: Sequence[str],
    columns: Sequence[ColumnSpec],
    errors: ProblemCollector,
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
