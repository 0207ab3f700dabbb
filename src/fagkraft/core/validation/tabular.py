"""Reading tabular files people bring (CSV, .xlsx) into rows of strings.

The one tabular reader of every import (HR, completions, learning goals, workload).
Files are untrusted: an .xlsx is a zip whose members' declared sizes are checked before
anything is unpacked, its declared dimensions before any row is read, and reading stops
at the row and column limits (settings IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS,
IMPORT_MAX_UNPACKED_MB), so a bomb is refused in well under a second with bounded memory.
Every cell comes back as a stripped string with its file row number (the header is row
1), so validators report the row the user sees when they open the file. Parsing helpers
understand the Norwegian conventions of HR exports: decimal comma, dd.mm.yyyy dates,
birth years on their own.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from fagkraft.core.conf import setting

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
DELIMITERS = (";", ",", "\t")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")  # Excel's "Unicode text" is UTF-16 LE with a BOM
MAX_ZIP_MEMBERS = 10_000


class UnreadableFile(Exception):
    """The file as a whole cannot be read; the message is shown to the user."""


@dataclass(frozen=True)
class Limits:
    """How big a file may be: rows below the header, columns, unpacked bytes of an .xlsx."""

    rows: int
    columns: int
    unpacked_bytes: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(int(setting("IMPORT_MAX_ROWS")), int(setting("IMPORT_MAX_COLUMNS")),
                   int(setting("IMPORT_MAX_UNPACKED_MB")) * 1024 * 1024)


@dataclass
class Table:
    header: list[str]
    # (file row number, cells); fully empty rows are left out but keep their numbers.
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def read_table(file_name: str, data: bytes, limits: Limits | None = None) -> Table:
    """Read a CSV or .xlsx file. Raises UnreadableFile with a message for the user."""
    limits = limits or Limits.from_settings()
    name = file_name.lower()
    if data.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise UnreadableFile(_("Old Excel files (.xls) are not supported: save as .xlsx or CSV."))
    if data.startswith(XLSX_MAGIC) or name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data, limits)
    return _read_csv(data, limits)


def _too_many_rows(limits: Limits) -> UnreadableFile:
    return UnreadableFile(_(
        "The file has more than %(count)s rows below the header; split it into smaller "
        "files.") % {"count": limits.rows})


def _too_many_columns(limits: Limits) -> UnreadableFile:
    return UnreadableFile(_(
        "The file has more than %(count)s columns; remove the columns the import does not "
        "use.") % {"count": limits.columns})


# --- CSV ----------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) first; HR systems on Windows write Windows-1252; a
    UTF-16 byte order mark (Excel's "Unicode text") means UTF-16."""
    if data.startswith(UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise UnreadableFile(_(
                "The file says it is UTF-16 text (Excel's \"Unicode text\") but is not valid "
                "UTF-16; save it again as CSV UTF-8.")) from error
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            _("The file is not text in UTF-8 or Windows-1252, nor an .xlsx workbook.")
        ) from error


