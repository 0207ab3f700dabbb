"""The few openpyxl steps every Excel export shares: a sheet with a bold, frozen header
row, rows whose dates show as dd.mm.yyyy, the workbook as bytes and as a download.

No exported text becomes a live formula: openpyxl stores a string starting with '=' as
a formula, so every text a spreadsheet could run (core.cells) is written as a string
cell with Excel's quote prefix. `workbook_bytes` does this for every cell of a workbook
before saving; write-only (streaming) workbooks build their rows with `write_only_row`.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fagkraft.core.cells import is_formula_like

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD.MM.YYYY"


def header_sheet(workbook: Workbook, title: str, headers: Sequence[str]) -> Worksheet:
    """A new sheet (Excel allows 31 characters in a title) with its header row."""
    sheet = workbook.create_sheet(title[:31])
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    return sheet


def append_row(sheet: Worksheet, values: Sequence[Any]) -> None:
    """One row; real dates stay dates, shown the Norwegian way."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, dt.date):
            cell.number_format = DATE_FORMAT


def make_inert(cell: Cell | WriteOnlyCell) -> None:
    """A formula-like text stays text: a string cell, shown with Excel's quote prefix."""
    if isinstance(cell.value, str) and is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True


def write_only_row(sheet: Any, values: Sequence[Any],
                   formats: dict[int, str] | None = None) -> list[WriteOnlyCell]:
    """Cells for a write-only sheet's append: inert texts, dates dd.mm.yyyy (or the
    format given for a column)."""
    cells = []
    for index, value in enumerate(values):
        cell = WriteOnlyCell(sheet, value=value)
        if formats and index in formats:
            cell.number_format = formats[index]
        elif isinstance(value, dt.date):
            cell.number_format = DATE_FORMAT
        make_inert(cell)
        cells.append(cell)
    return cells


def workbook_bytes(workbook: Workbook) -> bytes:
    """The saved workbook, with every formula-like text made inert first."""
    if not workbook.write_only:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    make_inert(cell)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, basename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{basename}.xlsx"'
    return response


FTE_FORMAT = "0.00"  # full-time equivalents, e.g. 0.80
# Shares are stored as fractions (0.78125) and shown as the pages show them: 78,1 %.
PERCENT_FORMAT = "0.0%"
INTEGER_FORMAT = "0"


@dataclass(frozen=True)
class ReportColumn:
    """A column of a readable report: its header, width (characters) and number format."""

    header: str
    width: int
    number_format: str | None = None  # None: dates dd.mm.yyyy, other values as they are


def report_workbook(title: str, columns: Sequence[ReportColumn],
                    rows: Iterable[Sequence[Any]]) -> bytes:
    """One sheet for people to read: bold frozen header, typed cells, set column widths."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheet = header_sheet(workbook, title, [column.header for column in columns])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    for row in rows:
        append_row(sheet, row)
        for cell, column in zip(sheet[sheet.max_row], columns, strict=True):
            if column.number_format and cell.value is not None:
                cell.number_format = column.number_format
    return workbook_bytes(workbook)
