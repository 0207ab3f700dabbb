"""The one way Fagkraft writes .xlsx: typed cells by kind, a bold frozen header row,
column widths from the content, translated sheet titles, the workbook as bytes.

Every export builds its sheets with `typed_sheet` (or `write_only_row` for streamed
ones): each column has a kind from core.cells (count, percent, hours, FTE, date, ...),
which sets the cell's number format with the same decimals the pages show. Percentages
are stored as fractions (0.78125) and shown 78,1 %; dates are date cells, dd.mm.yyyy.

No exported text becomes a live formula: openpyxl stores a string starting with '=' as
a formula, so every text a spreadsheet could run (core.cells) is written as a string
cell with Excel's quote prefix. `workbook_bytes` does this for every cell of a workbook
before saving; write-only (streaming) workbooks build their rows with `write_only_row`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fagkraft.core.cells import (
    AUTO,
    COUNT,
    DATE,
    DATETIME,
    ID,
    NUMBER,
    PERCENT,
    TEXT,
    YEAR,
    Kind,
    is_formula_like,
)

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_WIDTH, MIN_WIDTH = 60, 6
_DIGITS = re.compile(r"^[1-9]\d{0,14}$")


@dataclass(frozen=True)
class Column:
    """A column: its header and the kind of its values; width None: from the content."""

    header: Any
    kind: Kind = AUTO
    width: int | None = None


@dataclass(frozen=True)
class As:
    """One value with a kind of its own, in a column of mixed figures (a base year
    among rates)."""

    value: Any
    kind: Kind


_LOCAL_NUMBER = re.compile(r"^([-+−]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})*|\d+)(?:[,.](\d+))?( ?%)?$")


def number_or_text(text: Any) -> Any:
    """A number written as text for a page ('12,34', '1 234', '+1,5') as an As(number) with
    the decimals it was written with; any other text as it is."""
    match = _LOCAL_NUMBER.match(str(text).strip())
    if not match:
        return text
    sign, whole, decimals, percent = match.groups()
    digits = re.sub(r"\D", "", whole)
    number = float(f"{digits}.{decimals or '0'}") * (-1 if sign in ("-", "−") else 1)
    places = len(decimals or "")
    if percent:
        return As(number / 100, PERCENT)
    fmt = ("#,##0" if digits != whole else "0") + (f".{'0' * places}" if places else "")
    return As(number if places else int(number), Kind(f"{places} decimals", places, fmt))


def _column(spec: Column | Any) -> Column:
    return spec if isinstance(spec, Column) else Column(spec)


def sheet_title(text: str, taken: Iterable[str] = ()) -> str:
    """A sheet title Excel takes: none of []:*?/\\, at most 31 characters (cut with an
    ellipsis), unique in the workbook."""
    name = "".join(" " if char in "[]:*?/\\" else char for char in str(text)).strip()
    taken = set(taken)
    unique = name if len(name) <= 31 else f"{name[:30]}…"
    number = 1
    while unique in taken:
        number += 1
        unique = f"{name[:27]}… {number}"
    return unique


def typed(value: Any, kind: Kind) -> tuple[Any, str | None]:
    """The value to store and its number format for a column of this kind."""
    if isinstance(value, As):
        value, kind = value.value, value.kind
    if value is None or value == "":
        return None, None
    if isinstance(value, bool):
        return (_("Yes") if value else _("No")), None
    if isinstance(value, Decimal):
        value = int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, str) or not isinstance(value, int | float | dt.date):
        text = str(value)  # lazy translations, the hidden mark "x"
        if kind is ID and _DIGITS.match(text):
            return int(text), ID.excel
        return text, None
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None), DATETIME.excel
    if isinstance(value, dt.date):
        return value, DATE.excel
    if kind in (AUTO, TEXT, DATE, DATETIME):
        kind = NUMBER if isinstance(value, float) else ID
    if kind in (COUNT, YEAR, ID) and isinstance(value, float) and not value.is_integer():
        kind = NUMBER
    return value, kind.excel


def _set(cell: Cell | WriteOnlyCell, value: Any, kind: Kind) -> None:
    cell.value, number_format = typed(value, kind)
    if number_format:
        cell.number_format = number_format
    make_inert(cell)


class TypedSheet:
    """A sheet being written: `append` types each cell by its column's kind."""

    def __init__(self, workbook: Workbook, title: str, columns: Sequence[Column | Any]) -> None:
        self.columns = [_column(spec) for spec in columns]
        self.sheet = workbook.create_sheet(
            sheet_title(title, (sheet.title for sheet in workbook.worksheets)))
        for index, column in enumerate(self.columns, start=1):
            _set(self.sheet.cell(1, index), column.header, YEAR)
            self.sheet.cell(1, index).font = Font(bold=True)
        self.sheet.freeze_panes = "A2"

    @property
    def max_row(self) -> int:
        return self.sheet.max_row

    def append(self, values: Sequence[Any]) -> None:
        row = self.sheet.max_row + 1
        for index, value in enumerate(values, start=1):
            kind = self.columns[index - 1].kind if index <= len(self.columns) else AUTO
            _set(self.sheet.cell(row, index), value, kind)

    def cell(self, row: int, column: int) -> Cell:
        return self.sheet.cell(row, column)


