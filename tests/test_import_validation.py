"""Every problem in an HR file is reported with its row and column, all at once."""

from __future__ import annotations

import pytest
from django.utils import translation

from fagkraft.core.validation import Problem as RowError
from fagkraft.imports.services import import_employees
from fagkraft.workforce.models import Employee
from tests.import_support import (
    BAD_CSV,
    HEADER,
    build_import_org,
    csv_bytes,
    department_leader,
)

GOOD_ROW = ("900201;Gunn;Fjellstad;12.06.1979;K;9100201;psychologist;NVHF-PHBU-BUP-NORD;"
            "100;fast;01.01.2020;;")


@pytest.fixture(autouse=True)
def english():
    """Messages are checked against their English source text; bokmål has its own test."""
    with translation.override("en"):
        yield


@pytest.fixture
def org(world):
    return build_import_org(world)


def check(*rows: str, header: str = HEADER, actor=None, column_map=None) -> list[RowError]:
    result = import_employees(actor, "test.csv", csv_bytes(*rows, header=header),
                              column_map, dry_run=True)
    return result.errors


def replace(row: str, column: str, value: str) -> str:
    cells = row.split(";")
    cells[HEADER.split(";").index(column)] = value
    return ";".join(cells)


def test_good_row_has_no_errors(org):
    assert check(GOOD_ROW) == []


def test_bad_example_file_gives_the_expected_list(org):
    """examples/hr_eksempel_feil.csv: one mistake per row 3-14, row 2 is good.

    Row 10 repeats row 2 exactly (same employee, unit and start); row 11 is the same
    employee 900101 in another unit but with another birth date than row 2.
    """
    result = import_employees(None, BAD_CSV.name, BAD_CSV.read_bytes(), dry_run=True)
    assert [(error.row, error.column, error.message) for error in result.errors] == [
        (3, "enhet", "Unknown unit code 'BUP-X'"),
        (4, "yrke", "Unknown profession 'Psykolog X'"),
        (5, "startdato", "Not a date: '31.02.2020' (use dd.mm.yyyy)"),
        (6, "fornavn", "Required"),
        (7, "stillingsprosent", "Share of full time must be between 0 and 100"),
        (8, "sluttdato", "End date is before start date"),
        (9, "stillingstype",
         "Unknown position type 'fastt' (use fast, midlertidig or utdanning)"),
        (10, "", "Duplicate row for employee 900101 in unit NVHF-PHBU-BUP-NORD starting "
                 "01.01.2020 (see row 2)"),
        (11, "fødselsdato", "Differs from row 2 for employee 900101"),
        (12, "hpr_nummer", "Not an HPR number: '12AB' (6 to 9 digits)"),
        (13, "sluttårsak", "A reason for leaving needs an end date"),
        (14, "kjønn", "Unknown sex 'X' (use K, M or leave empty)"),
        (14, "stillingsprosent", "Not a number: 'åtti'"),
    ]
    assert result.rows == 13
    assert not result.written


def test_all_problems_of_one_row_are_collected(org):
    row = "900202;;Berg;31.12.1899;?;12;ukjent;NOWHERE;0;fastt;2020-13-01;;"
    errors = check(row)
    assert [(error.row, error.column) for error in errors] == [
        (2, "fornavn"), (2, "fødselsdato"), (2, "kjønn"), (2, "hpr_nummer"), (2, "yrke"),
        (2, "enhet"), (2, "stillingsprosent"), (2, "stillingstype"), (2, "startdato"),
    ]


def test_problems_in_many_rows_are_all_reported(org):
    rows = [replace(GOOD_ROW, "enhet", f"BUP-{n}").replace("900201", f"90030{n}")
            for n in range(5)]
    errors = check(GOOD_ROW.replace("900201", "900299"), *rows)
    assert [error.row for error in errors] == [3, 4, 5, 6, 7]
    assert errors[4].message == "Unknown unit code 'BUP-4'"


