"""The few openpyxl steps every Excel export shares: a sheet with a bold, frozen header
row, rows whose dates show as dd.mm.yyyy, the workbook as bytes and as a download."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

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


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(content: bytes, basename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{basename}.xlsx"'
    return response
