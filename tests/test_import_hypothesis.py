"""Generated garbage never crashes the import and never writes part of a file.

Properties, for any input:
- import_employees returns an ImportResult (no exception escapes);
- if it reports errors, the register and the audit log are exactly as before;
- if it reports none, it wrote exactly the counts it reports.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fagkraft.audit.models import AuditEvent
from fagkraft.imports.services import ImportResult, import_employees
from fagkraft.workforce.hr_columns import COLUMN_NAMES
from fagkraft.workforce.models import Employee, Position
from tests.import_support import build_import_org

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])

# Plausible and implausible values per column, mixed with arbitrary text.
VALID = {
    "ansattnummer": ["900501", "900502", "900503", ""],
    "fornavn": ["Åse", "Ola", ""],
    "etternavn": ["Ødegård", "Berg"],
    "fødselsdato": ["1970", "01.02.1980", "1985-12-31", "31.02.1980", "2999"],
    "kjønn": ["K", "M", "", "x"],
    "hpr_nummer": ["", "1234567", "12ab"],
    "yrke": ["nurse", "Psykolog", "doctor", "Ukjent"],
    "enhet": ["NVHF-PHBU-BUP-NORD", "NVHF-PHBU-BUP-SOR", "NVHF", "BUP-X"],
    "stillingsprosent": ["100", "80,5", "0", "101", "abc"],
    "stillingstype": ["fast", "midlertidig", "utdanning", "?"],
    "startdato": ["01.01.2020", "2021-06-01", "1.1.1800", ""],
    "sluttdato": ["", "31.12.2019", "31.12.2022"],
    "sluttårsak": ["", "oppsigelse", "pensjon", "tull"],
    "spesialitet": ["", "PS-BU", "LE-XYZ"],
    "spesialist_godkjent": ["", "01.06.2019", "31.13.2020", "01.01.2099"],
}
DELIMITERS = [";", ","]


def snapshot() -> tuple[int, int, int]:
    return Employee.objects.count(), Position.objects.count(), AuditEvent.objects.count()


def check_all_or_nothing(result: ImportResult, before: tuple[int, int, int]) -> None:
    assert isinstance(result, ImportResult)
    people, positions, events = snapshot()
    if result.errors:
        assert not result.written
        assert (people, positions, events) == before
    else:
        # Records written plus one audit event per record and one for the import.
        new_people = result.employees.created
        touched = (new_people + result.employees.updated + result.positions.created
                   + result.positions.updated)
        assert people == before[0] + new_people
        assert positions == before[1] + result.positions.created
        assert events == before[2] + touched + 1


@pytest.fixture
def org(world):
    return build_import_org(world)


@SETTINGS
@given(data=st.binary(max_size=2000), name=st.sampled_from(["a.csv", "b.xlsx", "c.txt"]))
def test_random_bytes(org, data, name):
    before = snapshot()
    result = import_employees(None, name, data)
    assert result.errors  # random bytes never make a valid HR file
    check_all_or_nothing(result, before)


@SETTINGS
@given(text=st.text(max_size=500),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_random_text_below_a_valid_header(org, text, encoding):
    data = (";".join(COLUMN_NAMES) + "\n" + text).encode(encoding, errors="replace")
    before = snapshot()
    check_all_or_nothing(import_employees(None, "t.csv", data), before)


cell = st.one_of(st.text(max_size=12), st.sampled_from(sum(VALID.values(), [])))


@st.composite
def hr_files(draw) -> bytes:
    """A header of some of our columns in any order, rows of plausible or random cells."""
    columns = draw(st.lists(st.sampled_from(COLUMN_NAMES), min_size=1, max_size=16))
    columns = draw(st.permutations(columns))
    delimiter = draw(st.sampled_from(DELIMITERS))
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        rows.append([draw(st.one_of(st.sampled_from(VALID[column]), cell))
                     for column in columns])
    if draw(st.booleans()) and rows:
        rows.append(rows[0])  # a duplicated row
    lines = [delimiter.join(columns)]
    for row in rows:
        lines.append(delimiter.join(f'"{value}"' if delimiter in value or '"' in value
                                    or "\n" in value else value for value in row))
    return ("\n".join(lines) + "\n").encode(draw(st.sampled_from(["utf-8", "cp1252"])),
                                            errors="replace")


@SETTINGS
@given(data=hr_files())
def test_shuffled_missing_and_garbage_columns(org, data):
    before = snapshot()
    check_all_or_nothing(import_employees(None, "h.csv", data), before)


@SETTINGS
@given(order=st.permutations(COLUMN_NAMES))
def test_any_column_order_reads_the_same(org, order):
    """The same valid row with the columns in any order is valid and would create 1 + 1."""
    values = {"ansattnummer": "900599", "fornavn": "Åse", "etternavn": "Ødegård",
              "fødselsdato": "01.02.1980", "kjønn": "K", "hpr_nummer": "",
              "yrke": "nurse", "enhet": "NVHF-PHBU-BUP-SOR", "stillingsprosent": "80,5",
              "stillingstype": "fast", "startdato": "01.01.2020", "sluttdato": "",
              "sluttårsak": "", "spesialitet": "", "spesialist_godkjent": ""}
    data = (";".join(order) + "\n" + ";".join(values[name] for name in order) + "\n").encode()
    result = import_employees(None, "o.csv", data, dry_run=True)
    assert result.errors == []
    assert (result.employees.created, result.positions.created) == (1, 1)
