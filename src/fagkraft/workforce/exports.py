"""Staff and vacancy exports as .xlsx and CSV.

The staff export writes the HR import format (hr_columns): Norwegian headers, one row
per position, the cell words the import reads. CSV follows Norwegian HR-system habits
(';' delimiter, decimal comma, dd.mm.yyyy, UTF-8 with a byte order mark so Excel shows
æ ø å); .xlsx holds real dates and numbers. An exported file can be imported again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from fagkraft.core.xlsx import XLSX_TYPE
from fagkraft.workforce.hr_columns import (
    COLUMN_NAMES,
    LEAVING_REASON_WORDS,
    POSITION_KIND_WORDS,
    SEX_WORDS,
    export_word,
)
from fagkraft.workforce.models import Position, Vacancy

FORMATS = ("xlsx", "csv")
DATE_FORMAT = "%d.%m.%Y"
XLSX_DATE_FORMAT = "DD.MM.YYYY"

VACANCY_COLUMNS: tuple[str, ...] = (
    "enhet", "enhetsnavn", "yrke", "stillingsprosent", "stillingstype", "utlyst", "besatt",
    "trukket", "dager_åpen",
)

Row = Sequence[Any]


def staff_rows(positions: QuerySet[Position]) -> list[Row]:
    """One row per position, in COLUMN_NAMES order, with Python values (dates, Decimals)."""
    fields = (
        "employee__employee_number", "employee__first_name", "employee__last_name",
        "employee__birth_date", "employee__birth_year", "employee__sex",
        "employee__hpr_number", "employee__profession__code", "unit__code", "fte_percent",
        "kind", "start_date", "end_date", "leaving_reason",
    )
    rows = positions.order_by("employee__employee_number", "start_date", "pk").values_list(*fields)
    return [
        (number, first, last, born or year, export_word(SEX_WORDS, sex), hpr, profession, unit,
         fte, export_word(POSITION_KIND_WORDS, kind), start, end,
         export_word(LEAVING_REASON_WORDS, reason) if reason else "")
        for (number, first, last, born, year, sex, hpr, profession, unit, fte, kind, start, end,
             reason) in rows
    ]


def vacancy_rows(vacancies: QuerySet[Vacancy], today: dt.date) -> list[Row]:
    rows = vacancies.order_by("opened_on", "pk").values_list(
        "unit__code", "unit__name", "profession__code", "fte_percent", "kind", "opened_on",
        "filled_on", "closed_on",
    )
    return [
        (code, name, profession, fte, export_word(POSITION_KIND_WORDS, kind), opened, filled,
         closed, ((filled or closed or today) - opened).days)
        for code, name, profession, fte, kind, opened, filled, closed in rows
    ]


def staff_headers() -> tuple[str, ...]:
    return COLUMN_NAMES


# --- Cell formatting ------------------------------------------------------------------


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, Decimal):
        # 80.00 -> "80", 80.50 -> "80,5": no trailing zeros, decimal comma.
        text = format(value.normalize(), "f")
        return text.replace(".", ",")
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    return str(value)


def xlsx_cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# --- Responses --------------------------------------------------------------------------


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_bytes(headers: Sequence[str], rows: Iterable[Row]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Row], title: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    sheet.append(list(headers))
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=xlsx_cell(value))
            if isinstance(value, dt.date):
                cell.number_format = XLSX_DATE_FORMAT
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def file_response(
    fmt: str, basename: str, headers: Sequence[str], rows: Iterable[Row], title: str
) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(csv_bytes(headers, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(xlsx_bytes(headers, rows, title), content_type=XLSX_TYPE)
    return _attachment(response, f"{basename}.{fmt}")
