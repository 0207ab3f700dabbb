"""Which exported texts a spreadsheet could take for a formula (CSV injection).

Spreadsheets read a cell that starts with `=`, `+`, `-` or `@` as a formula, and a
leading tab or carriage return can hide such a start. Names and other text come from
imported files, so they are untrusted: the .xlsx writer (core.xlsx) stores such a text as
a string cell with Excel's quote prefix, and the CSV writer (core.csvfile) prefixes it
with a single quote, as OWASP's CSV-injection advice says. A plain number written as text
("-3,5", "+47") is left alone: no spreadsheet runs it, and exports stay readable.

Below: the kinds of figure (count, percent, hours, FTE, ...) with their decimals, which
the pages' filters and the .xlsx cells share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.formats import number_format

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?%?$")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(text)


def csv_safe_text(text: str) -> str:
    """The text with a leading single quote when a spreadsheet would run it."""
    return f"'{text}" if is_formula_like(text) else text


# --- Kinds of figure: one definition of decimals for pages, charts and exports ----------


@dataclass(frozen=True)
class Kind:
    """What a figure is: its decimals on a page and in Excel, and Excel's number format.

    Pages format with `shown_as` (core/templatetags/numbers.py, and the unit pages'
    `percent` and `fte` filters); .xlsx exports (core.xlsx) write the value itself with
    `excel` as the number format, so a figure reads the same on the page and in Excel.
    """

    name: str
    decimals: int | None  # None: not a number (text, date)
    excel: str = "General"
    grouping: bool = True  # thousands grouped: 1 234 (not for years and ids)
    percent: bool = False  # stored as a fraction (0.78125), shown as 78,1 %
    # Up to `decimals`, without trailing zeros: a figure somebody typed (7,25 hours, 20
    # minutes) reads as typed, not padded to 20,00.
    trim: bool = False


COUNT = Kind("count", 0, "#,##0")
YEAR = Kind("year", 0, "0", grouping=False)
ID = Kind("id", 0, "0", grouping=False)  # employee and record numbers
NUMBER = Kind("number", 2, "#,##0.00")
NUMBER1 = Kind("number1", 1, "#,##0.0")  # goal values, projected headcounts: one decimal
SIGNED = Kind("signed", 2, "+#,##0.00;-#,##0.00;0.00")  # growth in percent, errors: +3,61
PERCENT = Kind("percent", 1, "0.0 %", percent=True)
HOURS = Kind("hours", 1, "#,##0.0")
FTE = Kind("fte", 1, "#,##0.0")  # sums of full-time equivalents, as the unit pages show
# One position's share of full time (0,75) and WISN's staff figures: two decimals.
FTE2 = Kind("fte2", 2, "#,##0.00")
FACTOR = Kind("factor", 4, "0.0000")  # WISN's CAF and IAF
# What a person typed (a course's hours, minutes per unit, a position's per cent of full
# time): as typed on a page, up to the two decimals the fields hold. Excel has no format
# that drops zeros without leaving a bare comma ("20,"), so exports pad to two decimals.
ENTERED = Kind("entered", 2, "#,##0.00", trim=True)
MONEY = Kind("money", 0, "#,##0")
DATE = Kind("date", None, "DD.MM.YYYY")
DATETIME = Kind("datetime", None, "dd.mm.yyyy hh:mm:ss")
TEXT = Kind("text", None)
AUTO = Kind("auto", None)  # by the value: dates as DATE, integers as ID, floats as NUMBER


def shown_as(value: float | int | None, kind: Kind, empty: str = "–") -> str:
    """The figure as a page shows it in the active language, rounded (not cut) to the
    kind's decimals: shown_as(2/3, PERCENT) == '66,7 %'."""
    if value is None:
        return empty
    decimals = kind.decimals or 0
    number = float(value) * 100 if kind.percent else value
    if kind.trim:
        rounded = round(float(number), decimals)
        decimals = next(places for places in range(decimals + 1)
                        if round(rounded, places) == rounded)
    text = number_format(round(number, decimals), decimal_pos=decimals, use_l10n=True,
                         force_grouping=kind.grouping)
    return f"{text} %" if kind.percent else text