def sniff_delimiter(text: str) -> str:
    """The separator used in the header line: whichever of ; , tab occurs most."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {delimiter: first_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ";"


def _read_csv(data: bytes, limits: Limits) -> Table:
    text = decode_text(data)
    if "\x00" in text:
        if _looks_like_utf16(data):
            raise UnreadableFile(_(
                "The file looks like UTF-16 text without a byte order mark; save it as "
                "CSV UTF-8 or as Excel's \"Unicode text\"."))
        raise UnreadableFile(_("The file contains binary data; expected CSV or .xlsx."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        # A generator: _to_table stops reading at the limits.
        return _to_table(([cell.strip() for cell in record] for record in reader), limits)
    except csv.Error as error:
        message = _("The CSV file is malformed: %(error)s") % {"error": error}
        raise UnreadableFile(message) from error


def _looks_like_utf16(data: bytes) -> bool:
    """NUL in (nearly) every other byte: UTF-16 text without its byte order mark."""
    sample = data[:400]
    halves = (sample[0::2], sample[1::2])
    return any(half and half.count(0) >= 0.9 * len(half) for half in halves)


def _to_table(records: Iterable[list[str]], limits: Limits) -> Table:
    """Rows from any record iterator; stops reading at the limits, so a huge file costs
    no more than the limit."""
    iterator = iter(records)
    header = next(iterator, None)
    if not header or not any(header):
        raise UnreadableFile(_("The first row must hold the column headers."))
    if len(header) > limits.columns:
        raise _too_many_columns(limits)
    table = Table(header=[clean_header(cell) for cell in header])
    for number, cells in enumerate(iterator, start=2):
        if number - 1 > limits.rows:
            raise _too_many_rows(limits)
        if any(cells):
            if len(cells) > limits.columns and any(cells[limits.columns:]):
                raise _too_many_columns(limits)
            table.rows.append((number, cells[:limits.columns]))
    return table


# --- Excel --------------------------------------------------------------------------


def check_zip_sizes(data: bytes, limits: Limits) -> None:
    """Refuse a workbook whose members would unpack to more than the limit, before any
    member is unpacked. zipfile never unpacks more than a member's declared size, so the
    declared sizes are a real bound."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as error:
        raise UnreadableFile(_("The file is not a valid .xlsx workbook.")) from error
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > limits.unpacked_bytes:
        raise UnreadableFile(_(
            "The workbook would unpack to %(size)s MB, more than the %(limit)s MB allowed; "
            "it is refused unread. Save the sheet as CSV or remove what the import does not "
            "need.") % {"size": unpacked // (1024 * 1024),
                        "limit": limits.unpacked_bytes // (1024 * 1024)})


def _read_xlsx(data: bytes, limits: Limits) -> Table:
    check_zip_sizes(data, limits)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl's own errors on damaged files
        raise UnreadableFile(_("The file is not a valid .xlsx workbook.")) from error
    try:
        sheet = workbook.worksheets[0]
        # The declared dimension (<dimension ref="A1:XFD1048576"/>) is what openpyxl pads
        # every row to: check it before reading a single row.
        declared_rows, declared_columns = sheet.max_row, sheet.max_column
        if declared_columns is not None and declared_columns > limits.columns:
            raise _too_many_columns(limits)
        if declared_rows is not None and declared_rows - 1 > limits.rows:
            raise _too_many_rows(limits)
        rows = sheet.iter_rows(max_col=min(declared_columns or limits.columns + 1,
                                           limits.columns + 1))
        # Trailing empty cells from formatting are noise; trim them so rows compare cleanly.
        return _to_table((_trim([xlsx_cell_text(cell) for cell in row]) for row in rows),
                         limits)
    except UnreadableFile:
        raise
    except Exception as error:  # damaged sheet XML surfaces only while iterating
        raise UnreadableFile(_("The file is not a valid .xlsx workbook.")) from error
    finally:
        workbook.close()


def _trim(record: list[str]) -> list[str]:
    while record and not record[-1]:
        record.pop()
    return record


def xlsx_cell_text(cell: Any) -> str:
    """A cell as the text a CSV export would hold: ISO dates, plain numbers."""
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)  # "nan", "inf": the row rules refuse it as not a number
    if isinstance(value, int | float):
        number = Decimal(str(value))
        # A cell formatted as percent stores 0.8 for 80 %.
        if "%" in (getattr(cell, "number_format", "") or ""):
            number *= 100
        return number_text(number)
    return str(value).strip()


def number_text(number: Decimal) -> str:
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


# --- Headers ------------------------------------------------------------------------


def clean_header(text: str) -> str:
    return text.strip().strip('"').strip()


_SEPARATORS = re.compile(r"[\s\-_./]+")


def fold_header(text: str) -> str:
    """A header reduced for comparison: case, separators and æ/ø/å spellings don't matter.

    "Fødselsdato", "fodselsdato" and "FOEDSELSDATO" all fold to "fodselsdato";
    "Slutt-årsak" and "sluttaarsak" to "sluttarsak"; "Employee Number" and
    "employee_number" to "employenumber".
    """
    text = unicodedata.normalize("NFC", clean_header(text)).lower()
    text = _SEPARATORS.sub("", text)
    for letter, plain in (("æ", "ae"), ("ø", "o"), ("å", "a"), ("ä", "ae"), ("ö", "o")):
        text = text.replace(letter, plain)
    # Transliterations without the special letters: "oe" for ø, "aa" for å.
    return text.replace("oe", "o").replace("aa", "a")


# --- Cell parsing -------------------------------------------------------------------

_DATE_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")
_YEAR = re.compile(r"^\d{4}$")


def parse_date(text: str) -> dt.date:
    """dd.mm.yyyy or yyyy-mm-dd (what xlsx date cells become). ValueError otherwise."""
    text = text.strip()
    if match := _DATE_DMY.match(text):
        day, month, year = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    if match := _DATE_ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
        return dt.date(year, month, day)
    raise ValueError(text)


def parse_birth(text: str) -> tuple[dt.date | None, int]:
    """A birth date or a birth year on its own: (date or None, year). ValueError otherwise."""
    text = text.strip()
    if _YEAR.match(text):
        return None, int(text)
    born = parse_date(text)
    return born, born.year


def parse_decimal(text: str) -> Decimal:
    """Decimal comma or point, optional trailing '%' and spaces. ValueError otherwise."""
    cleaned = text.strip().removesuffix("%").strip().replace("\u00a0", "").replace(" ", "")
    if cleaned.count(",") + cleaned.count(".") > 1:
        raise ValueError(text)
    try:
        number = Decimal(cleaned.replace(",", "."))
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not number.is_finite():
        raise ValueError(text)
    return number
