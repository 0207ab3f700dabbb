"""Staff and vacancy exports as .xlsx and CSV.

The staff export writes the HR import format (hr_columns): Norwegian headers, one row
per position, the cell words the import reads. CSV follows Norwegian HR-system habits
(';' delimiter, decimal comma, dd.mm.yyyy, UTF-8 with a byte order mark so Excel shows
æ ø å); .xlsx holds real dates and numbers. An exported file can be imported again.
Both go through core (core.csvfile, core.xlsx), which keep formula-like names inert.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from fagkraft.core.cells import AUTO, COUNT, DATE, FTE2, ID, Kind
from fagkraft.core.csvfile import csv_bytes
from fagkraft.core.xlsx import (
    XLSX_TYPE,
    Column,
    workbook_bytes,
    write_only_row,
    write_only_sheet,
)
from fagkraft.workforce.hr_columns import (
    COLUMN_NAMES,
    LEAVING_REASON_WORDS,
    POSITION_KIND_WORDS,
    SEX_WORDS,
    export_word,
)
from fagkraft.workforce.models import Position, PositionKind, SpecialistApproval, Vacancy

FORMATS = ("xlsx", "csv")

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
    rows = positions.order_by("employee__employee_number", "start_date", "pk").values_list(
        "employee_id", *fields)
    approvals = latest_approvals(positions)
    return [
        (number, first, last, born or year, export_word(SEX_WORDS, sex), hpr, profession, unit,
         fte, export_word(POSITION_KIND_WORDS, kind), start, end,
         export_word(LEAVING_REASON_WORDS, reason) if reason else "",
         *approvals.get(employee_id, ("", None)))
        for (employee_id, number, first, last, born, year, sex, hpr, profession, unit, fte, kind,
             start, end, reason) in rows
    ]


def latest_approvals(positions: QuerySet[Position]) -> dict[int, tuple[str, dt.date]]:
    """Employee id -> (specialty code, approval date) of their latest approval in force
    today: the one the import's spesialitet / spesialist_godkjent columns carry."""
    in_force = SpecialistApproval.objects.filter(
        SpecialistApproval.active_on_q(timezone.localdate()),
        employee_id__in=positions.values("employee_id"),
    ).order_by("employee_id", "approved_on", "pk")
    return {employee_id: (code, approved_on) for employee_id, code, approved_on
            in in_force.values_list("employee_id", "specialty__code", "approved_on")}


def staff_report_columns() -> tuple[Column, ...]:
    return (
        Column(_("First name")), Column(_("Last name")), Column(_("Profession")),
        Column(_("Age"), COUNT), Column(_("FTE"), FTE2), Column(_("Position type")),
        Column(_("Unit")), Column(_("Specialist")), Column(_("Start date"), DATE),
    )


def staff_report_rows(positions: QuerySet[Position], today: dt.date) -> list[Row]:
    """The staff export for people to read: one row per position, display names, age
    today, FTE as a share, the specialist approval in force today as Ja/Nei."""
    approvals = latest_approvals(positions)
    rows = positions.select_related("employee__profession", "unit").order_by(
        "employee__last_name", "employee__first_name", "start_date", "pk")
    return [
        (position.employee.first_name, position.employee.last_name,
         position.employee.profession.name, position.employee.age_on(today),
         float(position.fte_percent) / 100, str(PositionKind(position.kind).label),
         position.unit.name, _("Yes") if position.employee_id in approvals else _("No"),
         position.start_date)
        for position in rows
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


def xlsx_cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


# --- Responses --------------------------------------------------------------------------


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# The import format's columns whose values are not plain text or dates (core.cells kinds);
# the rest go by their value (dates dd.mm.yyyy, whole numbers as they are).
KINDS: dict[str, Kind] = {"ansattnummer": ID, "hpr_nummer": ID, "dager_åpen": COUNT}


def xlsx_bytes(headers: Sequence[str], rows: Iterable[Row], title: str) -> bytes:
    workbook = Workbook(write_only=True)
    columns = [Column(header, KINDS.get(header, AUTO)) for header in headers]
    sheet = write_only_sheet(workbook, title, columns)
    kinds = [column.kind for column in columns]
    for row in rows:
        sheet.append(write_only_row(sheet, [xlsx_cell(value) for value in row], kinds))
    return workbook_bytes(workbook)


def file_response(
    fmt: str, basename: str, headers: Sequence[str], rows: Iterable[Row], title: str
) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(csv_bytes(headers, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(xlsx_bytes(headers, rows, title), content_type=XLSX_TYPE)
    return _attachment(response, f"{basename}.{fmt}")
