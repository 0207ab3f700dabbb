"""Reading HR files: delimiters, encodings, Norwegian numbers and dates, .xlsx cells."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook

from fagkraft.core.validation.tabular import (
    UnreadableFile,
    fold_header,
    parse_birth,
    parse_date,
    parse_decimal,
    read_table,
    sniff_delimiter,
)


def test_semicolon_file_with_decimal_comma_keeps_the_comma_in_the_cell():
    table = read_table("a.csv", "nr;navn;prosent\n1;Åse;80,5\n".encode())
    assert table.header == ["nr", "navn", "prosent"]
    assert table.rows == [(2, ["1", "Åse", "80,5"])]


def test_comma_file_with_quoted_decimal_comma():
    table = read_table("a.csv", b'nr,name,fte\n1,Ola,"80,5"\n2,Kari,100\n')
    assert table.rows == [(2, ["1", "Ola", "80,5"]), (3, ["2", "Kari", "100"])]


def test_delimiter_is_taken_from_the_header_line():
    # Header has 2 semicolons and no commas, so ';' even though a later row has commas.
    assert sniff_delimiter("a;b;c\n1,5;2,5;3\n") == ";"
    assert sniff_delimiter("a,b,c\n") == ","
    assert sniff_delimiter("\n\na\tb\n") == "\t"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_encodings_with_norwegian_letters(encoding):
    text = "fødselsdato;etternavn;sluttårsak\n1980;Ærø Østby Ålesund;dødsfall\n"
    table = read_table("a.csv", text.encode(encoding))
    # The BOM must not stick to the first header, and Windows-1252 æøå must decode.
    assert table.header == ["fødselsdato", "etternavn", "sluttårsak"]
    assert table.rows[0][1] == ["1980", "Ærø Østby Ålesund", "dødsfall"]


def test_windows_1252_bytes_are_not_mistaken_for_utf8():
    # "Ø" is the single byte 0xD8 in Windows-1252, an invalid start byte in UTF-8.
    assert "Øystein".encode("cp1252") == b"\xd8ystein"
    table = read_table("a.csv", b"fornavn\n\xd8ystein\n")
    assert table.rows == [(2, ["Øystein"])]


def test_row_numbers_are_file_rows_and_blank_rows_are_skipped():
    table = read_table("a.csv", b"a;b\n1;2\n;\n\n3;4\n")
    # Rows 3 (only separators) and 4 (empty) are left out; row 5 keeps its number.
    assert table.rows == [(2, ["1", "2"]), (5, ["3", "4"])]


def test_cells_are_stripped():
    table = read_table("a.csv", b" a ; b \n 1 ;  x  \n")
    assert table.header == ["a", "b"]
    assert table.rows == [(2, ["1", "x"])]


@pytest.mark.parametrize(("text", "expected"), [
    ("80,5", Decimal("80.5")),
    ("80.5", Decimal("80.5")),
    ("100", Decimal("100")),
    (" 60 ", Decimal("60")),
    ("75 %", Decimal("75")),
    ("12,25", Decimal("12.25")),
])
def test_decimal_comma_and_point(text, expected):
    assert parse_decimal(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "1.000,5", "80,5,5", "NaN", "Infinity", "åtti"])
def test_not_numbers(text):
    with pytest.raises(ValueError):
        parse_decimal(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("01.02.2020", dt.date(2020, 2, 1)),
    ("1.2.2020", dt.date(2020, 2, 1)),
    ("2020-02-01", dt.date(2020, 2, 1)),
    ("2020-02-01 00:00:00", dt.date(2020, 2, 1)),
    ("29.02.2024", dt.date(2024, 2, 29)),
])
def test_dates_norwegian_and_iso(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31.02.2020", "29.02.2023", "01.13.2020", "01.02.20",
                                  "2020/02/01", "02/01/2020", "i går", ""])
def test_not_dates(text):
    with pytest.raises(ValueError):
        parse_date(text)


def test_birth_date_or_year_only():
    assert parse_birth("1969") == (None, 1969)
    assert parse_birth("14.03.1978") == (dt.date(1978, 3, 14), 1978)
    with pytest.raises(ValueError):
        parse_birth("69")


@pytest.mark.parametrize("header", ["Fødselsdato", "fodselsdato", "FOEDSELSDATO",
                                    " fødselsdato ", "Fødsels-dato"])
def test_header_spellings_fold_together(header):
    assert fold_header(header) == fold_header("fødselsdato")


def test_header_with_aa_for_å_and_spaces():
    assert fold_header("Slutt årsak") == fold_header("sluttårsak") == fold_header("sluttaarsak")
    assert fold_header("Employee Number") == fold_header("employee_number")


def _xlsx(rows, formats=None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for (row, column), number_format in (formats or {}).items():
        sheet.cell(row=row, column=column).number_format = number_format
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_xlsx_cells_become_csv_like_text():
    data = _xlsx(
        [["ansattnummer", "fødselsdato", "stillingsprosent", "andel", "startdato", "navn"],
         [900001, dt.datetime(1978, 3, 14), 80.5, 0.8, dt.date(2020, 1, 1), "Åsne"],
         [900002, 1969, 100, None, dt.datetime(2010, 1, 1), "  Øystein "]],
        formats={(2, 4): "0%"},
    )
    table = read_table("hr.xlsx", data)
    assert table.header[1] == "fødselsdato"
    # Integers lose no digits, dates come out ISO, the 0% formatted 0.8 means 80 %.
    assert table.rows == [
        (2, ["900001", "1978-03-14", "80.5", "80", "2020-01-01", "Åsne"]),
        (3, ["900002", "1969", "100", "", "2010-01-01", "Øystein"]),
    ]


def test_xlsx_detected_by_content_even_with_a_csv_name():
    table = read_table("export.csv", _xlsx([["a"], ["x"]]))
    assert table.rows == [(2, ["x"])]


@pytest.mark.parametrize(("name", "data"), [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100),
    ("broken.xlsx", b"PK\x03\x04 this is not a zip archive"),
    ("binary.csv", b"\x81\x8d\x8f\x90\x9d"),  # undefined in Windows-1252, invalid UTF-8
    ("nul.csv", b"a;b\n1\x00;2\n"),
    ("empty.csv", b""),
    ("blank-header.csv", b";;\n1;2;3\n"),
])
def test_unreadable_files_raise_a_message(name, data):
    with pytest.raises(UnreadableFile) as problem:
        read_table(name, data)
    assert str(problem.value)
