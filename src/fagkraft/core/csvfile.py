"""The one CSV writer of every export: Norwegian HR-system habits and no live formulas.

';' delimiter, decimal comma, dd.mm.yyyy dates, UTF-8 with a byte order mark so Excel
shows æ ø å. A text that a spreadsheet would run as a formula gets a leading single
quote (core.cells), so a name like `=HYPERLINK(...)` from an imported file stays text.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any

from fagkraft.core.cells import csv_safe_text

DATE_FORMAT = "%d.%m.%Y"
DATETIME_FORMAT = "%d.%m.%Y %H:%M:%S"
BOM = "\ufeff"


def csv_cell(value: Any) -> str:
    """One value as CSV text: numbers with a decimal comma, Norwegian dates, inert text."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime(DATETIME_FORMAT)
    if isinstance(value, dt.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, Decimal):
        # 80.00 -> "80", 80.50 -> "80,5": no trailing zeros, decimal comma.
        return format(value.normalize(), "f").replace(".", ",")
    if isinstance(value, float):
        return repr(value).replace(".", ",")
    if isinstance(value, bool | int):
        return str(value)
    return csv_safe_text(str(value))


class _Echo:
    """A file-like object whose write returns the line, for streaming responses."""

    def write(self, value: str) -> str:
        return value


def csv_lines(headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """The file line by line (BOM first), for a StreamingHttpResponse."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield BOM
    yield writer.writerow([csv_cell(value) for value in headers])
    for row in rows:
        yield writer.writerow([csv_cell(value) for value in row])


def csv_bytes(headers: Sequence[Any], rows: Iterable[Sequence[Any]]) -> bytes:
    return "".join(csv_lines(headers, rows)).encode("utf-8")
