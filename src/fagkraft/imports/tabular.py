"""Reading tabular files people bring (CSV, .xlsx) into rows of strings.

Generic on purpose: the HR import uses it today and the competence import will reuse it.
Every cell comes back as a stripped string with its file row number (the header is row
1), so validators report the row the user sees when they open the file. Parsing helpers
understand the Norwegian conventions of HR exports: decimal comma, dd.mm.yyyy dates,
birth years on their own.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # the old binary .xls format
DELIMITERS = (";", ",", "\t")


class UnreadableFile(Exception):
    """The file as a whole cannot be read; the message is shown to the user."""


@dataclass
class Table:
    header: list[str]
    # (file row number, cells); fully empty rows are left out but keep their numbers.
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


def read_table(file_name: str, data: bytes) -> Table:
    """Read a CSV or .xlsx file. Raises UnreadableFile with a message for the user."""
    name = file_name.lower()
    if data.startswith(OLE_MAGIC) or name.endswith(".xls"):
        raise UnreadableFile(_("Old Excel files (.xls) are not supported: save as .xlsx or CSV."))
    if data.startswith(XLSX_MAGIC) or name.endswith((".xlsx", ".xlsm")):
        return _read_xlsx(data)
    return _read_csv(data)


# --- CSV ----------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) first; HR systems on Windows write Windows-1252."""
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


def _read_csv(data: bytes) -> Table:
    text = decode_text(data)
    if "\x00" in text:
        raise UnreadableFile(_("The file contains binary data; expected CSV or .xlsx."))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))
    try:
        records = [[cell.strip() for cell in record] for record in reader]
    except csv.Error as error:
        message = _("The CSV file is malformed: %(error)s") % {"error": error}
        raise UnreadableFile(message) from error
    return _to_table(records)


def _to_table(records: list[list[str]]) -> Table:
    if not records or not any(records[0]):
        raise UnreadableFile(_("The first row must hold the column headers."))
    table = Table(header=[clean_header(cell) for cell in records[0]])
    for number, cells in enumerate(records[1:], start=2):
        if any(cells):
            table.rows.append((number, cells))
    return table


# --- Excel --------------------------------------------------------------------------


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # zipfile, XML and openpyxl's own errors on damaged files
        raise UnreadableFile(_("The file is not a valid .xlsx workbook.")) from error
    try:
        sheet = workbook.worksheets[0]
        records = [[xlsx_cell_text(cell) for cell in row] for row in sheet.iter_rows()]
    except Exception as error:  # damaged sheet XML surfaces only while iterating
        raise UnreadableFile(_("The file is not a valid .xlsx workbook.")) from error
    finally:
        workbook.close()
    # Trailing empty cells from formatting are noise; trim them so rows compare cleanly.
    return _to_table([_trim(record) for record in records])


def _trim(record: list[str]) -> list[str]:
    while record and not record[-1]:
        record.pop()
    return record


def xlsx_cell_text(cell) -> str:
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
