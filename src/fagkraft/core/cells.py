"""Which exported texts a spreadsheet could take for a formula (CSV injection).

Spreadsheets read a cell that starts with `=`, `+`, `-` or `@` as a formula, and a
leading tab or carriage return can hide such a start. Names and other text come from
imported files, so they are untrusted: the .xlsx writer (core.xlsx) stores such a text as
a string cell with Excel's quote prefix, and the CSV writer (core.csvfile) prefixes it
with a single quote, as OWASP's CSV-injection advice says. A plain number written as text
("-3,5", "+47") is left alone: no spreadsheet runs it, and exports stay readable.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?%?$")


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(text)


def csv_safe_text(text: str) -> str:
    """The text with a leading single quote when a spreadsheet would run it."""
    return f"'{text}" if is_formula_like(text) else text