def typed_sheet(workbook: Workbook, title: str, columns: Sequence[Column | Any]) -> TypedSheet:
    """A new sheet (title made safe for Excel) with its bold, frozen header row."""
    return TypedSheet(workbook, title, columns)


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def _text_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.datetime):
        return 19
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return max(len(line) for line in str(value).split("\n"))


def fit_widths(sheet: Worksheet) -> None:
    """Every used column whose width is not set yet as wide as its longest cell (within
    6-60 characters)."""
    longest: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            longest[cell.column] = max(longest.get(cell.column, 0), _text_width(cell.value))
    for column, length in longest.items():
        letter = get_column_letter(column)
        if letter not in sheet.column_dimensions:
            sheet.column_dimensions[letter].width = min(MAX_WIDTH, max(MIN_WIDTH, length + 2))


def make_inert(cell: Cell | WriteOnlyCell) -> None:
    """A formula-like text stays text: a string cell, shown with Excel's quote prefix."""
    if isinstance(cell.value, str) and is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def write_only_sheet(workbook: Workbook, title: str, columns: Sequence[Column]) -> Any:
    """A streamed sheet: widths from the headers and kinds (set before any row), then
    the bold header row; append rows built with `write_only_row`."""
    sheet = workbook.create_sheet(sheet_title(title))
    for index, column in enumerate(columns, start=1):
        least = {DATE: 12, DATETIME: 20}.get(column.kind, 10)
        sheet.column_dimensions[get_column_letter(index)].width = column.width or min(
            MAX_WIDTH, max(least, len(str(column.header)) + 2))
    header = write_only_row(sheet, [column.header for column in columns])
    for cell in header:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    sheet.append(header)
    return sheet


def write_only_row(sheet: Any, values: Sequence[Any],
                   kinds: Sequence[Kind] | None = None) -> list[WriteOnlyCell]:
    """Cells for a write-only sheet's append, typed by the columns' kinds."""
    cells = []
    for index, value in enumerate(values):
        cell = WriteOnlyCell(sheet)
        _set(cell, value, kinds[index] if kinds and index < len(kinds) else AUTO)
        cells.append(cell)
    return cells


def workbook_bytes(workbook: Workbook) -> bytes:
    """The saved workbook: column widths fitted, every formula-like text made inert."""
    if not workbook.write_only:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    make_inert(cell)
            fit_widths(sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, basename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{basename}.xlsx"'
    return response


def report_workbook(title: str, columns: Sequence[Column],
                    rows: Iterable[Sequence[Any]]) -> bytes:
    """One sheet for people to read: bold frozen header, typed cells, fitted widths."""
    workbook = new_workbook()
    sheet = typed_sheet(workbook, title, columns)
    for index, column in enumerate(columns, start=1):
        if column.width:
            sheet.sheet.column_dimensions[get_column_letter(index)].width = column.width
    for row in rows:
        sheet.append(row)
    return workbook_bytes(workbook)