def test_missing_required_columns_are_reported_once_on_row_1(org):
    header = HEADER.replace(";yrke;enhet", "")
    row = GOOD_ROW.replace(";psychologist;NVHF-PHBU-BUP-NORD", "")
    # Three data rows, but the two missing columns are reported once each, not per row.
    errors = check(row, row, row, header=header)
    assert errors == [
        RowError(1, "yrke", "Required column 'yrke' is missing"),
        RowError(1, "enhet", "Required column 'enhet' is missing"),
    ]


def test_optional_columns_may_be_left_out(org):
    header = "ansattnummer;fornavn;etternavn;fødselsdato;yrke;enhet;stillingsprosent;" \
             "stillingstype;startdato"
    assert check("900203;Ola;Li;1980;nurse;NVHF-PHBU-BUP-SOR;50;fast;01.01.2021",
                 header=header) == []


def test_english_aliases_any_case_and_order(org):
    header = ("UNIT;Employee Number;first_name;Last_Name;Birth_Date;Sex;HPR;Profession;"
              "FTE_percent;Position_Type;Start_Date;End_Date;Leaving_Reason")
    row = "NVHF-PHBU-BUP-NORD;900204;Anne;Ås;1985-04-03;female;;NURSE;80.5;temporary;" \
          "2021-02-01;2021-12-31;end_of_contract"
    assert check(row, header=header) == []


def test_norwegian_letter_spellings_in_headers(org):
    header = HEADER.replace("fødselsdato", "Foedselsdato").replace("kjønn", "KJONN") \
        .replace("sluttårsak", "Slutt-aarsak")
    assert check(GOOD_ROW, header=header) == []


def test_a_column_given_twice_is_an_error(org):
    header = HEADER + ";employee_number"
    errors = check(GOOD_ROW + ";900201", header=header)
    assert errors == [RowError(
        1, "ansattnummer",
        "Column 'employee_number' appears more than once (also as 'ansattnummer')")]


def test_column_map_translates_other_headers(org):
    header = HEADER.replace("ansattnummer", "Ansatt ID").replace("enhet", "Org.enhet")
    assert check(GOOD_ROW, header=header)[0].message == \
        "Required column 'ansattnummer' is missing"
    mapping = {"Ansatt ID": "ansattnummer", "org.enhet": "unit"}
    assert check(GOOD_ROW, header=header, column_map=mapping) == []


def test_profession_by_code_or_name_any_case(org):
    for value in ("psychologist", "PSYKOLOG", "psykolog", "Klinisk pedagog", "specialist-nurse"):
        assert check(replace(GOOD_ROW, "yrke", value)) == [], value
    assert check(replace(GOOD_ROW, "yrke", "Psykolog X"))[0] == \
        RowError(2, "yrke", "Unknown profession 'Psykolog X'")


def test_unit_code_any_case_but_must_exist(org):
    assert check(replace(GOOD_ROW, "enhet", "nvhf-phbu-bup-nord")) == []
    assert check(replace(GOOD_ROW, "enhet", "BUP-X")) == [
        RowError(2, "enhet", "Unknown unit code 'BUP-X'")]


def test_positions_cannot_be_placed_in_a_trust(org):
    assert check(replace(GOOD_ROW, "enhet", "NVHF")) == [RowError(
        2, "enhet", "Unit 'NVHF' is a health trust or region; positions belong to a clinic, "
                    "department or section")]


def test_scope_limits_the_units(world, org):
    """leader_lise leads NV-BUP-A only; the department leader has both BUP sections."""
    outside = RowError(2, "enhet", "Unit 'NVHF-PHBU-BUP-NORD' is outside the part of the "
                                   "organisation you may import for")
    assert check(GOOD_ROW, actor=world.users["leader_lise"]) == [outside]
    assert check(GOOD_ROW, actor=world.users["adviser_sara"]) == [outside]
    assert check(GOOD_ROW, actor=world.users["adviser_arne"]) == []
    assert check(GOOD_ROW, actor=department_leader(org)) == []
    assert check(GOOD_ROW, actor=world.users["admin_ada"]) == []
    assert check(GOOD_ROW, actor=world.users["planner_pia"]) == [outside]


@pytest.mark.parametrize(("column", "value", "message"), [
    ("fødselsdato", "1969", None),
    ("fødselsdato", "69", "Not a birth date or year: '69' (use dd.mm.yyyy or yyyy)"),
    ("fødselsdato", "01.01.2999", "Birth date out of range: '01.01.2999'"),
    ("kjønn", "", None),
    ("kjønn", "Kvinne", None),
    ("hpr_nummer", "12345", "Not an HPR number: '12345' (6 to 9 digits)"),
    ("hpr_nummer", "1234567890", "Not an HPR number: '1234567890' (6 to 9 digits)"),
    ("stillingsprosent", "80,5", None),
    ("stillingsprosent", "0", "Share of full time must be between 0 and 100"),
    ("stillingsprosent", "100,5", "Share of full time must be between 0 and 100"),
    ("stillingsprosent", "33,333", "Share of full time has more than two decimals: '33,333'"),
    ("stillingstype", "Utdanning", None),
    ("stillingstype", "", "Required"),
    ("startdato", "2020-01-01", None),
    ("startdato", "01.01.1850", "Date out of range: '01.01.1850'"),
    ("sluttdato", "31.02.2021", "Not a date: '31.02.2021' (use dd.mm.yyyy)"),
    ("sluttdato", "31.12.2019", "End date is before start date"),
    ("sluttårsak", "dødsfall", "A reason for leaving needs an end date"),
    ("ansattnummer", "9" * 33, "Too long: at most 32 characters"),
    ("etternavn", "", "Required"),
])
def test_cell_rules(org, column, value, message):
    errors = check(replace(GOOD_ROW, column, value))
    assert errors == ([] if message is None else [RowError(2, column, message)])


def test_leaving_reason_with_end_date_is_fine(org):
    row = replace(replace(GOOD_ROW, "sluttdato", "31.12.2021"), "sluttårsak", "Pensjon")
    assert check(row) == []
    assert check(replace(row, "sluttårsak", "lei av det")) == [
        RowError(2, "sluttårsak", "Unknown reason for leaving 'lei av det'")]


def test_same_employee_must_be_described_the_same_way(org):
    second = replace(replace(GOOD_ROW, "enhet", "NVHF-PHBU-BUP-SOR"), "etternavn", "Fjellstue")
    second = replace(replace(second, "yrke", "nurse"), "startdato", "01.01.2022")
    assert check(GOOD_ROW, second) == [
        RowError(3, "etternavn", "Differs from row 2 for employee 900201"),
        RowError(3, "yrke", "Differs from row 2 for employee 900201"),
    ]


def test_several_positions_of_one_employee_are_fine(org):
    moved = replace(replace(GOOD_ROW, "sluttdato", "31.12.2021"), "sluttårsak", "intern")
    later = replace(replace(GOOD_ROW, "enhet", "NVHF-PHBU-BUP-SOR"), "startdato", "01.01.2022")
    assert check(moved, later) == []


def test_header_only_file(org):
    assert check() == [RowError(1, "", "The file has no rows below the header")]


def test_unreadable_file_is_one_error_on_row_1(org):
    result = import_employees(None, "x.xls", b"\xd0\xcf\x11\xe0junk", dry_run=True)
    assert result.errors == [RowError(
        1, "", "Old Excel files (.xls) are not supported: save as .xlsx or CSV.")]


def test_messages_in_norwegian(org):
    with translation.override("nb"):
        result = import_employees(None, BAD_CSV.name, BAD_CSV.read_bytes(), dry_run=True)
    messages = {(error.row, error.column): error.message for error in result.errors}
    assert messages[(3, "enhet")] == "Ukjent enhetskode 'BUP-X'"
    assert messages[(4, "yrke")] == "Ukjent yrke 'Psykolog X'"
    assert messages[(5, "startdato")] == "Ikke en dato: '31.02.2020' (bruk dd.mm.åååå)"
    assert messages[(6, "fornavn")] == "Må fylles ut"
    assert messages[(7, "stillingsprosent")] == "Stillingsprosenten må være mellom 0 og 100"
    assert messages[(8, "sluttdato")] == "Sluttdatoen er før startdatoen"


def test_validation_writes_nothing(org):
    before = Employee.objects.count()
    import_employees(None, "test.csv", csv_bytes(GOOD_ROW), dry_run=True)
    assert Employee.objects.count() == before
